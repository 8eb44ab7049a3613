import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSections } from '../../../../../src/collect/ssh/collecting-script.js';
import { parseSectionRecords } from '../../../../../src/collect/ssh/section-framing.js';
import type { DumpedFile } from '../../../../../src/facts/dumped-file.js';
import { timerCommands, timerFromRecord, withoutInstantiatedTemplates } from '../../../../../src/collect/ssh/backup/timer-commands.js';

const file = (path: string, text: string, truncated = false): DumpedFile => ({ path, state: 'read', lines: text.split('\n'), truncated });
const units = (files: DumpedFile[], unreadable: string[] = []) => ({ files: new Map(files.map((f) => [f.path, f])), unreadable: new Set(unreadable) });

describe('timerFromRecord', () => {
  it('reads a system instance, a per-user timer and a timer of every account; names are escaped fields', () => {
    expect(timerFromRecord('1 pg@main.service /lib/systemd/system/pg@.timer /lib/systemd/system/pg@.service pg@main.timer system  - /etc/systemd/system/timers.target.wants/pg@main.timer')).toEqual({
      id: 'pg@main.timer', timer: 'pg@main.timer', path: '/lib/systemd/system/pg@.timer', service: 'pg@main.service', servicePath: '/lib/systemd/system/pg@.service',
      instance: 'main', template: false, enabled: true, enabledBy: '/etc/systemd/system/timers.target.wants/pg@main.timer', scope: 'system',
    });
    expect(timerFromRecord('0 b.service /home/j\\040doe/.config/systemd/user/b.timer /home/j\\040doe/.config/systemd/user/b.service b.timer user jdoe 0 ')).toMatchObject({
      id: 'b.timer (user jdoe)', path: '/home/j doe/.config/systemd/user/b.timer', enabled: false, scope: 'user', account: 'jdoe', lingering: false,
    });
    expect(timerFromRecord('1 s.service /etc/systemd/user/s.timer /etc/systemd/user/s.service s.timer every-user  - /etc/systemd/user/timers.target.wants/s.timer'))
      .toMatchObject({ id: 's.timer (every user)', scope: 'every-user' });
    expect(timerFromRecord('1')).toBeUndefined();
  });

  it('keeps a template only when no instance of it is listed in the same scope', () => {
    const template = timerFromRecord('0 pg@.service /lib/systemd/system/pg@.timer /lib/systemd/system/pg@.service pg@.timer system  - ')!;
    const instance = timerFromRecord('1 pg@main.service /lib/systemd/system/pg@.timer /lib/systemd/system/pg@.service pg@main.timer system  - /etc/x')!;
    const other = timerFromRecord('0 db@.service /lib/systemd/system/db@.timer /lib/systemd/system/db@.service db@.timer system  - ')!;
    expect(template.template).toBe(true);
    expect(withoutInstantiatedTemplates([template, instance, other]).map((t) => t.id)).toEqual(['pg@main.timer', 'db@.timer']);
  });
});

