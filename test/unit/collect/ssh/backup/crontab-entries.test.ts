// Crontab, anacrontab and run-parts script text read into the commands they run: files captured on the lab
// hosts (fixtures/backup/sections) and files as Debian 12 packages ship them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cronEntries, cronFormatOf } from '../../../../../src/collect/ssh/backup/crontab-entries.js';
import { splitSections } from '../../../../../src/collect/ssh/collecting-script.js';
import { parseSectionRecords } from '../../../../../src/collect/ssh/section-framing.js';
import type { DumpedFile } from '../../../../../src/facts/dumped-file.js';

const M = '@@fc-capture';
/** A file as the schedules section of a lab host dumped it. */
function dumped(host: string, path: string): DumpedFile {
  const text = readFileSync(new URL(`../../../../../fixtures/backup/sections/${host}.txt`, import.meta.url), 'utf8');
  const part = splitSections(text, M).sections.get('backup-schedules')!;
  const file = parseSectionRecords(part.text, M).files.find((f) => f.path === path);
  if (!file) throw new Error(`${host}: ${path} not dumped`);
  return file;
}
const file = (path: string, text: string): DumpedFile => ({ path, state: 'read', lines: text.split('\n'), truncated: false });
const entries = (f: DumpedFile) => cronEntries(f, cronFormatOf(f.path)!);

