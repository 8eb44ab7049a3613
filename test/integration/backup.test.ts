import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { fleetcheck } from './support/run-cli.js';

// Rack C2: one backup scenario per host (fixtures/lab/fleet.yaml, fixtures/lab/scenarios/backup-*).
const EXPECTED: Record<string, { verdict: string; checks: Record<string, string> }> = {
  'c2-01': { verdict: 'violation', checks: { 'backup.agents': 'fail', 'backup.schedules': 'pass', 'backup.remote-targets': 'pass', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  'c2-02': { verdict: 'violation', checks: { 'backup.agents': 'pass', 'backup.schedules': 'fail', 'backup.remote-targets': 'pass', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  'c2-03': { verdict: 'violation', checks: { 'backup.agents': 'fail', 'backup.schedules': 'fail', 'backup.remote-targets': 'fail', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  'c2-04': { verdict: 'compliant', checks: { 'backup.agents': 'warn', 'backup.schedules': 'warn', 'backup.remote-targets': 'pass', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  'c2-05': { verdict: 'violation', checks: { 'backup.agents': 'pass', 'backup.schedules': 'pass', 'backup.remote-targets': 'fail', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
  'c2-06': { verdict: 'compliant', checks: { 'backup.agents': 'pass', 'backup.schedules': 'pass', 'backup.remote-targets': 'pass', 'backup.storage-copies': 'pass', 'backup.provider-copies': 'pass' } },
};

const evidenceOf = (report: Report, host: string, check: string) =>
  report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === check)!.evidence;

describe("fleetcheck --check 'backup.*' over rack C2", () => {
  let report: Report;

  it('exits 1 (provider backups found) with a schema-valid report', async () => {
    const run = await fleetcheck(['--inventory', 'inventory/lab.yaml', '--rack', 'C2', '--check', 'backup.*', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    report = JSON.parse(run.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.selection.checks).toEqual(['backup.agents', 'backup.schedules', 'backup.remote-targets', 'backup.storage-copies', 'backup.provider-copies']);
  });

  it.each(Object.entries(EXPECTED))('%s gets its expected statuses', (name, expected) => {
    const host = report.hosts.find((h) => h.name === name);
    expect(host, `${name} in report`).toBeDefined();
    expect(Object.fromEntries(host!.checks.map((c) => [c.id, c.status]))).toEqual(expected.checks);
    expect(host!.verdict).toBe(expected.verdict);
  });

  it('names the file and line, the package, the unit and the provider host', () => {
    const bacula = evidenceOf(report, 'c2-01', 'backup.agents');
    expect(bacula[0]).toMatchObject({ source: '/etc/bacula/bacula-fd.conf:6', detail: expect.stringContaining('provider backup host backup01.provider.example') });
    expect(bacula.map((e) => e.source)).toEqual(expect.arrayContaining(['package bacula-fd', 'unit bacula-fd.service']));
    expect(evidenceOf(report, 'c2-02', 'backup.schedules')[0]).toMatchObject({ source: '/var/spool/cron/crontabs/root:7', detail: expect.stringContaining('rsync') });
    expect(evidenceOf(report, 'c2-03', 'backup.schedules')[0]!.source).toBe('restic-backup.timer → /etc/systemd/system/restic-backup.service:9');
    expect(evidenceOf(report, 'c2-03', 'backup.remote-targets')[0]!.source).toBe('/etc/restic/c2-03.env:2');
    expect(evidenceOf(report, 'c2-04', 'backup.schedules')[0]!.detail).toContain('nas.customer.example');
    expect(evidenceOf(report, 'c2-05', 'backup.remote-targets').map((e) => e.source)).toEqual(['/etc/fstab:6', '/etc/fstab:7']);
  });

  it('never reports a password from the scenario files', () => {
    const scenarios = 'fixtures/lab/scenarios';
    const files = [
      'backup-bacula-provider/etc/bacula/bacula-fd.conf', 'backup-rsync-cron/var/spool/cron/crontabs/root', 'backup-restic-timer/etc/restic/c2-03.env',
      'backup-borg-customer/etc/cron.d/borg-backup', 'backup-nfs-provider/etc/fstab',
    ].map((f) => readFileSync(`${scenarios}/${f}`, 'utf8'));
    const secrets = files.flatMap((t) => [...t.matchAll(/(?:Password = "|PASSWORD='?|PASSWORD=|PASSPHRASE=|password=)([A-Za-z0-9-]+)/g)].map((m) => m[1]!));
    expect(secrets).toHaveLength(6);
    const text = JSON.stringify(report);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).toContain('RSYNC_PASSWORD=***');
  });
});
