import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cronFormatOf } from '../../../../../src/collect/ssh/backup/crontab-entries.js';
import { parseSchedulesSection } from '../../../../../src/collect/ssh/backup/schedules-section.js';
import { splitSections } from '../../../../../src/collect/ssh/collecting-script.js';

// Real output of the collecting command on the lab's S13 hosts (fixtures/backup/capture.mjs).
const M = '@@fc-capture';
function schedules(host: string) {
  const text = readFileSync(new URL(`../../../../../fixtures/backup/sections/${host}.txt`, import.meta.url), 'utf8');
  const part = splitSections(text, M).sections.get('backup-schedules');
  if (!part || part.status !== 0) throw new Error(`${host}: no backup-schedules section that ended well`);
  return parseSchedulesSection(part.text, M);
}

describe('parseSchedulesSection: jobs followed into scripts (real output)', () => {
  it('s13-01: a cron job, its script and the file the script sources, with the sourced exports', () => {
    const fact = schedules('s13-01');
    const restic = fact.commands.find((c) => c.command.startsWith('restic backup'))!;
    expect(restic).toEqual({
      source: '/etc/cron.d/nightly:4 → /opt/bk/run:7',
      when: '0 3 * * *',
      user: 'root',
      command: 'restic backup --one-file-system --password-file /root/.restic-password /srv /etc',
      environment: [
        { origin: '/etc/cron.d/nightly:2', text: 'MAILTO=""' },
        { origin: '/opt/bk/lib.sh:2', text: 'export RESTIC_REPOSITORY=sftp:restic@backup01.provider.example:/srv/restic/s13-01' },
        { origin: '/opt/bk/lib.sh:3', text: 'export RESTIC_CACHE_DIR=/var/cache/restic' },
      ],
    });
    expect(fact).toMatchObject({ unreadable: [], truncated: [], notFollowed: [] });
  });

  it("s13-02: a timer's service and the script it starts, the script's variables kept", () => {
    const rsync = schedules('s13-02').commands.find((c) => c.command.startsWith('rsync'))!;
    expect(rsync.source).toBe('nightly.timer → /etc/systemd/system/nightly.service:6 → /usr/local/sbin/nightly.sh:8');
    expect(rsync.command).toBe('rsync -a --delete --password-file=/etc/rsync.secret "$SRC" "$DEST"');
    expect(rsync.environment.map((e) => e.text)).toEqual(['SRC=/srv/', 'DEST=rsync://s13-02@backup01.provider.example/customers/s13-02/']);
  });

  it('s13-03: the enabled instance of a template stands for it, with %i expanded everywhere', () => {
    const fact = schedules('s13-03');
    expect(fact.timers.filter((t) => t.timer.startsWith('borg'))).toEqual([{
      id: 'borg@daily.timer', timer: 'borg@daily.timer', path: '/etc/systemd/system/borg@.timer', service: 'borg@daily.service',
      servicePath: '/etc/systemd/system/borg@.service', instance: 'daily', template: false, enabled: true,
      enabledBy: '/etc/systemd/system/timers.target.wants/borg@daily.timer', scope: 'system',
    }]);
    const borg = fact.commands.find((c) => c.timer === 'borg@daily.timer')!;
    expect(borg).toMatchObject({ source: 'borg@daily.timer → /etc/systemd/system/borg@.service:7', when: 'OnCalendar=daily', command: '/usr/bin/borg create --stats ::daily-{now} /srv /etc' });
    expect(borg.environment.map((e) => e.origin)).toEqual(['/etc/systemd/system/borg@.service:6', '/etc/borg/daily.env:2', '/etc/borg/daily.env:3']);
    expect(borg.environment[1]!.text).toBe('BORG_REPO=ssh://borg@10.250.7.7/./s13-03');
  });

  it("s13-04: an account's own timer, its owner, lingering, and %h; a timer of every account keeps %u and %h", () => {
    const fact = schedules('s13-04');
    expect(fact.commands.find((c) => c.timer === 'shared-backup.timer (every user)')).toMatchObject({
      source: 'shared-backup.timer (every user) → /etc/systemd/user/shared-backup.service:6',
      command: '/usr/bin/restic -r sftp:%u@nas.customer.example:/shared backup %h/shared',
    });
    expect(fact.commands.find((c) => c.timer === 'shared-backup.timer (every user)')).not.toHaveProperty('user');
    expect(fact.timers).toContainEqual({
      id: 'backup.timer (user alice)', timer: 'backup.timer', path: '/home/alice/.config/systemd/user/backup.timer', service: 'backup.service',
      servicePath: '/home/alice/.config/systemd/user/backup.service', template: false, enabled: true,
      enabledBy: '/home/alice/.config/systemd/user/timers.target.wants/backup.timer', scope: 'user', account: 'alice', lingering: true,
    });
    expect(fact.commands.find((c) => c.timer === 'backup.timer (user alice)')).toMatchObject({
      user: 'alice', command: '/usr/bin/restic backup /home/alice/projects',
      environment: [{ origin: '/home/alice/.config/systemd/user/backup.service:6', text: expect.stringContaining('RESTIC_PASSWORD_FILE=/home/alice/.config/restic/password') }],
    });
  });

  it('s13-05: a program a job runs by path outside the catalogued directories', () => {
    expect(schedules('s13-05').programs).toContain('/opt/restic/bin/restic');
  });

  it('s13-06: a script deeper than the limit is named, not read', () => {
    expect(schedules('s13-06').notFollowed).toEqual([{
      source: '/etc/cron.d/chain:2 → /opt/chain/1.sh:3 → /opt/chain/2.sh:3 → /opt/chain/3.sh:3 → /opt/chain/4.sh:3',
      path: '/opt/chain/5.sh',
      reason: 'deeper than 4 scripts',
    }]);
  });

  it('s13-07: a FIFO a job runs is unreadable; a sourced file larger than the limit is cut', () => {
    const fact = schedules('s13-07');
    expect(fact.unreadable).toEqual(['/opt/bk/pipe-run']);
    expect(fact.truncated).toEqual(['/opt/bk/settings']);
  });

  it("s13-08: a clean host's own jobs are followed to the end within the limits", () => {
    const fact = schedules('s13-08');
    expect(fact).toMatchObject({ unreadable: [], truncated: [], notFollowed: [] });
    // /etc/cron.daily/apt-compat runs /usr/lib/apt/apt.systemd.daily: its lines are judged too.
    expect(fact.commands.some((c) => c.source.startsWith('/etc/cron.daily/apt-compat:') && c.source.includes(' → /usr/lib/apt/apt.systemd.daily:'))).toBe(true);
  });
});