describe('cronFormatOf', () => {
  it('tells the format by where a file lives, and knows no other path', () => {
    expect(['/etc/crontab', '/etc/cron.d/e2scrub_all', '/etc/anacrontab', '/etc/cron.daily/dpkg', '/etc/cron.hourly/x', '/var/spool/cron/crontabs/root', '/var/spool/cron/alice'].map(cronFormatOf))
      .toEqual(['system', 'system', 'anacron', 'script', 'script', 'user', 'user']);
    // A unit file, a script a job runs, a chroot's own cron.daily, cron.yearly (run-parts has none).
    expect(['/lib/systemd/system/apt-daily.service', '/opt/bk/run', '/srv/jail/etc/cron.daily/logrotate', '/etc/cron.yearly/x', '/etc/crontab.bak', '/etc/cron.deny'].map(cronFormatOf))
      .toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('cronEntries on captured files', () => {
  it("c2-02 /etc/crontab: Debian's four run-parts entries, tab-separated, with the two variables above them", () => {
    const env = [{ origin: '/etc/crontab:7', text: 'SHELL=/bin/sh' }, { origin: '/etc/crontab:8', text: 'PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin' }];
    expect(entries(dumped('c2-02', '/etc/crontab'))).toEqual([
      { source: '/etc/crontab:18', when: '17 * * * *', user: 'root', command: 'cd / && run-parts --report /etc/cron.hourly', environment: env },
      { source: '/etc/crontab:19', when: '25 6 * * *', user: 'root', command: 'test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }', environment: env },
      { source: '/etc/crontab:20', when: '47 6 * * 7', user: 'root', command: 'test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }', environment: env },
      { source: '/etc/crontab:21', when: '52 6 1 * *', user: 'root', command: 'test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }', environment: env },
    ]);
  });

  it('s13-08 /etc/cron.daily/dpkg: each line a daily command of root, blanks and comments left out', () => {
    expect(entries(dumped('s13-08', '/etc/cron.daily/dpkg')).map((e) => [e.source, e.when, e.user, e.command, e.environment])).toEqual([
      ['/etc/cron.daily/dpkg:4', 'daily', 'root', 'if [ -d /run/systemd/system ]; then', []],
      ['/etc/cron.daily/dpkg:5', 'daily', 'root', 'exit 0', []],
      ['/etc/cron.daily/dpkg:6', 'daily', 'root', 'fi', []],
      ['/etc/cron.daily/dpkg:8', 'daily', 'root', '/usr/libexec/dpkg/dpkg-db-backup', []],
    ]);
  });

  it("s13-08 /etc/cron.daily/apt-compat: indented comments are comments; a script's assignments hold for the lines after them", () => {
    const all = entries(dumped('s13-08', '/etc/cron.daily/apt-compat'));
    expect(all.filter((e) => e.command.includes('#'))).toEqual([]);
    // Not assignments alone: what they set is computed by running something.
    expect(all.filter((e) => /^[A-Za-z]+=/.test(e.command)).map((e) => e.command)).toEqual([
      "RANDOM=$(( $(dd if=/dev/urandom bs=2 count=1 2> /dev/null | cksum | cut -d' ' -f1) % 32767 ))",
      'TIME=$(($RANDOM % $RandomSleep))',
    ]);
    const last = all[all.length - 1]!;
    expect(last).toMatchObject({ when: 'daily', user: 'root', command: 'exec /usr/lib/apt/apt.systemd.daily' });
    expect(last.environment).toEqual([{ origin: '/etc/cron.daily/apt-compat:35', text: 'RandomSleep=1800' }]);
    expect(all.find((e) => e.command === 'random_sleep()')!.environment).toEqual([]);
  });

  it("c2-02 root's crontab installed for alice: her entries run as alice, after the MAILTO above them", () => {
    const root = dumped('c2-02', '/var/spool/cron/crontabs/root');
    const alice = { ...root, path: '/var/spool/cron/crontabs/alice' };
    expect(entries(alice).map((e) => [e.source, e.when, e.user, e.command.slice(0, 12), e.environment])).toEqual([
      ['/var/spool/cron/crontabs/alice:6', '0 4 * * *', 'alice', 'find /tmp -x', [{ origin: '/var/spool/cron/crontabs/alice:5', text: 'MAILTO=""' }]],
      ['/var/spool/cron/crontabs/alice:7', '15 3 * * *', 'alice', "RSYNC_PASSWO", [{ origin: '/var/spool/cron/crontabs/alice:5', text: 'MAILTO=""' }]],
    ]);
  });
});

describe('cronEntries on files as Debian packages ship them', () => {
  // /etc/anacrontab of anacron 2.3-36: period, delay, job identifier, command; anacron runs them as root.
  const anacrontab = file('/etc/anacrontab', [
    '# /etc/anacrontab: configuration file for anacron', '', '# See anacron(8) and anacrontab(5) for details.', '',
    'SHELL=/bin/sh', 'PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin', 'HOME=/root', 'LOGNAME=root', '',
    "# These replace cron's entries",
    '1\t5\tcron.daily\trun-parts --report /etc/cron.daily',
    '7\t10\tcron.weekly\trun-parts --report /etc/cron.weekly',
    '@monthly\t15\tcron.monthly\trun-parts --report /etc/cron.monthly',
    '',
  ].join('\n'));

  it('/etc/anacrontab: three leading fields, run as root', () => {
    const out = entries(anacrontab);
    expect(out.map((e) => [e.source, e.when, e.user, e.command])).toEqual([
      ['/etc/anacrontab:11', '1 5 cron.daily', 'root', 'run-parts --report /etc/cron.daily'],
      ['/etc/anacrontab:12', '7 10 cron.weekly', 'root', 'run-parts --report /etc/cron.weekly'],
      ['/etc/anacrontab:13', '@monthly 15 cron.monthly', 'root', 'run-parts --report /etc/cron.monthly'],
    ]);
    expect(out[0]!.environment.map((e) => e.origin)).toEqual(['/etc/anacrontab:5', '/etc/anacrontab:6', '/etc/anacrontab:7', '/etc/anacrontab:8']);
  });

  it('/etc/cron.d/php and /etc/cron.d/anacron: fields aligned with runs of spaces and tabs', () => {
    // php-common 2:93, its last line; anacron 2.3-36, its entry.
    const php = file('/etc/cron.d/php', '# Look for and purge old sessions every 30 minutes\n09,39 *     * * *     root   [ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi\n');
    expect(entries(php)).toEqual([{
      source: '/etc/cron.d/php:2', when: '09,39 * * * *', user: 'root', environment: [],
      command: '[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi',
    }]);
    const anacron = file('/etc/cron.d/anacron', '# /etc/cron.d/anacron: crontab entries for the anacron package\n\nSHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n\n30 7-23 * * *   root\t[ -x /etc/init.d/anacron ] && if [ ! -d /run/systemd/system ]; then /usr/sbin/invoke-rc.d anacron start >/dev/null; fi\n');
    expect(entries(anacron).map((e) => [e.when, e.user, e.command])).toEqual([
      ['30 7-23 * * *', 'root', '[ -x /etc/init.d/anacron ] && if [ ! -d /run/systemd/system ]; then /usr/sbin/invoke-rc.d anacron start >/dev/null; fi'],
    ]);
  });

  it('@daily-style entries have one time field', () => {
    const f = file('/etc/cron.d/borg', '@daily root borgmatic --verbosity 1\n@reboot  root  /usr/local/bin/mount-backup\n');
    expect(entries(f).map((e) => [e.when, e.user, e.command])).toEqual([['@daily', 'root', 'borgmatic --verbosity 1'], ['@reboot', 'root', '/usr/local/bin/mount-backup']]);
  });

  it('drops a line cron itself rejects: no command after the fields, or no schedule at all', () => {
    const f = file('/etc/cron.d/half', '30 2 * * * root\nrun-parts /etc/cron.daily\n@daily root\n45 2 * * * root /usr/bin/restic backup /srv\n');
    expect(entries(f)).toEqual([{ source: '/etc/cron.d/half:4', when: '45 2 * * *', user: 'root', command: '/usr/bin/restic backup /srv', environment: [] }]);
    const user = file('/var/spool/cron/crontabs/bob', '0 4 * * *\n0 5 * * * /usr/bin/borg create\n');
    expect(entries(user).map((e) => [e.source, e.user, e.command])).toEqual([['/var/spool/cron/crontabs/bob:2', 'bob', '/usr/bin/borg create']]);
  });

  it('a run-parts-like script at a path that names no period runs "periodic"', () => {
    expect(cronEntries(file('/usr/local/lib/jobs/nightly', '/usr/bin/restic backup /srv\n'), 'script')).toEqual([
      { source: '/usr/local/lib/jobs/nightly:1', when: 'periodic', user: 'root', command: '/usr/bin/restic backup /srv', environment: [] },
    ]);
  });
});
