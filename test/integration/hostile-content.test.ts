// Hostile host content on the lab's real sshd hosts (rack M11): what one host holds costs only its
// own result, bounded, in every format.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_LIMITS, OMITTED_SOURCE } from '../../src/model/evidence-limit.js';
import type { Report } from '../../src/report/report.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { fleetcheck } from './support/run-cli.js';

const SCAN = ['--inventory', 'inventory/lab.yaml', '--check', 'residue.provider-ssh-key', '--no-progress'];
const JUNK_LINES = 75_000;

describe('m11-01: 75,000 junk lines in root\'s authorized_keys2, then the provider\'s key', () => {
  it('finds the key, counts the junk in one entry, and keeps the report small, beside a clean host', async () => {
    const run = await fleetcheck([...SCAN, '--hosts', 'm11-01,a3-01', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    // Unbounded, 254 KB of such junk made a 22 MB report.
    expect(run.stdout.length).toBeLessThan(64 * 1024);
    const report = JSON.parse(run.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
    const finding = report.hosts.find((h) => h.name === 'm11-01')!.checks[0]!;
    expect(finding.status).toBe('fail');
    expect(finding.message).toBe('1 provider key(s) left in 1 authorized keys file(s)');
    expect(finding.evidence[0]).toMatchObject({ source: `/root/.ssh/authorized_keys2:${JUNK_LINES + 1}`, detail: expect.stringMatching(/^provider key provider-ops@provider\.example .* grants access as root$/) });
    expect(finding.evidence).toHaveLength(EVIDENCE_LIMITS.entriesPerFinding + 1);
    expect(finding.evidence.at(-1)).toEqual({ source: OMITTED_SOURCE, detail: expect.stringMatching(new RegExp(`^and ${JUNK_LINES - (EVIDENCE_LIMITS.entriesPerFinding - 1)} more `)) });
    expect(report.hosts.find((h) => h.name === 'a3-01')).toMatchObject({ verdict: 'compliant', checks: [{ status: 'pass' }] });
  });

  it('is as small in the table, which shows the same "and N more" line', async () => {
    const run = await fleetcheck([...SCAN, '--hosts', 'm11-01', '--format', 'table', '--verbose']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout.length).toBeLessThan(32 * 1024);
    expect(run.stdout).toMatch(new RegExp(`…  and ${JUNK_LINES - (EVIDENCE_LIMITS.entriesPerFinding - 1)} more `));
  });
});
