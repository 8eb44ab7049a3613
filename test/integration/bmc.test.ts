// The BMC scenarios of rack E5 (and a3-04, b1-*), judged in normal and in contract-end mode.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { statusesOf, verdictOf } from './support/report-lookup.js';
import { fleetcheck } from './support/run-cli.js';

const LAB = ['--inventory', 'inventory/lab.yaml', '--check', 'bmc.*', '--format', 'json'];
type Statuses = Record<string, string>;

// bmc.redfish-tls does not apply to these IPMI BMCs (always skip); redfish-checks.test.ts covers it.
const statuses = (report: Report, host: string): Statuses => statusesOf(report, host, { markWaived: true, omit: ['bmc.redfish-tls'] });
const verdict = verdictOf;

// Every lab BMC is an ipmi_sim, which accepts cipher suite 0: the lab inventory waives it.
const C0 = 'fail (waived)';
const EXPECTED: Record<string, { normal: [string, Statuses]; end: [string, Statuses] }> = {
  'e5-01': {
    normal: ['compliant', { 'bmc.initial-credentials': 'pass', 'bmc.users': 'pass', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'pass', 'bmc.default-credentials': 'pass' }],
    end: ['compliant', { 'bmc.initial-credentials': 'pass', 'bmc.users': 'pass', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'pass', 'bmc.default-credentials': 'pass' }],
  },
  'e5-02': {
    normal: ['compliant', { 'bmc.initial-credentials': 'pass', 'bmc.users': 'skip', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'pass', 'bmc.default-credentials': 'pass' }],
    end: ['violation', { 'bmc.initial-credentials': 'pass', 'bmc.users': 'fail', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'pass', 'bmc.default-credentials': 'pass' }],
  },
  'e5-03': {
    normal: ['violation', { 'bmc.initial-credentials': 'pass', 'bmc.users': 'pass', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'fail', 'bmc.default-credentials': 'pass' }],
    end: ['violation', { 'bmc.initial-credentials': 'pass', 'bmc.users': 'pass', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'fail', 'bmc.default-credentials': 'pass' }],
  },
  'e5-04': {
    normal: ['violation', { 'bmc.initial-credentials': 'pass', 'bmc.users': 'skip', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'pass', 'bmc.default-credentials': 'fail' }],
    end: ['violation', { 'bmc.initial-credentials': 'pass', 'bmc.users': 'fail', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'pass', 'bmc.default-credentials': 'fail' }],
  },
  'a3-04': {
    // The user table is unknown (password changed), so only the null user was tried: not a pass.
    normal: ['compliant', { 'bmc.initial-credentials': 'skip', 'bmc.users': 'skip', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'skip', 'bmc.default-credentials': 'pass' }],
    end: ['violation', { 'bmc.initial-credentials': 'fail', 'bmc.users': 'error', 'bmc.cipher-zero': C0, 'bmc.anonymous': 'error', 'bmc.default-credentials': 'pass' }],
  },
};

describe('BMC scenarios', () => {
  let normal: Report;
  let end: Report;

  it('scans rack E5 and a3-04 in both modes', async () => {
    const [n, e] = await Promise.all([
      fleetcheck([...LAB, '--rack', 'E5', '--hosts', 'a3-04']),
      fleetcheck([...LAB, '--rack', 'E5', '--hosts', 'a3-04', '--contract-end']),
    ]);
    expect(n.stderr).toBe('');
    expect(e.stderr).toBe('');
    normal = JSON.parse(n.stdout) as Report;
    end = JSON.parse(e.stdout) as Report;
    expect(n.exitCode).toBe(1);
    expect(e.exitCode).toBe(1);
  });

  it.each(Object.entries(EXPECTED))('%s: statuses in normal and contract-end mode', (host, expected) => {
    expect([verdict(normal, host), statuses(normal, host)]).toEqual(expected.normal);
    expect([verdict(end, host), statuses(end, host)]).toEqual(expected.end);
  });

  it('explains a skip during the contract and names the extra account at contract end', () => {
    const users = (r: Report) => r.hosts.find((h) => h.name === 'e5-02')!.checks.find((c) => c.id === 'bmc.users')!;
    expect(users(normal).message).toMatch(/customer's right during the contract; judged at contract end \(contract C-2026-0502 runs until 2027-12-31\)/);
    expect(users(end).evidence).toEqual([{ source: 'IPMI user table, channel 1: user 3', detail: 'support (ADMINISTRATOR) is enabled but is not a stored initial account' }]);
    const defaults = end.hosts.find((h) => h.name === 'e5-04')!.checks.find((c) => c.id === 'bmc.default-credentials')!;
    expect(defaults.evidence[0]).toEqual({ source: 'RMCP+ cipher suite 3 session as root (user)', detail: 'the factory default password of Dell iDRAC opens a session' });
  });

  it('keeps the waived cipher-zero failure in the report with its reason', () => {
    const c0 = normal.hosts.find((h) => h.name === 'e5-01')!.checks.find((c) => c.id === 'bmc.cipher-zero')!;
    expect(c0.status).toBe('fail');
    expect(c0.waiver).toMatchObject({ expires: '2099-12-31', expired: false, reason: expect.stringMatching(/ipmi_sim accepts RMCP\+ cipher suite 0/) });
  });

  it('judges B1, whose contracts ended 2026-06-30, by contract-end rules without being asked', async () => {
    const run = await fleetcheck([...LAB, '--rack', 'B1']);
    const report = JSON.parse(run.stdout) as Report;
    const ic = report.hosts[0]!.checks.find((c) => c.id === 'bmc.users')!;
    expect(ic.status).toBe('pass');
    expect(run.exitCode).toBe(0);
  });
});
