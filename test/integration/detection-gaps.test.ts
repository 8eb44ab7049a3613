import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { fleetcheck } from './support/run-cli.js';

// Rack R14 (fixtures/lab/fleet.yaml, fixtures/lab/scenarios/files-*): stored secrets in ordinary files,
// names only the scanned host resolves, evidence masking, commented configuration; and clean hosts
// of other racks, which must stay clean under the same checks.
const CHECKS = [
  'backup.agents',
  'backup.schedules',
  'backup.remote-targets',
  'residue.provider-secret-in-files',
  'residue.provisioning-credentials',
  'residue.store-os-credentials',
];
const EXPECTED: Record<string, { verdict: string; checks: Record<string, string> }> = {
  'r14-01': {
    verdict: 'violation',
    checks: { 'backup.agents': 'pass', 'backup.schedules': 'pass', 'backup.remote-targets': 'pass', 'residue.provider-secret-in-files': 'fail', 'residue.provisioning-credentials': 'pass', 'residue.store-os-credentials': 'fail' },
  },
  'r14-02': {
    verdict: 'violation',
    checks: { 'backup.agents': 'pass', 'backup.schedules': 'pass', 'backup.remote-targets': 'pass', 'residue.provider-secret-in-files': 'fail', 'residue.provisioning-credentials': 'pass', 'residue.store-os-credentials': 'pass' },
  },
  'r14-03': {
    verdict: 'compliant',
    checks: { 'backup.agents': 'pass', 'backup.schedules': 'pass', 'backup.remote-targets': 'pass', 'residue.provider-secret-in-files': 'warn', 'residue.provisioning-credentials': 'pass', 'residue.store-os-credentials': 'pass' },
  },
  'r14-04': {
    verdict: 'violation',
    // The restic environment file is a catalogued restic configuration: present, so agents warns. Its
    // cron job names the same server, which the host resolves into the provider network: schedules fails.
    checks: { 'backup.agents': 'warn', 'backup.schedules': 'fail', 'backup.remote-targets': 'fail', 'residue.provider-secret-in-files': 'pass', 'residue.provisioning-credentials': 'pass', 'residue.store-os-credentials': 'pass' },
  },
  'r14-05': {
    verdict: 'compliant',
    checks: { 'backup.agents': 'pass', 'backup.schedules': 'pass', 'backup.remote-targets': 'warn', 'residue.provider-secret-in-files': 'pass', 'residue.provisioning-credentials': 'pass', 'residue.store-os-credentials': 'pass' },
  },
  'r14-06': {
    verdict: 'compliant',
    checks: { 'backup.agents': 'pass', 'backup.schedules': 'warn', 'backup.remote-targets': 'pass', 'residue.provider-secret-in-files': 'pass', 'residue.provisioning-credentials': 'pass', 'residue.store-os-credentials': 'pass' },
  },
  'r14-07': {
    verdict: 'compliant',
    checks: { 'backup.agents': 'warn', 'backup.schedules': 'pass', 'backup.remote-targets': 'pass', 'residue.provider-secret-in-files': 'pass', 'residue.provisioning-credentials': 'pass', 'residue.store-os-credentials': 'pass' },
  },
  'r14-08': {
    verdict: 'compliant',
    checks: { 'backup.agents': 'pass', 'backup.schedules': 'pass', 'backup.remote-targets': 'pass', 'residue.provider-secret-in-files': 'pass', 'residue.provisioning-credentials': 'pass', 'residue.store-os-credentials': 'pass' },
  },
};
// Clean hosts of other racks: every check above passes on them.
const CLEAN = ['a3-01', 'c2-06', 'd4-01'];

const checkOf = (report: Report, host: string, check: string) => report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === check)!;