describe('timerCommands', () => {
  const timer = timerFromRecord('1 pg@main.service /lib/systemd/system/pg@.timer /lib/systemd/system/pg@.service pg@main.timer system  - /etc/systemd/system/timers.target.wants/pg@main.timer')!;
  const timerFile = file('/lib/systemd/system/pg@.timer', '[Timer]\nOnCalendar=*-*-* 04:00\nUnit=pg@%i.service');
  const service = file('/lib/systemd/system/pg@.service', [
    '[Service]', 'User=postgres', 'Environment=CLUSTER=%i', 'EnvironmentFile=-/etc/pg/%i.env', 'ExecStart=/usr/bin/pg_dump -Fc %I -f /var/backups/%n.dump',
  ].join('\n'));

  it("expands the instance in the service's and its drop-ins' settings, and reads the EnvironmentFile=", () => {
    const dropIn = file('/etc/systemd/system/pg@.service.d/10-off.conf', '[Service]\nExecStartPost=/usr/local/bin/ship %i');
    const env = file('/etc/pg/main.env', '# settings\nPGHOST=db1\n');
    const out = timerCommands(timer, units([timerFile, service, dropIn, env]));
    expect(out.commands.map((c) => [c.source, c.command, c.user])).toEqual([
      ['pg@main.timer → /lib/systemd/system/pg@.service:5', '/usr/bin/pg_dump -Fc main -f /var/backups/pg@main.service.dump', 'postgres'],
      ['pg@main.timer → /etc/systemd/system/pg@.service.d/10-off.conf:2', '/usr/local/bin/ship main', 'postgres'],
    ]);
    expect(out.commands[0]!.environment).toEqual([
      { origin: '/lib/systemd/system/pg@.service:3', text: 'Environment=CLUSTER=main' },
      { origin: '/lib/systemd/system/pg@.service:4', text: 'EnvironmentFile=-/etc/pg/main.env' },
      { origin: '/etc/pg/main.env:2', text: 'PGHOST=db1' },
    ]);
    expect(out.commands[0]!.when).toBe('OnCalendar=*-*-* 04:00');
    expect(out).toMatchObject({ unreadable: [], truncated: [] });
  });

  it('names an EnvironmentFile= it could not read, or read only in part', () => {
    expect(timerCommands(timer, units([timerFile, service], ['/etc/pg/main.env'])).unreadable).toEqual(['/etc/pg/main.env']);
    expect(timerCommands(timer, units([timerFile, service, file('/etc/pg/main.env', 'A=1', true)])).truncated).toEqual(['/etc/pg/main.env']);
  });

  it('gives a timer of every account no user, and a service that does not exist no command', () => {
    const every = timerFromRecord('1 s.service /etc/systemd/user/s.timer /etc/systemd/user/s.service s.timer every-user  - /x')!;
    const out = timerCommands(every, units([file('/etc/systemd/user/s.service', '[Service]\nExecStart=/usr/bin/restic backup %h')]));
    expect(out.commands[0]).not.toHaveProperty('user');
    const missing = timerFromRecord('1 gone.service /etc/systemd/system/gone.timer  gone.timer system  - /x')!;
    expect(timerCommands(missing, units([])).commands).toEqual([]);
  });
});

// Real output of the collecting command on a lab host (fixtures/backup/capture.mjs): Debian's own timers.
const M = '@@fc-capture';
function captured(host: string) {
  const text = readFileSync(new URL(`../../../../../fixtures/backup/sections/${host}.txt`, import.meta.url), 'utf8');
  const { records, files } = parseSectionRecords(splitSections(text, M).sections.get('backup-schedules')!.text, M);
  const timers = records.filter((r) => r.tag === 'S').map((r) => timerFromRecord(r.rest)!);
  return { timers, units: units(files.filter((f) => f.state === 'read')) };
}

describe('timerCommands on captured unit files', () => {
  it("c2-06: Debian's timers run as root, at the On… settings of their timer only, with the service's Environment=", () => {
    const { timers, units: u } = captured('c2-06');
    const run = (id: string) => timerCommands(timers.find((t) => t.id === id)!, u).commands.map((c) => [c.source, c.when, c.user, c.command, c.environment]);
    expect(run('apt-daily-upgrade.timer')).toEqual([
      ['apt-daily-upgrade.timer → /lib/systemd/system/apt-daily-upgrade.service:9', 'OnCalendar=*-*-* 6:00', 'root', '/usr/lib/apt/apt-helper wait-online', []],
      ['apt-daily-upgrade.timer → /lib/systemd/system/apt-daily-upgrade.service:10', 'OnCalendar=*-*-* 6:00', 'root', '/usr/lib/apt/apt.systemd.daily install', []],
    ]);
    expect(run('e2scrub_all.timer')).toEqual([
      ['e2scrub_all.timer → /lib/systemd/system/e2scrub_all.service:11', 'OnCalendar=Sun *-*-* 03:10:00', 'root', '/sbin/e2scrub_all', [{ origin: '/lib/systemd/system/e2scrub_all.service:10', text: 'Environment=SERVICE_MODE=1' }]],
    ]);
    expect(run('fstrim.timer').map((c) => c[1])).toEqual(['OnCalendar=weekly']);
  });
});

