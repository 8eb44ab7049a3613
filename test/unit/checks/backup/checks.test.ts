import { describe, expect, it } from 'vitest';
import type { BackupSchedulesFact, TimerInfo } from '../../../../src/facts/backup-schedules.js';
import type { BackupSoftwareFact } from '../../../../src/facts/backup-software.js';
import type { BackupStorageFact } from '../../../../src/facts/backup-storage.js';
import type { BackupTargetsFact } from '../../../../src/facts/backup-targets.js';
import type { NameResolutionFact } from '../../../../src/facts/name-resolution.js';
import { hostNamesIn } from '../../../../src/text/host-names.js';
import { backupAgents } from '../../../../src/checks/backup/agents.js';
import { backupRemoteTargets } from '../../../../src/checks/backup/remote-targets.js';
import { backupSchedules, timerState } from '../../../../src/checks/backup/schedules.js';
import { withVariables } from '../../../../src/catalogue/backup-command.js';
import { backupStorageCopies } from '../../../../src/checks/backup/storage-copies.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { testHost, testProvider } from '../../support/hosts.js';

function context(agents: string[] = []): CheckContext {
  const provider = testProvider();
  provider.backup = { hosts: ['backup01.provider.example'], cidrs: ['10.250.0.0/16', 'fd00:250::/32'], domains: ['backup.provider.example'], agents };
  return { host: testHost(), provider, now: new Date('2026-03-02T00:00:00Z'), mode: 'contract', modeReason: 'test' };
}

const noSoftware: BackupSoftwareFact = { packages: [], binaries: [], units: [], processes: [], executables: [], configs: [], problems: [] };
const noSchedules: BackupSchedulesFact = { commands: [], timers: [], unreadable: [], truncated: [], programs: [], notFollowed: [] };
const software = (f: Partial<BackupSoftwareFact>, jobs: Partial<BackupSchedulesFact> = {}) => ({
  'ssh.backup-software': { ...noSoftware, ...f },
  'ssh.backup-schedules': { ...noSchedules, ...jobs },
});

