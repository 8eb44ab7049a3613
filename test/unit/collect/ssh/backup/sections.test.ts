import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backupCatalogue } from '../../../../../src/catalogue/backup-catalogue.js';
import { parseSchedulesSection } from '../../../../../src/collect/ssh/backup/schedules-section.js';
import { parseExecutables, parseSoftwareSection, softwareScript } from '../../../../../src/collect/ssh/backup/software-section.js';
import { parseSectionRecords } from '../../../../../src/collect/ssh/section-framing.js';
import { parseStorageSection } from '../../../../../src/collect/ssh/backup/storage-section.js';
import { parseTargetsSection } from '../../../../../src/collect/ssh/backup/targets-section.js';
import { splitSections } from '../../../../../src/collect/ssh/collecting-script.js';
import { SSH_SECTIONS } from '../../../../../src/collect/ssh/sections.js';

// Real output of the collecting command on the lab hosts (fixtures/backup/capture.mjs).
const M = '@@fc-capture';
function section(host: string, name: string): string {
  const text = readFileSync(new URL(`../../../../../fixtures/backup/sections/${host}.txt`, import.meta.url), 'utf8');
  const part = splitSections(text, M).sections.get(name);
  if (!part) throw new Error(`${host}: no ${name} section`);
  return part.text;
}

describe('backup sections: scripts', () => {
  it.each(['ssh.backup-software', 'ssh.backup-schedules', 'ssh.backup-targets', 'ssh.backup-storage'] as const)('%s is valid POSIX sh', (key) => {
    execFileSync('sh', ['-n'], { input: SSH_SECTIONS.get(key)!.script });
  });

  it('generates the software snippet from the catalogue: a new entry needs no code', () => {
    const catalogue = backupCatalogue();
    const extended = { ...catalogue, software: [...catalogue.software, { id: 'zz-backup', name: 'ZZ', packages: ['zz-pkg'], binaries: ['zzb'], units: ['zz.service'], processes: ['zz-daemon-with-a-long-name'], configs: ['/etc/zz/*.conf'] }] };
    const script = softwareScript(extended);
    expect(script).toContain(' zz-pkg');
    expect(script).toContain(' zzb');
    expect(script).toContain(' zz.service');
    expect(script).toContain('|zz-daemon-with-');
    expect(script).toContain('/etc/zz/*.conf');
  });
});

describe('parseSoftwareSection on real output', () => {
  it('c2-01: bacula-fd package, program, enabled unit and its configuration', () => {
    const fact = parseSoftwareSection(section('c2-01', 'backup-software'), M);
    expect(fact.packages).toEqual([{ manager: 'dpkg', name: 'bacula-fd', version: '9.6.7-7', status: 'ii ' }]);
    expect(fact.binaries).toContain('/usr/sbin/bacula-fd');
    expect(fact.units).toContainEqual({ path: '/lib/systemd/system/bacula-fd.service', name: 'bacula-fd.service', enabled: true });
    expect(fact.configs.map((c) => c.path)).toEqual(['/etc/bacula/bacula-fd.conf']);
    expect(fact.configs[0]!.lines[5]).toBe('  Name = backup01.provider.example-dir');
    expect(fact.problems).toEqual([]);
  });

  it('c2-03: a running restic process read from /proc', () => {
    const fact = parseSoftwareSection(section('c2-03', 'backup-software'), M);
    expect(fact.processes).toEqual([{ pid: 11, name: 'restic', args: '/tmp/restic 600' }]);
    // A copy of sleep named restic: its executable is found by name wherever it lives.
    expect(fact.executables).toEqual([{ pid: 11, path: '/tmp/restic' }]);
    expect(fact.packages.map((p) => p.name)).toEqual(['restic']);
  });

  it('s13-05: a catalogued program an enabled service runs by path, outside the catalogued directories', () => {
    const fact = parseSoftwareSection(section('s13-05', 'backup-software'), M);
    expect(fact.binaries).toEqual(['/usr/bin/restic', '/bin/restic', '/usr/local/restic/bin/restic']);
  });

  it('c2-06: a clean host has nothing', () => {
    const fact = parseSoftwareSection(section('c2-06', 'backup-software'), M);
    expect(fact).toMatchObject({ packages: [], binaries: [], units: [], processes: [], configs: [], problems: [] });
  });

  it('reports a dpkg-query failure and a missing tool as problems', () => {
    const text = [`${M} C dpkg `, 'dpkg-query: error: cannot access archive', '', `${M} X dpkg 2`, `${M} P an rpm database exists but rpm is missing`].join('\n');
    expect(parseSoftwareSection(text, M).problems).toEqual(['an rpm database exists but rpm is missing', 'dpkg-query: error: cannot access archive']);
  });
});