// Unit files as Debian 12 packages ship them (systemd 252, postgresql-common 248), and one the way an admin writes it.
const TMPFILES_TIMER = file('/lib/systemd/system/systemd-tmpfiles-clean.timer', '[Unit]\nDescription=Daily Cleanup of Temporary Directories\nDocumentation=man:tmpfiles.d(5) man:systemd-tmpfiles(8)\nConditionPathExists=!/etc/initrd-release\n\n[Timer]\nOnBootSec=15min\nOnUnitActiveSec=1d\n');
const PG_TIMER = file('/lib/systemd/system/pg_basebackup@.timer', [
  '[Unit]', 'Description=Weekly Basebackup of PostgreSQL Cluster %i', 'AssertPathExists=/etc/postgresql/%I/postgresql.conf', '',
  '[Timer]', 'OnCalendar=weekly', 'RandomizedDelaySec=1h', 'FixedRandomDelay=true', '', '[Install]', '# when enabled, start along with postgresql@%i', 'WantedBy=postgresql@%i.service',
].join('\n'));
const PG_SERVICE = file('/lib/systemd/system/pg_basebackup@.service', [
  '[Unit]', 'Description=Basebackup of PostgreSQL Cluster %i', 'AssertPathExists=/etc/postgresql/%I/postgresql.conf', 'Wants=postgresql@%i.service', 'After=postgresql@%i.service',
  'RequiresMountsFor=/var/backups/postgresql', '', '[Service]', 'Type=oneshot', 'User=postgres', 'Environment="KEEP=3"', 'ExecStartPre=+/usr/bin/pg_backupcluster %i createdirectory',
  'ExecStart=/usr/bin/pg_backupcluster %i basebackup', 'ExecStart=/usr/bin/pg_backupcluster %i expirebasebackups $KEEP',
].join('\n'));
const PG_RECORD = '1 pg_basebackup@15-main.service /lib/systemd/system/pg_basebackup@.timer /lib/systemd/system/pg_basebackup@.service pg_basebackup@15-main.timer system  - /etc/systemd/system/postgresql@15-main.service.wants/pg_basebackup@15-main.timer';

describe('timerCommands on packaged unit files', () => {
  it("postgresql-common's weekly base backup of cluster 15-main: the template's commands for the instance, as postgres", () => {
    const timer = timerFromRecord(PG_RECORD)!;
    // Another unit's drop-in and a configuration file that happens to end in .conf are not this service's.
    const others = [file('/etc/systemd/system/postgresql@.service.d/override.conf', '[Service]\nExecStartPost=/usr/local/bin/notify'), file('/etc/pgbackrest.conf', '[global]\nrepo1-path=/srv')];
    const out = timerCommands(timer, units([PG_TIMER, PG_SERVICE, ...others]));
    expect(out.commands).toEqual([
      ['/lib/systemd/system/pg_basebackup@.service:12', '/usr/bin/pg_backupcluster 15-main createdirectory'],
      ['/lib/systemd/system/pg_basebackup@.service:13', '/usr/bin/pg_backupcluster 15-main basebackup'],
      ['/lib/systemd/system/pg_basebackup@.service:14', '/usr/bin/pg_backupcluster 15-main expirebasebackups $KEEP'],
    ].map(([where, command]) => ({
      source: `pg_basebackup@15-main.timer → ${where}`, when: 'OnCalendar=weekly', user: 'postgres', command,
      environment: [{ origin: '/lib/systemd/system/pg_basebackup@.service:11', text: 'Environment="KEEP=3"' }], timer: 'pg_basebackup@15-main.timer',
    })));
    expect(out).toMatchObject({ unreadable: [], truncated: [] });
  });

  it("systemd's tmpfiles-clean timer: every On… setting, in order", () => {
    const timer = timerFromRecord('1 systemd-tmpfiles-clean.service /lib/systemd/system/systemd-tmpfiles-clean.timer /lib/systemd/system/systemd-tmpfiles-clean.service systemd-tmpfiles-clean.timer system  - /lib/systemd/system/timers.target.wants/systemd-tmpfiles-clean.timer')!;
    const service = file('/lib/systemd/system/systemd-tmpfiles-clean.service', '[Unit]\nDescription=Cleanup of Temporary Directories\n\n[Service]\nType=oneshot\nExecStart=systemd-tmpfiles --clean\nSuccessExitStatus=DATAERR\n');
    expect(timerCommands(timer, units([TMPFILES_TIMER, service])).commands.map((c) => [c.when, c.command])).toEqual([['OnBootSec=15min OnUnitActiveSec=1d', 'systemd-tmpfiles --clean']]);
    // A timer file that could not be read: the timer's own name says when.
    expect(timerCommands(timer, units([service])).commands.map((c) => c.when)).toEqual(['systemd-tmpfiles-clean.timer']);
  });
});