describe('backup.agents', () => {
  it('passes when nothing is found', () => {
    expect(backupAgents.evaluate(software({}), context()).status).toBe('pass');
  });

  it('warns about backup software it cannot attribute, naming package, program, unit and process', () => {
    const out = backupAgents.evaluate(
      software({
        packages: [{ manager: 'dpkg', name: 'borgbackup', version: '1.2.4-1', status: 'ii ' }],
        binaries: ['/usr/bin/borg', '/bin/borg'],
        units: [{ path: '/lib/systemd/system/bacula-fd.service', name: 'bacula-fd.service', enabled: false }],
        processes: [{ pid: 42, name: 'borg', args: 'borg create --passphrase=hunter2 ssh://nas.customer.example/./r::x /srv' }],
      }),
      context(),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence.map((e) => e.source)).toEqual(['unit bacula-fd.service', 'package borgbackup', '/usr/bin/borg', 'process 42 (borg)']);
    expect(JSON.stringify(out)).not.toContain('hunter2');
  });

  it('fails when a configuration names the provider, quoting the line with its password masked', () => {
    const out = backupAgents.evaluate(
      software({
        packages: [{ manager: 'dpkg', name: 'bacula-fd', version: '9.6.7-7', status: 'ii ' }],
        configs: [{ path: '/etc/bacula/bacula-fd.conf', state: 'read', truncated: false, lines: ['Director {', '  Name = backup01.provider.example-dir', '  Password = "s3cr3t"', '}'] }],
      }),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toEqual({
      source: '/etc/bacula/bacula-fd.conf:2',
      detail: 'Bacula file daemon configured for the provider (provider backup host backup01.provider.example): Name = backup01.provider.example-dir',
    });
    expect(out.evidence.map((e) => e.source)).toContain('package bacula-fd');
    expect(JSON.stringify(out)).not.toContain('s3cr3t');
  });

  it('reads no commented line: a director or server named only in a comment does not fail', () => {
    const out = backupAgents.evaluate(
      software({
        packages: [{ manager: 'dpkg', name: 'bacula-fd', version: '9.6.7-7', status: 'ii ' }],
        configs: [
          {
            path: '/etc/bacula/bacula-fd.conf',
            state: 'read',
            truncated: false,
            lines: ['#Director {', '#  Name = backup01.provider.example-dir', '  ; Address = 10.250.3.4', '// server backup.provider.example', 'Director {', '  Name = nas-dir # was backup01.provider.example-dir', '  Address = "nas.customer.example#1"', '}'],
          },
        ],
      }),
      context(),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence.map((e) => e.source)).toEqual(['package bacula-fd', '/etc/bacula/bacula-fd.conf']);
  });

  it('still fails on the live line after commented ones, quoting it without its comment', () => {
    const out = backupAgents.evaluate(
      software({ configs: [{ path: '/etc/bacula/bacula-fd.conf', state: 'read', truncated: false, lines: ['# Director { Name = old-dir }', '  Address = 10.250.3.4   # the provider director'] }] }),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toEqual({ source: '/etc/bacula/bacula-fd.conf:2', detail: 'Bacula file daemon configured for the provider (10.250.3.4 in a provider backup network): Address = 10.250.3.4' });
  });

  it('fails for a declared provider agent wherever it is configured to', () => {
    const out = backupAgents.evaluate(software({ units: [{ path: '/etc/systemd/system/veeamservice.service', name: 'veeamservice.service', enabled: true }] }), context(['veeam-agent']));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]!.detail).toMatch(/declared provider backup agent \(veeam-agent\)/);
  });

  it('finds a program outside the catalogued directories by the path a job runs it from', () => {
    const out = backupAgents.evaluate(software({}, { programs: ['/opt/restic/bin/restic', '/usr/bin/flock'] }), context());
    expect(out).toEqual({
      status: 'warn',
      message: '1 backup software trace(s) not attributable to the provider; review',
      evidence: [{ source: '/opt/restic/bin/restic', detail: 'restic program on disk' }],
    });
  });

  it('finds a program by the executable of a running process, once per place', () => {
    const out = backupAgents.evaluate(
      software({
        binaries: ['/usr/bin/restic', '/bin/restic'],
        executables: [{ pid: 28749, path: '/tmp/f17/bin/restic' }, { pid: 31, path: '/usr/bin/restic' }],
      }),
      context(),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toEqual([
      { source: '/usr/bin/restic', detail: 'restic program on disk' },
      { source: 'process 28749 (/tmp/f17/bin/restic)', detail: 'restic program running from /tmp/f17/bin/restic' },
    ]);
  });

  it('is an error, not a pass, when part of the collection could not run', () => {
    const out = backupAgents.evaluate(software({ problems: ['dpkg-query is missing but /var/lib/dpkg/status exists'] }), context());
    expect(out.status).toBe('error');
    const unreadable = backupAgents.evaluate(software({ configs: [{ path: '/etc/restic/env', state: 'unreadable', lines: [], truncated: false }] }), context());
    expect(unreadable.status).toBe('error');
  });
});

const schedules = (commands: BackupSchedulesFact['commands'], extra: Partial<BackupSchedulesFact> = {}, resolution: NameResolutionFact = { names: [], notAsked: [] }) => ({
  'ssh.backup-schedules': { ...noSchedules, commands, ...extra },
  'ssh.name-resolution': resolution,
});

describe('backup.schedules', () => {
  it('fails for rsync to a provider host and masks the password', () => {
    const out = backupSchedules.evaluate(
      schedules([{ source: '/var/spool/cron/crontabs/root:7', when: '15 3 * * *', user: 'root', environment: [], command: "RSYNC_PASSWORD='pw-1' rsync -a /srv/ rsync://u@backup01.provider.example/m/" }]),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]!.detail).toBe(
      "15 3 * * * as root rsync to a remote destination → provider backup host backup01.provider.example: RSYNC_PASSWORD=*** rsync -a /srv/ rsync://u@backup01.provider.example/m/",
    );
  });

  it('attributes by the cron environment too (BORG_REPO on a provider network)', () => {
    const out = backupSchedules.evaluate(
      schedules([{ source: '/etc/cron.d/b:3', when: '@daily', user: 'root', environment: [{ origin: '/etc/cron.d/b:2', text: 'BORG_REPO=ssh://b@10.250.3.4/./r' }], command: 'borg create ::{now} /srv' }]),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]!.detail).toContain('10.250.3.4 in a provider backup network');
  });

  it('warns for a customer backup to a customer host, and ignores local work', () => {
    const out = backupSchedules.evaluate(
      schedules([
        { source: '/etc/cron.d/borg:7', when: '45 1 * * *', user: 'root', environment: [{ origin: '/etc/cron.d/borg:3', text: 'BORG_PASSPHRASE=x' }], command: 'borg create ssh://borg@nas.customer.example/./r::a /srv' },
        { source: '/etc/crontab:3', when: '0 4 * * *', user: 'root', environment: [], command: 'tar czf /var/backups/etc.tgz /etc' },
        { source: '/etc/cron.daily/dpkg:5', when: 'daily', user: 'root', environment: [], command: '/usr/libexec/dpkg/dpkg-db-backup' },
      ]),
      context(),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence.map((e) => e.source)).toEqual(['/etc/cron.d/borg:7']);
  });

  it.each([
    ['tar cz /srv | ssh b@backup01.provider.example "cat > srv.tgz"', 'tar piped to ssh'],
    ['dd if=/dev/sda bs=4M | gzip | nc 10.250.0.9 9000', 'dd piped to nc'],
    ['zfs send -R tank@now | ssh backup01.provider.example zfs recv pool/c', 'zfs send piped on'],
    ['mysqldump -uroot -pTopSecret --all-databases | ssh backup01.provider.example "cat > db.sql"', 'mysqldump piped to ssh'],
    ['rclone sync /srv offsite:c2', 'rclone to a remote'],
    ['scp -q /var/backups/db.sql backup@[fd00:250::9]:/in/', 'scp to a remote destination'],
  ])('recognises %s', (command, how) => {
    const out = backupSchedules.evaluate(schedules([{ source: '/etc/crontab:9', when: '@daily', user: 'root', environment: [], command }]), context());
    expect(out.evidence[0]!.detail).toContain(how);
    expect(out.evidence[0]!.detail).not.toContain('TopSecret');
  });

  it('is an error when a crontab could not be read', () => {
    expect(backupSchedules.evaluate(schedules([], { unreadable: ['/var/spool/cron/crontabs/bob'] }), context()).status).toBe('error');
  });

  // Could not look, so error or warn, never pass: each way a schedule can be left unexamined.
  it.each([
    ['an unreadable crontab', { unreadable: ['/var/spool/cron/crontabs/bob'] }, 'error', '/var/spool/cron/crontabs/bob', 'cannot read this schedule'],
    ['a script a job runs that cannot be read', { unreadable: ['/opt/bk/pipe-run'] }, 'error', '/opt/bk/pipe-run', 'cannot read this schedule'],
    ['a crontab cut at the read limit', { truncated: ['/etc/cron.d/huge'] }, 'error', '/etc/cron.d/huge', 'too large: only the first part was read'],
    ['a sourced file cut at the read limit', { truncated: ['/opt/bk/settings'] }, 'error', '/opt/bk/settings', 'too large: only the first part was read'],
    [
      'a script deeper than the depth limit',
      { notFollowed: [{ source: '/etc/cron.d/chain:2 → /opt/chain/4.sh:3', path: '/opt/chain/5.sh', reason: 'deeper than 4 scripts' }] },
      'warn', '/etc/cron.d/chain:2 → /opt/chain/4.sh:3', 'runs /opt/chain/5.sh, not followed: deeper than 4 scripts',
    ],
  ] as Array<[string, Partial<BackupSchedulesFact>, string, string, string]>)('%s is %s, never pass', (_, extra, status, source, detail) => {
    const out = backupSchedules.evaluate(schedules([], extra), context());
    expect(out.status).toBe(status);
    expect(out.evidence).toEqual([{ source, detail }]);
  });

  it('judges what a job\'s script runs, with the script\'s own environment, and names the chain', () => {
    const out = backupSchedules.evaluate(
      schedules([
        { source: '/etc/cron.d/nightly:4', when: '0 3 * * *', user: 'root', environment: [], command: '/opt/bk/run >>/var/log/bk.log 2>&1' },
        {
          source: '/etc/cron.d/nightly:4 → /opt/bk/run:8', when: '0 3 * * *', user: 'root', command: 'restic backup --one-file-system /srv /etc',
          environment: [{ origin: '/opt/bk/lib.sh:2', text: 'export RESTIC_REPOSITORY=sftp:restic@backup01.provider.example:/srv/restic/s13-01' }],
        },
      ]),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([{
      source: '/etc/cron.d/nightly:4 → /opt/bk/run:8',
      detail: '0 3 * * * as root runs restic → provider backup host backup01.provider.example: restic backup --one-file-system /srv /etc',
    }]);
  });

  it('fails a job whose server only the host resolves into a provider network, saying to which address', () => {
    const job = { source: '/etc/cron.d/offsite:3', when: '0 4 * * *', user: 'root', environment: [], command: 'rsync -a /srv/ vault.example.net:/backups/' };
    const resolved = backupSchedules.evaluate(schedules([job], {}, { names: [{ name: 'vault.example.net', outcome: 'resolved', addresses: ['10.250.7.7'] }], notAsked: [] }), context());
    expect(resolved.status).toBe('fail');
    expect(resolved.evidence[0]!.detail).toContain('vault.example.net resolved on the host to 10.250.7.7');
    // Resolved elsewhere, or not at all: another's backup job, shown for review.
    expect(backupSchedules.evaluate(schedules([job], {}, { names: [{ name: 'vault.example.net', outcome: 'resolved', addresses: ['192.0.2.7'] }], notAsked: [] }), context()).status).toBe('warn');
    expect(backupSchedules.evaluate(schedules([job]), context()).status).toBe('warn');
  });

  const timer = (t: Partial<TimerInfo>): TimerInfo => ({
    id: 'borg@daily.timer', timer: 'borg@daily.timer', path: '/etc/systemd/system/borg@.timer', service: 'borg@daily.service',
    servicePath: '/etc/systemd/system/borg@.service', template: false, enabled: true, scope: 'system', ...t,
  });
  const borg = (id: string): BackupSchedulesFact['commands'][number] => ({
    source: `${id} → /etc/systemd/system/borg@.service:7`, when: 'OnCalendar=daily', user: 'root', command: '/usr/bin/borg create ::daily-{now} /srv',
    environment: [{ origin: '/etc/borg/daily.env:2', text: 'BORG_REPO=ssh://borg@nas.customer.example/./r' }], timer: id,
  });

  it.each([
    [timer({ instance: 'daily', enabledBy: '/etc/systemd/system/timers.target.wants/borg@daily.timer' }), ', instance daily enabled by /etc/systemd/system/timers.target.wants/borg@daily.timer'],
    [timer({ id: 'borg@.timer', timer: 'borg@.timer', template: true, enabled: false }), ', template timer, no instance enabled'],
    [timer({ id: 'restic.timer', timer: 'restic.timer', enabled: false }), ', timer not enabled'],
    [timer({ id: 'restic.timer', timer: 'restic.timer' }), ''],
    [
      timer({ id: 'backup.timer (user alice)', timer: 'backup.timer', scope: 'user', account: 'alice', lingering: true, enabledBy: '/home/alice/.config/systemd/user/timers.target.wants/backup.timer' }),
      ', per-user timer of alice (lingering: runs without a login)',
    ],
    [timer({ id: 'backup.timer (user bob)', timer: 'backup.timer', scope: 'user', account: 'bob', lingering: false, enabled: false }), ', timer not enabled, per-user timer of bob (runs while the account is logged in)'],
  ])('says which timer starts it: %#', (t, state) => {
    expect(timerState(t)).toBe(state);
    const out = backupSchedules.evaluate(schedules([borg(t.id)], { timers: [t] }), context());
    expect(out.status).toBe('warn');
    expect(out.evidence[0]!.detail).toBe(`OnCalendar=daily as root runs BorgBackup${state}: /usr/bin/borg create ::daily-{now} /srv`);
  });
});

