// The backup-software section run by the real /bin/sh (dash on Debian), find and dpkg-query over a planted
// host, and its parser fed output captured from dpkg-query 1.21 and rpm 4.18.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupSoftwareSection, EXE_LIST_LIMIT, parseExecutables, parseSoftwareSection } from '../../../../../src/collect/ssh/backup/software-section.js';
import { rooted, runSnippet } from '../run-snippet.js';

const M = '@@fc-software';
const TOPS = ['etc', 'var', 'run', 'lib', 'usr', 'opt', 'root', 'bin', 'sbin', 'proc'];

/** A temp tree standing in for the host's /. */
function host(): { root: string; put(path: string, content: string | Buffer, mode?: number): string; link(path: string, target: string): void } {
  const root = mkdtempSync(join(tmpdir(), 'fc-software-'));
  const put = (path: string, content: string | Buffer, mode?: number): string => {
    const p = join(root, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    if (mode !== undefined) chmodSync(p, mode);
    return p;
  };
  const link = (path: string, target: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  };
  mkdirSync(join(root, 'root'), { recursive: true });
  return { root, put, link };
}

/**
 * The shipped section's script run over the planted tree, from root's home as a login would run it,
 * with `bin` first on PATH; stderr kept apart, since a snippet's noise there is a bug too. The one
 * /proc path `rooted` cannot see (`${bkp#/proc/}`, after a `#`) is moved by hand.
 */
function collect(root: string, prefix = '') {
  const script = rooted(backupSoftwareSection.script, root, TOPS).replaceAll('#/proc/', `#${root}/proc/`);
  const run = runSnippet(`${prefix}\n{\n${script}\n} 2>"${root}/stderr"`, M, { cwd: join(root, 'root'), limitMs: 20_000 });
  expect(run).toMatchObject({ status: 0, timedOut: false });
  return { fact: parseSoftwareSection(run.text.replaceAll(root, ''), M), stderr: readFileSync(join(root, 'stderr'), 'utf8') };
}

// `dpkg-query -W` over this status file (DPKG_ADMINDIR), as dpkg 1.21.22 printed it:
//   iHR|bacula-fd|9.6.7-7 / rc |borgbackup|1.2.4-1 / ii |restic|0.14.0-1+b5 / un |rsnapshot|
const DPKG_STATUS = `Package: restic
Status: install ok installed
Priority: optional
Section: utils
Maintainer: Debian Go Packaging Team <team+pkg-go@tracker.debian.org>
Architecture: amd64
Version: 0.14.0-1+b5
Description: backup program with multiple revisions, encryption and more

Package: borgbackup
Status: deinstall ok config-files
Priority: optional
Section: admin
Maintainer: Debian Borg Collective <team+borg@tracker.debian.org>
Architecture: amd64
Version: 1.2.4-1
Description: deduplicating and compressing backup program

Package: bacula-fd
Status: install reinstreq half-installed
Priority: optional
Section: admin
Maintainer: Debian Bacula Team <team+bacula@tracker.debian.org>
Architecture: amd64
Version: 9.6.7-7
Description: network backup service - file daemon

Package: rsnapshot
Status: deinstall ok not-installed
Architecture: all
`;

// rpm is not on every machine that runs these tests: this stands in for `rpm -q --qf FORMAT NAME…` and
// answers each name as rpm 4.18 did over a database holding these two packages (built with rpmbuild).
const FAKE_RPM = `#!/bin/sh
shift 3
for p; do
  case $p in
    restic) echo 'restic|0.16.4-1.fc40' ;;
    borgbackup) echo 'borgbackup|1.2.8-2.el9' ;;
    *) echo "package $p is not installed" ;;
  esac
done
`;

describe('the backup-software section on a planted host', () => {
  it('finds packages, programs, units, processes, running executables and configurations, and nothing more', () => {
    const { root, put, link } = host();
    put('var/lib/dpkg/status', DPKG_STATUS);
    mkdirSync(join(root, 'var/lib/dpkg/info'), { recursive: true });
    mkdirSync(join(root, 'var/lib/dpkg/updates'), { recursive: true });
    mkdirSync(join(root, 'var/lib/rpm'), { recursive: true });
    put('tools/rpm', FAKE_RPM, 0o755);
    // Programs in the first and the last catalogued directory, and two catalogued by path.
    put('usr/bin/restic', '', 0o755);
    put('opt/bin/borgmatic', '', 0o755);
    put('usr/lib/Acronis/aakore/aakore', '', 0o755);
    put('opt/commvault/Base/cvd', '', 0o755);
    // A file in the login's own directory that has a catalogued name is no program of the host.
    put('root/kopia', 'notes\n');
    // Unit files in the first, third and fourth unit directory; only borgmatic.timer is enabled.
    put('etc/systemd/system/restic-backup.service', '[Service]\nExecStart=/usr/bin/restic backup\n');
    put('lib/systemd/system/borgmatic.timer', '[Timer]\nOnCalendar=daily\n');
    put('usr/lib/systemd/system/zrepl.service', '[Service]\nExecStart=/usr/bin/zrepl daemon\n');
    link('etc/systemd/system/timers.target.wants/borgmatic.timer', join(root, 'lib/systemd/system/borgmatic.timer'));
    // Enabled services that run a catalogued program by path from elsewhere, in two unit directories.
    put('srv/tools/duplicity', '', 0o755);
    put('data/kopia', '', 0o755);
    put('etc/systemd/system/multi-user.target.wants/offsite.service', `[Unit]\nDescription=offsite\n[Service]\nExecStart=-${root}/srv/tools/duplicity --full /srv\n`);
    put('usr/lib/systemd/system/multi-user.target.wants/kopia-sync.service', `[Service]\nExecStartPre=/bin/true\nExecStart=@${root}/data/kopia kopia snapshot\n`);
    // /proc: restic running from a removed directory that was named "x (deleted)"; bash; borgmatic under
    // python; and a program whose path holds a newline followed by what a dpkg line looks like.
    link('proc/self/exe', '/usr/bin/find');
    put('proc/11/comm', 'restic\n');
    put('proc/11/cmdline', 'restic\0backup\0/srv\0');
    link('proc/11/exe', '/srv/x (deleted)/restic (deleted)');
    put('proc/12/comm', 'bash\n');
    put('proc/12/cmdline', '-bash\0');
    link('proc/12/exe', '/usr/bin/bash');
    put('proc/13/comm', 'borgmatic\n');
    put('proc/13/cmdline', '/usr/bin/python3\0/usr/bin/borgmatic\0--verbosity\x001\0');
    link('proc/13/exe', '/usr/bin/python3.11');
    put('proc/14/comm', 'sleep\n');
    put('proc/14/cmdline', 'sleep\x00600\0');
    link('proc/14/exe', '/tmp/a\nii |restic|9.9');
    put('etc/restic/repo.env', 'RESTIC_REPOSITORY=sftp:backup01.provider.example:/srv/restic\n');
    put('root/.config/kopia/repository.config', '{"storage":{"type":"s3"}}\n');

    const { fact, stderr } = collect(root, `export DPKG_ADMINDIR=${root}/var/lib/dpkg\nPATH=${root}/tools:$PATH`);
    expect(stderr).toBe('');
    expect(fact.packages).toEqual([
      { manager: 'dpkg', name: 'bacula-fd', version: '9.6.7-7', status: 'iHR' },
      { manager: 'dpkg', name: 'restic', version: '0.14.0-1+b5', status: 'ii ' },
      { manager: 'rpm', name: 'restic', version: '0.16.4-1.fc40', status: 'installed' },
      { manager: 'rpm', name: 'borgbackup', version: '1.2.8-2.el9', status: 'installed' },
    ]);
    expect(fact.binaries).toEqual(['/usr/bin/restic', '/opt/bin/borgmatic', '/usr/lib/Acronis/aakore/aakore', '/opt/commvault/Base/cvd', '/srv/tools/duplicity', '/data/kopia']);
    expect(fact.units).toEqual([
      { path: '/etc/systemd/system/restic-backup.service', name: 'restic-backup.service', enabled: false },
      { path: '/lib/systemd/system/borgmatic.timer', name: 'borgmatic.timer', enabled: true },
      { path: '/usr/lib/systemd/system/zrepl.service', name: 'zrepl.service', enabled: false },
    ]);
    expect(fact.processes).toEqual([
      { pid: 11, name: 'restic', args: 'restic backup /srv' },
      { pid: 13, name: 'borgmatic', args: '/usr/bin/python3 /usr/bin/borgmatic --verbosity 1' },
    ]);
    // Only the last " (deleted)" is the kernel's; the directory keeps its own name.
    expect(fact.executables).toEqual([{ pid: 11, path: '/srv/x (deleted)/restic' }]);
    expect(fact.configs.map((c) => [c.path, c.lines])).toEqual([
      ['/etc/restic/repo.env', ['RESTIC_REPOSITORY=sftp:backup01.provider.example:/srv/restic']],
      ['/root/.config/kopia/repository.config', ['{"storage":{"type":"s3"}}']],
    ]);
    expect(fact.problems).toEqual([]);
  });

  it('finds an rpm database under /usr/lib/sysimage and says when rpm is missing; says when find cannot list programs', () => {
    const { root, put, link } = host();
    mkdirSync(join(root, 'usr/lib/sysimage/rpm'), { recursive: true });
    put('tools/rpm', FAKE_RPM, 0o755);
    // `command -v dpkg-query` fails and find has no -printf: both as on a host without them.
    const prefix = `PATH=${root}/tools:$PATH
command() { case $2 in dpkg-query) return 1 ;; esac; [ -x "${root}/tools/$2" ]; }
find() { case " $* " in *' -printf '*) return 1 ;; esac; }`;
    const found = collect(root, prefix).fact;
    expect(found.packages).toEqual([
      { manager: 'rpm', name: 'restic', version: '0.16.4-1.fc40', status: 'installed' },
      { manager: 'rpm', name: 'borgbackup', version: '1.2.8-2.el9', status: 'installed' },
    ]);
    expect(found.executables).toEqual([]);
    expect(found.problems).toEqual(['cannot list the running programs: find has no -printf']);

    put('var/lib/dpkg/status', DPKG_STATUS);
    link('proc/self/exe', '/usr/bin/find');
    const missing = collect(root, 'command() { return 1; }').fact;
    expect(missing.packages).toEqual([]);
    expect(missing.problems).toEqual(['dpkg-query is missing but /var/lib/dpkg/status exists', 'an rpm database exists but rpm is missing']);
  });
});

describe('parseSoftwareSection on captured package-manager output', () => {
  it('keeps each dpkg-query warning once, not the lines that go on from it', () => {
    // dpkg-query 1.21.22 over a status file whose restic entry lacks three fields.
    const text = [
      `${M} C dpkg `,
      "dpkg-query: warning: parsing file '/var/lib/dpkg/status' near line 4 package 'restic':",
      " missing 'Description' field",
      "dpkg-query: warning: parsing file '/var/lib/dpkg/status' near line 4 package 'restic':",
      " missing 'Maintainer' field",
      'dpkg-query: no packages found matching duplicity',
      'ii |restic|0.14.0-1',
      '',
      `${M} X dpkg 1`,
    ].join('\n');
    const fact = parseSoftwareSection(text, M);
    expect(fact.packages).toEqual([{ manager: 'dpkg', name: 'restic', version: '0.14.0-1', status: 'ii ' }]);
    expect(fact.problems).toEqual([
      "dpkg-query: warning: parsing file '/var/lib/dpkg/status' near line 4 package 'restic':",
      "dpkg-query: warning: parsing file '/var/lib/dpkg/status' near line 4 package 'restic':",
    ]);
  });

  it('names what rpm said about a broken database, and still reads the packages it listed', () => {
    // rpm 4.18 over a database file that is no sqlite database, then over a good one.
    const text = [
      `${M} C rpm `,
      "error: sqlite failure: CREATE TABLE IF NOT EXISTS 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL): file is not a database",
      'error: cannot open Packages index using sqlite - No such file or directory (2)',
      'package restic is not installed',
      '',
      `${M} X rpm 1`,
      `${M} C rpm `,
      'package bacula-fd is not installed',
      'restic|0.16.4-1.fc40',
      'borgbackup|1.2.8-2.el9',
      '',
      `${M} X rpm 2`,
    ].join('\n');
    const fact = parseSoftwareSection(text, M);
    expect(fact.packages).toEqual([
      { manager: 'rpm', name: 'restic', version: '0.16.4-1.fc40', status: 'installed' },
      { manager: 'rpm', name: 'borgbackup', version: '1.2.8-2.el9', status: 'installed' },
    ]);
    expect(fact.problems).toEqual([
      "rpm: error: sqlite failure: CREATE TABLE IF NOT EXISTS 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL): file is not a database",
      'rpm: error: cannot open Packages index using sqlite - No such file or directory (2)',
    ]);
  });

  it('is the section the collector parses with, and it never fails', async () => {
    const text = [`${M} C rpm `, 'restic|0.16.4-1.fc40', '', `${M} X rpm 0`].join('\n');
    expect(await backupSoftwareSection.parse(text, M)).toEqual({ ok: true, value: parseSoftwareSection(text, M) });
    expect(backupSoftwareSection).toMatchObject({ name: 'backup-software', fact: 'ssh.backup-software' });
  });
});

describe('parseExecutables at the read limit', () => {
  /** find -printf output of `count` bytes: one restic record, then records of sleep, the last one cut. */
  function output(count: number): string[] {
    const head = '/proc/7 /usr/bin/restic\0';
    const rec = '/proc/8 /usr/bin/sleep\0';
    const last = '/proc/9 /usr/bin/';
    const body = head + rec.repeat(Math.floor((count - head.length - last.length) / rec.length));
    return [body + last.padEnd(count - body.length, 'x')];
  }

  it('says the list was cut when it fills the limit, and not when one byte is left', () => {
    const cut: string[] = [];
    expect(Buffer.byteLength(output(EXE_LIST_LIMIT)[0]!)).toBe(EXE_LIST_LIMIT);
    expect(parseExecutables(output(EXE_LIST_LIMIT), new Set(['restic']), cut)).toEqual([{ pid: 7, path: '/usr/bin/restic' }]);
    expect(cut).toEqual([`the list of running programs was cut at ${EXE_LIST_LIMIT} bytes`]);
    const whole: string[] = [];
    parseExecutables(output(EXE_LIST_LIMIT - 1), new Set(['restic']), whole);
    expect(whole).toEqual([]);
  });
});