describe('timerCommands: what systemd would and would not run', () => {
  const record = '1 restic-backup.service /etc/systemd/system/restic-backup.timer /etc/systemd/system/restic-backup.service restic-backup.timer system  - /etc/systemd/system/timers.target.wants/restic-backup.timer';
  const timer = timerFromRecord(record)!;
  // OnFailure= of [Unit] says what runs when the timer fails, not when it fires.
  const timerFile = file('/etc/systemd/system/restic-backup.timer', '[Unit]\nDescription=nightly restic\nOnFailure=status-email@%n.service\n\n[Timer]\nOnCalendar=02:30');
  const service = file('/etc/systemd/system/restic-backup.service', '[Unit]\nDescription=restic\n\n[Service]\nType=oneshot\nEnvironmentFile=/etc/restic/backup.env\nEnvironmentFile=-/etc/restic/local.env\nExecStart=/usr/bin/restic backup /srv');

  it('applies drop-ins in the order of their names, whatever directory they are in; an empty ExecStart= is a reset, not a command', () => {
    // `systemctl edit` writes override.conf in /etc; the vendor's hardening.conf is in /lib.
    const local = file('/etc/systemd/system/restic-backup.service.d/override.conf', '[Service]\nExecStart=\nExecStart=/usr/bin/restic backup --exclude-caches /srv');
    const vendor = file('/lib/systemd/system/restic-backup.service.d/hardening.conf', '[Service]\nExecStartPost=/usr/bin/restic forget --keep-daily 7');
    const expected = [
      'restic-backup.timer → /etc/systemd/system/restic-backup.service:8',
      'restic-backup.timer → /lib/systemd/system/restic-backup.service.d/hardening.conf:2',
      'restic-backup.timer → /etc/systemd/system/restic-backup.service.d/override.conf:3',
    ];
    expect(timerCommands(timer, units([timerFile, service, local, vendor])).commands.map((c) => c.source)).toEqual(expected);
    expect(timerCommands(timer, units([timerFile, service, vendor, local])).commands.map((c) => c.source)).toEqual(expected);
  });

  it("reads an EnvironmentFile= as systemd does: comments and lines without '=' are not assignments; a missing optional one adds nothing", () => {
    const env = file('/etc/restic/backup.env', [
      '# restic for this host', '#RESTIC_REPOSITORY=sftp:old.provider.example:/srv/restic', '; RESTIC_PASSWORD=old-and-gone', '',
      '  RESTIC_REPOSITORY=sftp:backup01.provider.example:/srv/restic/h1', 'RESTIC_OPTIONS=--limit-upload 2000 \\', '  --verbose', 'RESTIC_PASSWORD_FILE=/root/.restic',
    ].join('\n'));
    const out = timerCommands(timer, units([timerFile, service, env]));
    expect(out.commands[0]!.environment).toEqual([
      { origin: '/etc/systemd/system/restic-backup.service:6', text: 'EnvironmentFile=/etc/restic/backup.env' },
      { origin: '/etc/restic/backup.env:5', text: 'RESTIC_REPOSITORY=sftp:backup01.provider.example:/srv/restic/h1' },
      { origin: '/etc/restic/backup.env:6', text: 'RESTIC_OPTIONS=--limit-upload 2000 \\' },
      { origin: '/etc/restic/backup.env:8', text: 'RESTIC_PASSWORD_FILE=/root/.restic' },
      { origin: '/etc/systemd/system/restic-backup.service:7', text: 'EnvironmentFile=-/etc/restic/local.env' },
    ]);
    expect(out).toMatchObject({ unreadable: [], truncated: [] });
  });

  it('runs nothing from a service file that could not be read, nor from drop-ins of a service that does not exist', () => {
    expect(timerCommands(timer, units([timerFile])).commands).toEqual([]);
    const gone = timerFromRecord('1 gone.service /etc/systemd/system/gone.timer  gone.timer system  - /etc/systemd/system/timers.target.wants/gone.timer')!;
    const orphan = file('/etc/systemd/system/gone.service.d/override.conf', '[Service]\nExecStart=/usr/bin/borg create ::x /srv');
    expect(timerCommands(gone, units([orphan])).commands).toEqual([]);
  });

  it('takes Exec…=, User= and Environment= from [Service] only, as systemd does', () => {
    const misplaced = file('/etc/systemd/system/restic-backup.service', '[Unit]\nExecStart=/usr/bin/restic forget --prune\nUser=nobody\nEnvironment=X=1\n[Service]\nExecStart=/usr/bin/restic backup /srv');
    expect(timerCommands(timer, units([timerFile, misplaced])).commands.map((c) => [c.when, c.command, c.user, c.environment])).toEqual([['OnCalendar=02:30', '/usr/bin/restic backup /srv', 'root', []]]);
  });
});