describe('detection gaps: rack R14 and the clean hosts', () => {
  let report: Report;

  it('exits 1 (violations found) with a schema-valid report', async () => {
    const run = await fleetcheck(['--inventory', 'inventory/lab.yaml', '--hosts', `r14-[01-08],${CLEAN.join(',')}`, ...CHECKS.flatMap((c) => ['--check', c]), '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    report = JSON.parse(run.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
    expect([...report.selection.checks].sort()).toEqual([...CHECKS].sort());
  });

  it.each(Object.entries(EXPECTED))('%s gets its expected statuses', (name, expected) => {
    const host = report.hosts.find((h) => h.name === name);
    expect(host, `${name} in report`).toBeDefined();
    expect(Object.fromEntries(host!.checks.map((c) => [c.id, c.status]))).toEqual(expected.checks);
    expect(host!.verdict).toBe(expected.verdict);
  });

  it.each(CLEAN)('%s stays clean: every check passes', (name) => {
    const host = report.hosts.find((h) => h.name === name)!;
    expect(Object.fromEntries(host.checks.map((c) => [c.id, c.status]))).toEqual(Object.fromEntries(CHECKS.map((c) => [c, 'pass'])));
    expect(host.verdict).toBe('compliant');
  });

  it('finds the stored root password in /etc/motd and the BMC password in a note in /root, by file and line', () => {
    expect(checkOf(report, 'r14-01', 'residue.provider-secret-in-files').evidence).toEqual([{ source: '/etc/motd:7', detail: 'the stored OS password of root (value masked)' }]);
    expect(checkOf(report, 'r14-02', 'residue.provider-secret-in-files').evidence).toEqual([{ source: '/root/handover-notes.txt:4', detail: 'the stored BMC password of ADMIN (value masked)' }]);
  });

  it('warns on r14-03 because the walk stopped at its per-host byte limit', () => {
    const out = checkOf(report, 'r14-03', 'residue.provider-secret-in-files');
    expect(out.evidence).toContainEqual({ source: 'text files', detail: 'stopped at 8388608 bytes of text read (the per-host byte limit): the files after it were not searched' });
  });

  it('fails r14-04 on the name its /etc/hosts maps into the provider network, saying to which address; r14-05 resolves elsewhere', () => {
    const targets = checkOf(report, 'r14-04', 'backup.remote-targets');
    expect(targets.evidence.map((e) => e.source)).toEqual(['/etc/fstab:3', '/etc/restic/env:1']);
    for (const e of targets.evidence) expect(e.detail).toContain('→ vault.example.net resolved on the host to 10.250.77.7, in a provider backup network');
    const jobs = checkOf(report, 'r14-04', 'backup.schedules');
    expect(jobs.evidence.length).toBeGreaterThan(0);
    for (const e of jobs.evidence) expect(e.detail).toContain('vault.example.net resolved on the host to 10.250.77.7');
    expect(checkOf(report, 'r14-05', 'backup.remote-targets').evidence).toEqual([
      { source: '/etc/fstab:3', detail: 'nfs4 nas.customer.example:/export/backup on /mnt/nas (in fstab, options noauto,_netdev)' },
    ]);
  });

  it('keeps the password file and the subcommand of a restic job in the evidence (r14-06)', () => {
    expect(checkOf(report, 'r14-06', 'backup.schedules').evidence).toEqual([
      {
        source: '/etc/cron.d/restic:2',
        detail: '15 3 * * * as root runs restic: restic -r sftp:bk@nas.customer.example:/srv/restic --password-file /root/.restic-password backup /srv /etc',
      },
    ]);
  });

  it('does not fail r14-07 on a provider director that is only commented out', () => {
    expect(checkOf(report, 'r14-07', 'backup.agents').evidence).toEqual([{ source: '/etc/bacula/bacula-fd.conf', detail: 'Bacula file daemon configuration present' }]);
  });

  it('never reports a stored or planted secret', () => {
    const text = JSON.stringify(report);
    const store = [...readFileSync('fixtures/lab/secrets.yaml', 'utf8').matchAll(/(?:password|passphrase): "([^"]+)"/g)].map((m) => m[1]!);
    for (const s of [...store, 'Cust-bacula-fd-Ry72', 'Prov-bacula-fd-Old1']) expect(text).not.toContain(s);
  });
});
