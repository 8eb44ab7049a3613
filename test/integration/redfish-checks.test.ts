// The Redfish BMC scenarios of rack F6, judged in normal and contract-end mode through the real
// command line; no BMC or BIOS secret may appear in argv, the report, stderr or the simulators' logs.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Report } from '../../src/report/report.js';
import { statusesOf, verdictOf } from './support/report-lookup.js';
import { REPO, fleetcheck } from './support/run-cli.js';

const LAB = ['--inventory', 'inventory/lab.yaml', '--rack', 'F6', '--check', 'bmc.*', '--check', 'bios.*', '--format', 'json'];
type Statuses = Record<string, string>;

const statuses = (report: Report, host: string): Statuses => statusesOf(report, host);
const verdict = verdictOf;

// IPMI over LAN is off on every F6 BMC: the IPMI-only probes do not apply.
const IPMI_OFF = { 'bmc.cipher-zero': 'skip', 'bmc.anonymous': 'skip', 'bmc.default-credentials': 'skip' };
const row = (ic: string, users: string, bios: string): Statuses => ({
  'bmc.initial-credentials': ic,
  'bmc.users': users,
  ...IPMI_OFF,
  'bmc.redfish-tls': 'pass',
  'bios.initial-password': bios,
});
const EXPECTED: Record<string, { normal: [string, Statuses]; end: [string, Statuses] }> = {
  'f6-01': { normal: ['compliant', row('pass', 'pass', 'skip')], end: ['compliant', row('pass', 'pass', 'pass')] },
  'f6-02': { normal: ['compliant', row('pass', 'pass', 'skip')], end: ['violation', row('pass', 'pass', 'fail')] },
  'f6-03': { normal: ['compliant', row('pass', 'skip', 'skip')], end: ['violation', row('pass', 'fail', 'pass')] },
  'f6-04': { normal: ['compliant', row('pass', 'pass', 'skip')], end: ['error', row('pass', 'pass', 'error')] },
  'f6-05': { normal: ['error', row('error', 'error', 'skip')], end: ['error', row('error', 'error', 'error')] },
};

/** Every secret the F6 BMCs know: the stored ones and the scenarios' changed ones. */
function f6Secrets(): string[] {
  const secrets = parse(readFileSync(join(REPO, 'fixtures/lab/secrets.yaml'), 'utf8')) as {
    hosts: Record<string, { bmc?: { accounts: { password: string }[] }; bios?: { password: string } }>;
  };
  const values: string[] = [];
  for (const [name, entry] of Object.entries(secrets.hosts)) {
    if (!name.startsWith('f6-')) continue;
    for (const a of entry.bmc?.accounts ?? []) values.push(a.password);
    if (entry.bios) values.push(entry.bios.password);
  }
  const fleet = readFileSync(join(REPO, 'fixtures/lab/fleet.yaml'), 'utf8');
  values.push(...[...fleet.matchAll(/(?:biosPassword|password): (\S+?)[,\s}]/g)].map((m) => m[1]!).filter((v) => /f6-0/.test(v)));
  return values;
}

const run = promisify(execFile);

/** Runs `work` while sampling every process's argv every few ms. */
async function sampleArgv<T>(work: Promise<T>): Promise<{ value: T; argv: string }> {
  let done = false;
  let seen = '';
  const sampler = (async () => {
    while (!done) {
      const { stdout } = await run('ps', ['-eo', 'args'], { maxBuffer: 16 * 1024 * 1024 });
      seen += stdout;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const value = await work;
  done = true;
  await sampler;
  return { value, argv: seen };
}

describe('Redfish BMC scenarios (rack F6)', () => {
  let normal: Report;
  let end: Report;
  let argv = '';
  let stderr = '';

  it('scans rack F6 in both modes', async () => {
    const sampled = await sampleArgv(Promise.all([fleetcheck(LAB), fleetcheck([...LAB, '--contract-end'])]));
    const [n, e] = sampled.value;
    argv = sampled.argv;
    stderr = n.stderr + e.stderr;
    expect(n.stderr).toBe('');
    expect(e.stderr).toBe('');
    normal = JSON.parse(n.stdout) as Report;
    end = JSON.parse(e.stdout) as Report;
    expect(n.exitCode).toBe(2);
    expect(e.exitCode).toBe(1);
  });

  it.each(Object.entries(EXPECTED))('%s: statuses in normal and contract-end mode', (host, expected) => {
    expect([verdict(normal, host), statuses(normal, host)]).toEqual(expected.normal);
    expect([verdict(end, host), statuses(end, host)]).toEqual(expected.end);
  });

  it('says why the BIOS check is skipped during the contract and what failed at contract end', () => {
    const bios = (r: Report, host: string) => r.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === 'bios.initial-password')!;
    expect(bios(normal, 'f6-01').message).toMatch(/writes to the BMC \(Bios\.ChangePassword\).*contract-end rules or with --bios-password-check/);
    expect(bios(end, 'f6-02').evidence[0]!.detail).toMatch(/HTTP 400: Base\.1\.12\.ActionParameterValueError: .*OldPassword/);
    expect(bios(end, 'f6-04').evidence[0]!.detail).toMatch(/no #Bios\.ChangePassword action/);
    const users = end.hosts.find((h) => h.name === 'f6-03')!.checks.find((c) => c.id === 'bmc.users')!;
    expect(users.evidence).toEqual([{ source: 'redfish AccountService/Accounts: user 3', detail: 'support (Administrator) is enabled but is not a stored initial account' }]);
  });

  it('reports a certificate other than the pinned one like a changed host key', () => {
    for (const report of [normal, end]) {
      const ic = report.hosts.find((h) => h.name === 'f6-05')!.checks.find((c) => c.id === 'bmc.initial-credentials')!;
      expect(ic.message).toMatch(/^could not complete a BMC session: f6-05 \(redfish ADMIN@127\.14\.6\.5:443\): CERTIFICATE CHANGED/);
      expect(ic.evidence[0]!.detail).toMatch(/CERTIFICATE CHANGED: the BMC presented SHA-256 [0-9A-F:]{95}, but the inventory pins 3F:1C:9A:[0-9A-F:]+05$/);
    }
  });

  it('runs the BIOS probe during the contract only with --bios-password-check, judging a change as the customer\'s', async () => {
    const r = await fleetcheck([...LAB.slice(0, 2), '--hosts', 'f6-01,f6-02', '--check', 'bios.*', '--format', 'json', '--bios-password-check']);
    const report = JSON.parse(r.stdout) as Report;
    expect(statuses(report, 'f6-01')).toEqual({ 'bios.initial-password': 'pass' });
    expect(statuses(report, 'f6-02')).toEqual({ 'bios.initial-password': 'skip' });
    expect(report.hosts.find((h) => h.name === 'f6-02')!.checks[0]!.message).toMatch(/judged at contract end/);
    expect(r.exitCode).toBe(0);
  });

  it('never shows a BMC or BIOS secret in argv, reports, stderr or the simulators\' logs', () => {
    const secrets = f6Secrets();
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    const logs = readdirSync(join(REPO, '.lab/redfish'))
      .filter((name) => name.startsWith('f6-'))
      .map((name) => ['log', 'access.log'].map((f) => { try { return readFileSync(join(REPO, '.lab/redfish', name, f), 'utf8'); } catch { return ''; } }).join('\n'))
      .join('\n');
    expect(argv).toContain('bin/fleetcheck.js');
    for (const secret of secrets) {
      expect(argv).not.toContain(secret);
      expect(JSON.stringify(normal) + JSON.stringify(end)).not.toContain(secret);
      expect(stderr).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