describe('timerCommands for an account', () => {
  it("expands %h and %u to the account's, and ignores User= (a user's manager cannot switch users)", () => {
    // alice's own service for a timer every account may enable: her home is known from the service's path.
    const timer = timerFromRecord('1 backup.service /etc/systemd/user/backup.timer /home/alice/.config/systemd/user/backup.service backup.timer user alice 1 /home/alice/.config/systemd/user/timers.target.wants/backup.timer')!;
    const service = file('/home/alice/.config/systemd/user/backup.service', '[Service]\nUser=root\nExecStart=/usr/bin/restic -r sftp:%u@nas.example:/b backup %h/projects');
    expect(timerCommands(timer, units([file('/etc/systemd/user/backup.timer', '[Timer]\nOnCalendar=daily'), service])).commands.map((c) => [c.user, c.command])).toEqual([
      ['alice', '/usr/bin/restic -r sftp:alice@nas.example:/b backup /home/alice/projects'],
    ]);
  });

  it("runs a timer of /etc/systemd/user enabled by one account as that account, though its home is not in the unit's path", () => {
    const timer = timerFromRecord('1 sync.service /etc/systemd/user/sync.timer /etc/systemd/user/sync.service sync.timer user bob 0 /etc/systemd/user/timers.target.wants/sync.timer')!;
    const out = timerCommands(timer, units([file('/etc/systemd/user/sync.service', '[Service]\nExecStart=/usr/bin/rclone sync /srv remote:b')]));
    expect(out.commands.map((c) => [c.timer, c.user, c.command])).toEqual([['sync.timer (user bob)', 'bob', '/usr/bin/rclone sync /srv remote:b']]);
  });
});

describe('timer records: instances, templates and short records', () => {
  it("takes the instance from the service when only the service is one (Unit=pg_basebackup@15-main.service)", () => {
    expect(timerFromRecord('1 pg_basebackup@15-main.service /etc/systemd/system/pg-weekly.timer /lib/systemd/system/pg_basebackup@.service pg-weekly.timer system  - /etc/systemd/system/timers.target.wants/pg-weekly.timer'))
      .toMatchObject({ id: 'pg-weekly.timer', instance: '15-main', template: false });
  });

  it('reads a record without its trailing fields as far as it goes, and none without a timer name', () => {
    expect(timerFromRecord('1 a.service /etc/systemd/system/a.timer /etc/systemd/system/a.service a.timer')).toEqual({
      id: 'a.timer', timer: 'a.timer', path: '/etc/systemd/system/a.timer', service: 'a.service', servicePath: '/etc/systemd/system/a.service', template: false, enabled: true, scope: 'system',
    });
    expect(timerFromRecord('0 a.service /home/al/.config/systemd/user/a.timer /home/al/.config/systemd/user/a.service a.timer user')).toMatchObject({ id: 'a.timer (user ?)', scope: 'user' });
    expect(timerFromRecord('1 backup.service /etc/systemd/system/backup.timer')).toBeUndefined();
  });

  it("keeps a template when the instances listed are another scope's or another account's", () => {
    const rec = (r: string) => timerFromRecord(r)!;
    const everyTemplate = rec('0 backup@.service /etc/systemd/user/backup@.timer /etc/systemd/user/backup@.service backup@.timer every-user  - ');
    const aliceInstance = rec('1 backup@home.service /etc/systemd/user/backup@.timer /etc/systemd/user/backup@.service backup@home.timer user alice 1 /home/alice/.config/systemd/user/timers.target.wants/backup@home.timer');
    const bobTemplate = rec('0 backup@.service /home/bob/.config/systemd/user/backup@.timer /home/bob/.config/systemd/user/backup@.service backup@.timer user bob 0 ');
    const aliceTemplate = rec('0 backup@.service /etc/systemd/user/backup@.timer /etc/systemd/user/backup@.service backup@.timer user alice 1 ');
    // The same unit name among the system's units: its instance stands for the system's template only.
    const systemTemplate = rec('0 backup@.service /etc/systemd/system/backup@.timer /etc/systemd/system/backup@.service backup@.timer system  - ');
    const systemInstance = rec('1 backup@srv.service /etc/systemd/system/backup@.timer /etc/systemd/system/backup@.service backup@srv.timer system  - /etc/systemd/system/timers.target.wants/backup@srv.timer');
    expect(withoutInstantiatedTemplates([everyTemplate, aliceInstance, bobTemplate, aliceTemplate, systemTemplate, systemInstance]).map((t) => t.id))
      .toEqual(['backup@.timer (every user)', 'backup@home.timer (user alice)', 'backup@.timer (user bob)', 'backup@srv.timer']);
  });
});