describe('parseSchedulesSection on real output', () => {
  it('c2-02: the root crontab entry, its line and its user', () => {
    const fact = parseSchedulesSection(section('c2-02', 'backup-schedules'), M);
    const rsync = fact.commands.find((c) => c.command.includes('rsync'));
    expect(rsync).toMatchObject({ source: '/var/spool/cron/crontabs/root:7', when: '15 3 * * *', user: 'root', environment: [{ origin: '/var/spool/cron/crontabs/root:5', text: 'MAILTO=""' }] });
    expect(rsync!.command).toMatch(/^RSYNC_PASSWORD='[^']+' rsync -a --delete \/srv\/ rsync:\/\/c2-02@backup01\.provider\.example\/customers\/c2-02\/ /);
  });

  it('c2-03: an enabled timer, its service and the service commands', () => {
    const fact = parseSchedulesSection(section('c2-03', 'backup-schedules'), M);
    expect(fact.timers).toContainEqual({
      id: 'restic-backup.timer', timer: 'restic-backup.timer', path: '/etc/systemd/system/restic-backup.timer', service: 'restic-backup.service',
      servicePath: '/etc/systemd/system/restic-backup.service', template: false, enabled: true, scope: 'system',
      enabledBy: '/etc/systemd/system/timers.target.wants/restic-backup.timer',
    });
    const restic = fact.commands.filter((c) => c.source.startsWith('restic-backup.timer'));
    expect(restic.map((c) => c.source)).toEqual([
      'restic-backup.timer → /etc/systemd/system/restic-backup.service:9',
      'restic-backup.timer → /etc/systemd/system/restic-backup.service:10',
    ]);
    // The EnvironmentFile= line and the lines of the file it names.
    expect(restic[0]).toMatchObject({
      when: 'OnCalendar=*-*-* 02:30:00',
      timer: 'restic-backup.timer',
      environment: [
        { origin: '/etc/systemd/system/restic-backup.service:8', text: 'EnvironmentFile=/etc/restic/c2-03.env' },
        { origin: '/etc/restic/c2-03.env:2', text: 'RESTIC_REPOSITORY=sftp:restic@backup01.provider.example:/srv/restic/c2-03' },
        { origin: '/etc/restic/c2-03.env:3', text: expect.stringMatching(/^RESTIC_PASSWORD=/) },
      ],
    });
  });

  it('c2-04: cron.d variables apply to the entries after them', () => {
    const fact = parseSchedulesSection(section('c2-04', 'backup-schedules'), M);
    const borg = fact.commands.find((c) => c.source === '/etc/cron.d/borg-backup:7')!;
    expect(borg.user).toBe('root');
    expect(borg.environment.map((e) => e.text.split('=')[0])).toEqual(['SHELL', 'PATH', 'BORG_PASSPHRASE', 'BORG_RSH']);
    expect(borg.environment.map((e) => e.origin)).toEqual(['/etc/cron.d/borg-backup:2', '/etc/cron.d/borg-backup:3', '/etc/cron.d/borg-backup:4', '/etc/cron.d/borg-backup:5']);
    expect(fact.unreadable).toEqual([]);
  });
});

