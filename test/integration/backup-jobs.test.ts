import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { fleetcheck } from './support/run-cli.js';

// Rack S13: backup jobs that show only through what they run (fixtures/lab/fleet.yaml, fixtures/lab/scenarios/jobs-*).
const EXPECTED: Record<string, { verdict: string; checks: Record<string, string> }> = {
  // cron → /opt/bk/run → sources /opt/bk/lib.sh (RESTIC_REPOSITORY on the provider's host) → restic
  's13-01': { verdict: 'violation', checks: { 'backup.agents': 'warn', 'backup.schedules': 'fail', 'backup.remote-targets': 'fail', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  // nightly.timer → nightly.service → /usr/local/sbin/nightly.sh → rsync "$SRC" "$DEST" to the provider
  's13-02': { verdict: 'violation', checks: { 'backup.agents': 'pass', 'backup.schedules': 'fail', 'backup.remote-targets': 'pass', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  // borg@daily.timer (instance of borg@.timer) → borg@.service, EnvironmentFile=/etc/borg/%i.env → provider network
  's13-03': { verdict: 'violation', checks: { 'backup.agents': 'warn', 'backup.schedules': 'fail', 'backup.remote-targets': 'fail', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  // alice's per-user timer (lingering) → restic to the customer's NAS
  's13-04': { verdict: 'compliant', checks: { 'backup.agents': 'warn', 'backup.schedules': 'warn', 'backup.remote-targets': 'warn', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  // cron runs /opt/restic/bin/restic; RESTIC_REPOSITORY is a crontab variable in the provider's domain
  's13-05': { verdict: 'violation', checks: { 'backup.agents': 'warn', 'backup.schedules': 'fail', 'backup.remote-targets': 'fail', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  // five scripts deep: the last one is not read, so not a pass
  's13-06': { verdict: 'compliant', checks: { 'backup.agents': 'pass', 'backup.schedules': 'warn', 'backup.remote-targets': 'pass', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  // a sourced file cut at the read limit and a script that is a FIFO: could not look
  's13-07': { verdict: 'error', checks: { 'backup.agents': 'warn', 'backup.schedules': 'error', 'backup.remote-targets': 'pass', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  's13-08': { verdict: 'compliant', checks: { 'backup.agents': 'pass', 'backup.schedules': 'pass', 'backup.remote-targets': 'pass', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
};

const evidenceOf = (report: Report, host: string, check: string) =>
  report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === check)!.evidence;

/**
 * A copy of the Debian package's restic running from /srv/tools, a directory no catalogue names, as a
 * customer's own download would: `init` waits for its password on a pipe that stays open, so it runs
 * while the rack is scanned (the lab's PID namespace ends it at `lab down`). Returns once its
 * executable shows in /proc.
 */
function startRestic(address: string): void {
  const script = [
    'mkdir -p /srv/tools && cp /usr/bin/restic /srv/tools/restic',
    '(sleep 600 | setsid /srv/tools/restic init --repo /srv/tools/repo >/dev/null 2>&1 &) </dev/null >/dev/null 2>&1',
    'i=0; while [ $i -lt 50 ]; do for e in /proc/[0-9]*/exe; do [ "$(readlink "$e")" = /srv/tools/restic ] && exit 0; done; i=$((i + 1)); sleep 0.1; done; exit 1',
  ].join('\n');
  execFileSync('ssh', ['-n', '-i', '.lab/keys/scanner_ed25519', '-o', 'UserKnownHostsFile=.lab/known_hosts', '-o', 'BatchMode=yes', `root@${address}`, script], { timeout: 30_000 });
}

describe("fleetcheck --check 'backup.*' over rack S13", () => {
  let report: Report;

  beforeAll(() => startRestic('127.10.13.5'));

  it('exits 1 (provider backups found) with a schema-valid report', async () => {
    const run = await fleetcheck(['--inventory', 'inventory/lab.yaml', '--rack', 'S13', '--check', 'backup.*', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    report = JSON.parse(run.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('%s gets its expected statuses', (name, expected) => {
    const host = report.hosts.find((h) => h.name === name);
    expect(host, `${name} in report`).toBeDefined();
    expect(Object.fromEntries(host!.checks.map((c) => [c.id, c.status]))).toEqual(expected.checks);
    expect(host!.verdict).toBe(expected.verdict);
  });

  it('follows a cron job into its script and the file the script sources', () => {
    expect(evidenceOf(report, 's13-01', 'backup.schedules').map((e) => e.source)).toEqual(['/etc/cron.d/nightly:4 → /opt/bk/run:7', '/etc/cron.d/nightly:4 → /opt/bk/run:8']);
    expect(evidenceOf(report, 's13-01', 'backup.schedules')[0]!.detail).toMatch(
      /^0 3 \* \* \* as root runs restic → provider backup host backup01\.provider\.example: restic backup --one-file-system --password-file /,
    );
    expect(evidenceOf(report, 's13-01', 'backup.remote-targets')).toEqual([{
      source: '/opt/bk/lib.sh:2',
      detail: 'RESTIC_REPOSITORY: sftp:restic@backup01.provider.example:/srv/restic/s13-01 → provider backup host backup01.provider.example',
    }]);
  });

  it("follows a timer's service into its script", () => {
    expect(evidenceOf(report, 's13-02', 'backup.schedules')[0]).toMatchObject({
      source: 'nightly.timer → /etc/systemd/system/nightly.service:6 → /usr/local/sbin/nightly.sh:8',
      detail: expect.stringMatching(/^OnCalendar=\*-\*-\* 01:15:00 as root rsync to a remote destination → provider backup host backup01\.provider\.example: rsync -a --delete/),
    });
  });

  it('expands the enabled instance of a template and its EnvironmentFile=', () => {
    expect(evidenceOf(report, 's13-03', 'backup.schedules')[0]).toEqual({
      source: 'borg@daily.timer → /etc/systemd/system/borg@.service:7',
      detail: 'OnCalendar=daily as root runs BorgBackup, instance daily enabled by /etc/systemd/system/timers.target.wants/borg@daily.timer → 10.250.7.7 in a provider backup network: /usr/bin/borg create --stats ::daily-{now} /srv /etc',
    });
    expect(evidenceOf(report, 's13-03', 'backup.remote-targets')).toEqual([{ source: '/etc/borg/daily.env:2', detail: 'BORG_REPO: ssh://borg@10.250.7.7/./s13-03 → 10.250.7.7 in a provider backup network' }]);
  });

  it("examines an account's own timers, says that it lingers, and the timers of every account", () => {
    expect(evidenceOf(report, 's13-04', 'backup.schedules')).toEqual([
      {
        source: 'shared-backup.timer (every user) → /etc/systemd/user/shared-backup.service:6',
        detail: 'OnCalendar=daily as every user runs restic, per-user timer of every account: /usr/bin/restic -r sftp:%u@nas.customer.example:/shared backup %h/shared',
      },
      {
        source: 'backup.timer (user alice) → /home/alice/.config/systemd/user/backup.service:7',
        detail: 'OnCalendar=hourly as alice runs restic, per-user timer of alice (lingering: runs without a login): /usr/bin/restic backup /home/alice/projects',
      },
    ]);
    expect(evidenceOf(report, 's13-04', 'backup.remote-targets')).toEqual([
      { source: '/home/alice/.config/systemd/user/backup.service:6', detail: 'RESTIC_REPOSITORY: sftp:alice@nas.customer.example:/backup/alice' },
    ]);
  });

  it('names programs outside the catalogued directories by the path a job and an enabled service run, and the crontab variable naming the repository', () => {
    const agents = evidenceOf(report, 's13-05', 'backup.agents');
    expect(agents.slice(0, 4).map((e) => e.source)).toEqual(['package restic', '/usr/bin/restic', '/usr/local/restic/bin/restic', '/opt/restic/bin/restic']);
    // The running copy, found by its executable (and by its process name).
    expect(agents.slice(4)).toEqual([
      { source: expect.stringMatching(/^process \d+ \(\/srv\/tools\/restic\)$/), detail: 'restic program running from /srv/tools/restic' },
      { source: expect.stringMatching(/^process \d+ \(restic\)$/), detail: 'restic running: /srv/tools/restic init --repo /srv/tools/repo' },
    ]);
    expect(evidenceOf(report, 's13-05', 'backup.remote-targets')).toEqual([{
      source: '/etc/cron.d/offsite:2',
      detail: 'RESTIC_REPOSITORY: s3:https://s3.backup.provider.example/s13-05 → s3.backup.provider.example in provider backup domain backup.provider.example',
    }]);
  });

  it('says which script a limit kept unread, and what could not be read', () => {
    expect(evidenceOf(report, 's13-06', 'backup.schedules')).toEqual([{
      source: '/etc/cron.d/chain:2 → /opt/chain/1.sh:3 → /opt/chain/2.sh:3 → /opt/chain/3.sh:3 → /opt/chain/4.sh:3',
      detail: 'runs /opt/chain/5.sh, not followed: deeper than 4 scripts',
    }]);
    expect(evidenceOf(report, 's13-07', 'backup.schedules').slice(0, 2)).toEqual([
      { source: '/opt/bk/pipe-run', detail: 'cannot read this schedule' },
      { source: '/opt/bk/settings', detail: 'too large: only the first part was read' },
    ]);
  });

  it('never reports a password from the scenario files', () => {
    const secrets = ['jobs-template-timer/etc/borg/daily.env', 'jobs-opt-program/etc/cron.d/offsite']
      .map((f) => readFileSync(`fixtures/lab/scenarios/${f}`, 'utf8'))
      .flatMap((t) => [...t.matchAll(/(?:PASSWORD|PASSPHRASE)=(\S+)/g)].map((m) => m[1]!));
    expect(secrets).toEqual(['Jobs-s1303-Pp7', 'Jobs-s1305-Rk4']);
    const text = JSON.stringify(report);
    for (const s of secrets) expect(text).not.toContain(s);
  });
});