describe('parseSchedulesSection: what the records say', () => {
  it('s13-05: the programs are exactly the `X` records, once each', () => {
    expect(schedules('s13-05').programs).toEqual(['/bin/sh', '/opt/restic/bin/restic', '/usr/lib/apt/apt-helper', '/sbin/fstrim', '/sbin/e2fsck', '/sbin/tune2fs']);
  });

  it('s13-01: every command starts at a crontab line or a timer; a script is judged only through a job that runs it', () => {
    const fact = schedules('s13-01');
    const firstHop = (source: string): string => source.slice(0, source.indexOf(':'));
    expect(fact.commands.filter((c) => c.timer === undefined && cronFormatOf(firstHop(c.source)) === undefined)).toEqual([]);
    expect(fact.commands.some((c) => c.source.startsWith('/opt/bk/run:'))).toBe(false);
  });
});

// Section text framed as the collecting command frames it (schedules-script.ts: bs_cand, bs_timer, fc_dump).
const frame = (path: string, lines: string[]): string[] => [`${M} > file ${path}`, `${M} F ${path}`, ...lines, '', `${M} E`];

describe('parseSchedulesSection: limits and files the jobs use (framed as the collecting command prints them)', () => {
  it('names which limit kept each script unread; the first limit a script met is the one named', () => {
    const text = [
      ...frame('/etc/cron.d/bk', ['0 1 * * * root /opt/bk/a', '0 2 * * * root /opt/bk/b', '0 3 * * * root /opt/bk/c']),
      `${M} L files /opt/bk/a`,
      `${M} L many /opt/bk/b`,
      `${M} L deep /opt/bk/c`,
      `${M} L deep /opt/bk/b`,
    ].join('\n');
    expect(parseSchedulesSection(text, M).notFollowed).toEqual([
      { source: '/etc/cron.d/bk:1', path: '/opt/bk/a', reason: 'more than 400 files looked at on the host' },
      { source: '/etc/cron.d/bk:2', path: '/opt/bk/b', reason: 'more than 100 scripts on the host' },
      { source: '/etc/cron.d/bk:3', path: '/opt/bk/c', reason: 'deeper than 4 scripts' },
    ]);
  });

  it("reports a timer's environment file it could not read, and one cut at the read limit", () => {
    const text = [
      `${M} S 1 restic.service /etc/systemd/system/restic.timer /etc/systemd/system/restic.service restic.timer system  - /etc/systemd/system/timers.target.wants/restic.timer`,
      ...frame('/etc/systemd/system/restic.timer', ['[Timer]', 'OnCalendar=daily']),
      ...frame('/etc/systemd/system/restic.service', ['[Service]', 'EnvironmentFile=/etc/restic/env', 'EnvironmentFile=-/etc/restic/big.env', 'ExecStart=/usr/bin/restic backup /srv']),
      `${M} K 1 /etc/restic/env`,
      `${M} U /etc/restic/env`,
      `${M} K 1 /etc/restic/big.env`,
      // fc_dump reads one byte more than the limit: more than 64 KiB arrived.
      ...frame('/etc/restic/big.env', ['RESTIC_REPOSITORY=/srv/restic', `# ${'x'.repeat(64 * 1024)}`]),
      `${M} X /usr/bin/restic`,
    ].join('\n');
    const fact = parseSchedulesSection(text, M);
    expect(fact.unreadable).toEqual(['/etc/restic/env']);
    expect(fact.truncated).toEqual(['/etc/restic/big.env']);
    expect(fact.commands).toEqual([{
      source: 'restic.timer → /etc/systemd/system/restic.service:4', when: 'OnCalendar=daily', user: 'root', command: '/usr/bin/restic backup /srv', timer: 'restic.timer',
      environment: [
        { origin: '/etc/systemd/system/restic.service:2', text: 'EnvironmentFile=/etc/restic/env' },
        { origin: '/etc/systemd/system/restic.service:3', text: 'EnvironmentFile=-/etc/restic/big.env' },
        { origin: '/etc/restic/big.env:1', text: 'RESTIC_REPOSITORY=/srv/restic' },
      ],
    }]);
  });
});