describe('parseTargetsSection on real output', () => {
  it('c2-05: NFS and CIFS lines of fstab; the container mounts are not network mounts', () => {
    const fact = parseTargetsSection(section('c2-05', 'backup-targets'), M);
    expect(fact.mounts).toEqual([
      { origin: '/etc/fstab:6', source: '10.250.4.20:/export/backups/c2-05', target: '/mnt/provider-backup', type: 'nfs4', options: 'rw,hard,_netdev,noauto' },
      expect.objectContaining({ origin: '/etc/fstab:7', source: '//files.backup.provider.example/c2-05', type: 'cifs' }),
    ]);
  });

  it('c2-03: the restic repository named in /etc/restic', () => {
    const fact = parseTargetsSection(section('c2-03', 'backup-targets'), M);
    expect(fact.repositories).toEqual([{ origin: '/etc/restic/c2-03.env:2', kind: 'RESTIC_REPOSITORY', value: 'sftp:restic@backup01.provider.example:/srv/restic/c2-03' }]);
  });

  it('reads rclone remotes, borgmatic repositories and iSCSI nodes', () => {
    const text = [
      `${M} I /etc/iscsi/nodes/iqn.2026-01.example.provider:backup/10.250.3.3,3260,1`,
      `${M} F /root/.config/rclone/rclone.conf`, '[offsite]', 'type = sftp', 'host = backup01.provider.example', 'pass = abc', `${M} E`,
      `${M} F /etc/borgmatic/config.yaml`, 'repositories:', '    - path: ssh://b@nas.example/./repo', '      label: nas', 'keep_daily: 7', `${M} E`,
    ].join('\n');
    expect(parseTargetsSection(text, M).repositories).toEqual([
      { origin: '/etc/iscsi/nodes/iqn.2026-01.example.provider:backup/10.250.3.3,3260,1', kind: 'iSCSI node', value: 'iqn.2026-01.example.provider:backup at 10.250.3.3:3260' },
      { origin: '/root/.config/rclone/rclone.conf:1', kind: 'rclone remote offsite', value: 'type=sftp host=backup01.provider.example pass=abc' },
      { origin: '/etc/borgmatic/config.yaml:2', kind: 'borgmatic repositories', value: 'ssh://b@nas.example/./repo' },
    ]);
  });
});

describe('parseStorageSection', () => {
  it('c2-06: a container without LVM, ZFS, btrfs, DRBD or md has nothing and no problem', () => {
    expect(parseStorageSection(section('c2-06', 'backup-storage'), M)).toEqual({ snapshots: [], drbd: [], drbdLoaded: false, mdArrays: [], problems: [], truncated: [] });
  });

  it('a failing lvs and a missing btrfs are problems', () => {
    const text = [`${M} C lvs `, '  Volume group "vg0" not found', '', `${M} X lvs 5`, `${M} P btrfs is mounted at /srv but btrfs is missing`].join('\n');
    expect(parseStorageSection(text, M).problems).toEqual(['btrfs is mounted at /srv but btrfs is missing', 'lvs failed (exit 5): Volume group "vg0" not found']);
  });
});

describe('parseExecutables on real find -printf output', () => {
  it('keeps the catalogued programs among the running executables, whatever directory they run from', () => {
    const text = readFileSync(new URL('../../../../../fixtures/backup/exe/find-printf.txt', import.meta.url), 'utf8');
    const { commands } = parseSectionRecords(text, '@@M');
    const problems: string[] = [];
    expect(parseExecutables(commands[0]!.output, new Set(['restic']), problems)).toEqual([{ pid: 28749, path: '/tmp/f17jobs-opt/bin/restic' }]);
    // Kernel threads (no executable) and a removed program (`(deleted)`) are records like any other.
    expect(parseExecutables(commands[0]!.output, new Set(['bash']), problems)).toHaveLength(22);
    expect(parseExecutables(commands[0]!.output, new Set(['memfd:sealed-91173221a7ea']), problems).map((e) => e.path)).toContain('/memfd:sealed-91173221a7ea');
    expect(problems).toEqual([]);
  });

  it('cannot be forged by a newline in a path: a record ends only at NUL', () => {
    // One process whose program lives in a directory named "x\n/proc/8 " under /tmp: no process 8.
    const output = ['/proc/7 /tmp/x', '/proc/8 /usr/bin/restic\u0000/proc/9 /usr/bin/sleep\u0000'];
    expect(parseExecutables(output, new Set(['restic']), [])).toEqual([{ pid: 7, path: '/tmp/x\n/proc/8 /usr/bin/restic' }]);
  });
});