/**
 * Targets, a host's scheduled jobs, and what the host's resolver said; by default every name the
 * targets and the jobs hold was asked and is unknown to it.
 */
const targets = (f: Partial<BackupTargetsFact>, jobs: Partial<BackupSchedulesFact> = {}, resolution: Partial<NameResolutionFact> = {}) => {
  const fact: BackupTargetsFact = { mounts: [], repositories: [], unreadable: [], truncated: [], ...f };
  const schedulesFact: BackupSchedulesFact = { ...noSchedules, ...jobs };
  const texts = [
    ...fact.mounts.map((m) => `${m.source} ${m.options}`),
    ...fact.repositories.map((r) => r.value),
    ...schedulesFact.commands.map((c) => [c.command, ...c.environment.map((e) => e.text)].join(' ')),
  ];
  const names = [...new Set(texts.flatMap(hostNamesIn))].map((name) => ({ name, outcome: 'unknown' as const, addresses: [] }));
  return { 'ssh.backup-targets': fact, 'ssh.backup-schedules': schedulesFact, 'ssh.name-resolution': { names, notAsked: [], ...resolution } };
};

describe('backup.remote-targets', () => {
  const vaultMount = { origin: '/etc/fstab:4', source: 'vault.example.net:/export/backup', target: '/mnt/vault', type: 'nfs', options: 'rw,hard' };
  const vaultRepo = { origin: '/etc/restic/env:2', kind: 'RESTIC_REPOSITORY', value: 'sftp:bk@vault.example.net:/srv/restic' };

  it('fails for a mount and a repository naming a host the scanned host resolves into a provider network, saying to which address', () => {
    const out = backupRemoteTargets.evaluate(
      targets({ mounts: [vaultMount], repositories: [vaultRepo] }, {}, { names: [{ name: 'vault.example.net', outcome: 'resolved', addresses: ['10.250.7.7', '192.0.2.77'] }] }),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      { source: '/etc/fstab:4', detail: 'nfs vault.example.net:/export/backup on /mnt/vault (in fstab, options rw,hard) → vault.example.net resolved on the host to 10.250.7.7, in a provider backup network' },
      { source: '/etc/restic/env:2', detail: 'RESTIC_REPOSITORY: sftp:bk@vault.example.net:/srv/restic → vault.example.net resolved on the host to 10.250.7.7, in a provider backup network' },
    ]);
  });

  it('does not count a name that resolves elsewhere, or that no resolver knows, as the provider', () => {
    const elsewhere = backupRemoteTargets.evaluate(targets({ mounts: [vaultMount] }, {}, { names: [{ name: 'vault.example.net', outcome: 'resolved', addresses: ['192.0.2.77'] }] }), context());
    expect(elsewhere).toMatchObject({ status: 'warn', evidence: [{ source: '/etc/fstab:4', detail: 'nfs vault.example.net:/export/backup on /mnt/vault (in fstab, options rw,hard)' }] });
    expect(backupRemoteTargets.evaluate(targets({ mounts: [vaultMount] }, {}, { names: [{ name: 'vault.example.net', outcome: 'unknown', addresses: [] }] }), context()).status).toBe('warn');
  });

  it('is an error, not a warn, when a named host could not be resolved or was left unasked at a limit', () => {
    const failed = backupRemoteTargets.evaluate(targets({ mounts: [vaultMount] }, {}, { names: [{ name: 'vault.example.net', outcome: 'failed', addresses: [], why: 'timed out' }] }), context());
    expect(failed.status).toBe('error');
    expect(failed.evidence[0]).toEqual({ source: '/etc/fstab:4', detail: 'could not resolve vault.example.net on the host (timed out)' });
    const unasked = backupRemoteTargets.evaluate(targets({ repositories: [vaultRepo] }, {}, { notAsked: [{ name: 'vault.example.net', why: 'more than 32 names to resolve' }] }), context());
    expect(unasked.status).toBe('error');
    expect(unasked.evidence[0]).toEqual({ source: '/etc/restic/env:2', detail: 'did not resolve vault.example.net on the host: more than 32 names to resolve' });
    const never = backupRemoteTargets.evaluate(targets({ repositories: [vaultRepo] }, {}, { names: [] }), context());
    expect(never.status).toBe('error');
    expect(never.evidence[0]).toEqual({ source: '/etc/restic/env:2', detail: 'did not resolve vault.example.net on the host: it was not among the names asked' });
    // A target already on the provider by its own text fails whatever the lookup said.
    const direct = backupRemoteTargets.evaluate(targets({ mounts: [{ ...vaultMount, source: '10.250.4.20:/x' }] }, {}, { notAsked: [{ name: 'vault.example.net', why: 'x' }] }), context());
    expect(direct.status).toBe('fail');
  });

  it('fails for an NFS share on a provider network and a CIFS share in the provider domain', () => {
    const out = backupRemoteTargets.evaluate(
      targets({
        mounts: [
          { origin: '/etc/fstab:6', source: '10.250.4.20:/export/c', target: '/mnt/b', type: 'nfs4', options: 'rw' },
          { origin: '/proc/mounts:9', source: '//files.backup.provider.example/c', target: '/mnt/s', type: 'cifs', options: 'username=c,password=pw9' },
        ],
      }),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence.map((e) => e.source)).toEqual(['/etc/fstab:6', '/proc/mounts:9']);
    expect(out.evidence[1]!.detail).toContain('password=***');
    expect(JSON.stringify(out)).not.toContain('pw9');
  });

  it('warns for a customer sshfs mount; skips a local rclone remote; passes with nothing', () => {
    const out = backupRemoteTargets.evaluate(
      targets({
        mounts: [{ origin: '/etc/fstab:3', source: 'me@nas.customer.example:/b', target: '/mnt/nas', type: 'fuse.sshfs', options: 'noauto' }],
        repositories: [{ origin: '/root/.config/rclone/rclone.conf:1', kind: 'rclone remote l', value: 'type=local' }],
      }),
      context(),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toHaveLength(1);
    expect(backupRemoteTargets.evaluate(targets({}), context()).status).toBe('pass');
  });

  it('shows only harmless settings of an rclone remote: keys, tokens and passwords are masked', () => {
    const out = backupRemoteTargets.evaluate(
      targets({
        repositories: [
          { origin: '/root/.config/rclone/rclone.conf:1', kind: 'rclone remote b2', value: 'type=b2 account=0012ab key=K001secretkey' },
          { origin: '/root/.config/rclone/rclone.conf:5', kind: 'rclone remote az', value: 'type=azureblob account=acct key=QmFzZTY0c2VjcmV0' },
          { origin: '/root/.config/rclone/rclone.conf:9', kind: 'rclone remote gd', value: 'type=drive token={"access_token":"ya29.tok","refresh_token":"1//0refresh"}' },
        ],
      }),
      context(),
    );
    expect(out.evidence.map((e) => e.detail)).toEqual(['rclone remote b2: type=b2 account=*** key=***', 'rclone remote az: type=azureblob account=*** key=***', 'rclone remote gd: type=drive token=***']);
    expect(JSON.stringify(out)).not.toMatch(/K001secretkey|QmFzZTY0c2VjcmV0|0refresh|ya29/);
  });

  // Could not look, so error, never pass.
  it.each([
    ['an unreadable environment file', { unreadable: ['/etc/default/restic'] }, '/etc/default/restic', 'cannot read'],
    ['a cut configuration', { truncated: ['/root/.config/rclone/rclone.conf'] }, '/root/.config/rclone/rclone.conf', 'too large: only the first part was read'],
  ] as Array<[string, Partial<BackupTargetsFact>, string, string]>)('%s is an error', (_, extra, source, detail) => {
    const out = backupRemoteTargets.evaluate(targets(extra), context());
    expect(out.status).toBe('error');
    expect(out.evidence).toEqual([{ source, detail }]);
  });

  const envJob = (environment: BackupSchedulesFact['commands'][number]['environment'], command = '/usr/bin/borg create ::{now} /srv') => ({
    source: 'borg@daily.timer → /etc/systemd/system/borg@.service:7', when: 'OnCalendar=daily', user: 'root', command, environment, timer: 'borg@daily.timer',
  });

  it('counts a repository named in a job\'s EnvironmentFile=, naming the file and line', () => {
    const out = backupRemoteTargets.evaluate(
      targets({}, {
        commands: [envJob([
          { origin: '/etc/systemd/system/borg@.service:6', text: 'EnvironmentFile=/etc/borg/daily.env' },
          { origin: '/etc/borg/daily.env:2', text: 'BORG_REPO=ssh://borg@10.250.7.7/./s13-03' },
          { origin: '/etc/borg/daily.env:3', text: 'BORG_PASSPHRASE=pp-1' },
        ])],
      }),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([{ source: '/etc/borg/daily.env:2', detail: 'BORG_REPO: ssh://borg@10.250.7.7/./s13-03 → 10.250.7.7 in a provider backup network' }]);
  });

  it('counts Environment= assignments, crontab variables, script exports and the command line, once each', () => {
    const out = backupRemoteTargets.evaluate(
      targets(
        { repositories: [{ origin: '/etc/restic/env:1', kind: 'RESTIC_REPOSITORY', value: 'sftp:a@nas.customer.example:/a' }] },
        {
          commands: [
            envJob([{ origin: '/home/alice/.config/systemd/user/backup.service:6', text: 'Environment="RESTIC_REPOSITORY=sftp:alice@nas.customer.example:/b" RESTIC_PASSWORD_FILE=/p' }], 'restic backup /x'),
            envJob([{ origin: '/etc/cron.d/offsite:2', text: 'RESTIC_REPOSITORY=s3:https://s3.backup.provider.example/s13-05' }], 'restic backup /srv'),
            envJob([{ origin: '/etc/cron.d/offsite:2', text: 'RESTIC_REPOSITORY=s3:https://s3.backup.provider.example/s13-05' }], 'restic check'),
            envJob([{ origin: '/etc/restic/env:1', text: 'RESTIC_REPOSITORY=sftp:a@nas.customer.example:/a' }], 'restic check'),
            envJob([{ origin: '/opt/bk/lib.sh:2', text: "export BORG_REPO='ssh://b@nas.customer.example/./c'" }], 'borg list'),
            { ...envJob([], 'BORG_REPO=ssh://b@nas.customer.example/./d borg create ::x /srv'), source: '/etc/crontab:9' },
          ],
        },
      ),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence.map((e) => [e.source, e.detail])).toEqual([
      ['/etc/cron.d/offsite:2', 'RESTIC_REPOSITORY: s3:https://s3.backup.provider.example/s13-05 → s3.backup.provider.example in provider backup domain backup.provider.example'],
      ['/etc/restic/env:1', 'RESTIC_REPOSITORY: sftp:a@nas.customer.example:/a'],
      ['/home/alice/.config/systemd/user/backup.service:6', 'RESTIC_REPOSITORY: sftp:alice@nas.customer.example:/b'],
      ['/opt/bk/lib.sh:2', 'BORG_REPO: ssh://b@nas.customer.example/./c'],
      ['/etc/crontab:9', 'BORG_REPO: ssh://b@nas.customer.example/./d'],
    ]);
  });

  it('is an error when a job\'s EnvironmentFile= could not be read or was cut', () => {
    const job = envJob([{ origin: '/etc/systemd/system/borg@.service:6', text: 'EnvironmentFile=-/etc/borg/daily.env' }]);
    const unreadable = backupRemoteTargets.evaluate(targets({}, { commands: [job], unreadable: ['/etc/borg/daily.env'] }), context());
    expect(unreadable.status).toBe('error');
    expect(unreadable.evidence).toEqual([{ source: '/etc/borg/daily.env', detail: 'cannot read this environment file of a scheduled job' }]);
    const cut = backupRemoteTargets.evaluate(targets({}, { commands: [job], truncated: ['/etc/borg/daily.env'] }), context());
    expect(cut).toMatchObject({ status: 'error', evidence: [{ source: '/etc/borg/daily.env', detail: 'too large: only the first part was read' }] });
  });

  it('does not take a look-alike for a provider host', () => {
    const out = backupRemoteTargets.evaluate(
      targets({ repositories: [{ origin: '/etc/default/restic:1', kind: 'RESTIC_REPOSITORY', value: 'sftp:x@backup01.provider.example.attacker.test:/r' }] }),
      context(),
    );
    expect(out.status).toBe('warn');
  });
});

const storage = (f: Partial<BackupStorageFact>) => ({ 'ssh.backup-storage': { snapshots: [], drbd: [], drbdLoaded: false, mdArrays: [], problems: [], truncated: [], ...f } });

describe('backup.storage-copies', () => {
  it('warns about snapshots and fails for a DRBD peer on a provider network', () => {
    expect(backupStorageCopies.evaluate(storage({ snapshots: [{ tool: 'lvs', name: 'vg/snap', origin: 'vg/data' }] }), context()).status).toBe('warn');
    const out = backupStorageCopies.evaluate(storage({ drbd: [{ name: 'r0', origin: '/etc/drbd.d/r0.res:1', addresses: ['10.10.0.7:7789', '10.250.9.14:7789'] }] }), context());
    expect(out.status).toBe('fail');
    expect(out.evidence[0]!.detail).toContain('10.250.9.14 in a provider backup network');
  });

  it('is an error, not a pass, when mdstat or a DRBD configuration was cut at the read limit', () => {
    const out = backupStorageCopies.evaluate(storage({ truncated: ['/etc/drbd.d/r0.res'] }), context());
    expect(out).toMatchObject({ status: 'error', evidence: [{ source: '/etc/drbd.d/r0.res', detail: expect.stringMatching(/too large/) }] });
  });

  it('warns about an md array with a network member, naming array and member, and stays quiet about local arrays', () => {
    const out = backupStorageCopies.evaluate(
      storage({
        mdArrays: [
          { name: 'md0', level: 'raid1', members: ['nbd0', 'sda2'], networkMembers: ['nbd0'] },
          { name: 'md1', level: 'raid1', members: ['sdb1', 'sda1'], networkMembers: [] },
        ],
      }),
      context(),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toEqual([{ source: '/proc/mdstat', detail: 'md0 (raid1) has network member(s) nbd0' }]);
    expect(backupStorageCopies.evaluate(storage({ mdArrays: [{ name: 'md1', level: 'raid1', members: ['sdb1', 'sda1'], networkMembers: [] }] }), context()).status).toBe('pass');
  });

  it('is an error when a needed tool is missing', () => {
    expect(backupStorageCopies.evaluate(storage({ problems: ['device-mapper volume vg0-data exists but lvs is missing'] }), context()).status).toBe('error');
  });
});

describe('withVariables', () => {
  it('puts in the values the environment assigns, later ones winning, and leaves the rest', () => {
    const env = ['SRC=/srv/', 'DEST=rsync://x@old.example/m/', "export DEST='rsync://s13-02@backup01.provider.example/customers/s13-02/'"];
    expect(withVariables('rsync -a "$SRC" "${DEST}" $(date) $UNSET', env)).toBe(
      'rsync -a "/srv/" "rsync://s13-02@backup01.provider.example/customers/s13-02/" $(date) $UNSET',
    );
  });

  it('lets backup.schedules see where a script\'s rsync goes', () => {
    const out = backupSchedules.evaluate(
      schedules([{
        source: 'nightly.timer → /etc/systemd/system/nightly.service:6 → /usr/local/sbin/nightly.sh:10', when: 'OnCalendar=*-*-* 01:15:00', user: 'root',
        command: 'rsync -a --delete --password-file=/etc/rsync.secret "$SRC" "$DEST"', timer: 'nightly.timer',
        environment: [
          { origin: '/usr/local/sbin/nightly.sh:5', text: 'SRC=/srv/' },
          { origin: '/usr/local/sbin/nightly.sh:6', text: 'DEST=rsync://s13-02@backup01.provider.example/customers/s13-02/' },
        ],
      }]),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]!.detail).toBe(
      'OnCalendar=*-*-* 01:15:00 as root rsync to a remote destination → provider backup host backup01.provider.example: rsync -a --delete --password-file=/etc/rsync.secret "$SRC" "$DEST"',
    );
  });
});
