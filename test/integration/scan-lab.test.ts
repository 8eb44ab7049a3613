import { lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { fleetcheck } from './support/run-cli.js';
import { reportSchemaErrors } from './support/report-schema.js';

// What each lab scenario must yield (fixtures/lab/fleet.yaml describes the hosts).
const EXPECTED: Record<string, { verdict: string; checks: Record<string, string> }> = {
  'a3-01': { verdict: 'compliant', checks: { 'bmc.initial-credentials': 'pass', 'residue.provider-ssh-key': 'pass' } },
  'a3-02': { verdict: 'violation', checks: { 'bmc.initial-credentials': 'pass', 'residue.provider-ssh-key': 'fail' } },
  'a3-03': { verdict: 'violation', checks: { 'bmc.initial-credentials': 'pass', 'residue.provider-ssh-key': 'fail' } },
  // During the contract a changed BMC password is the customer's right: skip, not fail (offboard.test.ts covers contract end).
  'a3-04': { verdict: 'compliant', checks: { 'bmc.initial-credentials': 'skip', 'residue.provider-ssh-key': 'pass' } },
  'a3-05': { verdict: 'error', checks: { 'bmc.initial-credentials': 'error', 'residue.provider-ssh-key': 'pass' } },
  'a3-06': { verdict: 'compliant', checks: { 'bmc.initial-credentials': 'pass', 'residue.provider-ssh-key': 'pass' } },
  'b1-01': { verdict: 'compliant', checks: { 'bmc.initial-credentials': 'pass', 'residue.provider-ssh-key': 'pass' } },
  'b1-02': { verdict: 'compliant', checks: { 'bmc.initial-credentials': 'pass', 'residue.provider-ssh-key': 'pass' } },
};

const LAB = ['--inventory', 'inventory/lab.yaml'];

describe('a full scan of the lab', () => {
  let report: Report;
  let exitCode: number;

  it('exits 1 and writes a report that conforms to the schema', async () => {
    const run = await fleetcheck([...LAB, '--rack', 'A3', '--rack', 'B1', '--format', 'json']);
    exitCode = run.exitCode;
    report = JSON.parse(run.stdout) as Report;
    expect(run.stderr).toBe('');
    expect(exitCode).toBe(1);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.schema).toBe('fleetcheck/report@1');
    expect(report.selection).toMatchObject({ racks: ['A3', 'B1'], hostCount: 8 });
  });

  it.each(Object.entries(EXPECTED))('%s gets its expected statuses', (name, expected) => {
    const host = report.hosts.find((h) => h.name === name);
    expect(host, `${name} in report`).toBeDefined();
    // Only the checks this table names: other checks (bmc.*, backup.*, …) have their own tests.
    expect(Object.fromEntries(host!.checks.filter((c) => c.id in expected.checks).map((c) => [c.id, c.status]))).toEqual(expected.checks);
    expect(host!.verdict).toBe(expected.verdict);
  });

  it('points at the file and line of each provider key', () => {
    const evidence = (name: string) => report.hosts.find((h) => h.name === name)!.checks.find((c) => c.id === 'residue.provider-ssh-key')!.evidence;
    expect(evidence('a3-02').map((e) => e.source)).toEqual([expect.stringMatching(/^\/root\/\.ssh\/authorized_keys:\d+$/)]);
    expect(evidence('a3-03')[0]!.source).toMatch(/^\/home\/deploy\/\.ssh\/authorized_keys2?:\d+$/);
    expect(evidence('a3-03')[0]!.detail).toMatch(/as deploy with options /);
  });

  it('says why a3-04 and a3-05 are not compliant', () => {
    const bmc = (name: string) => report.hosts.find((h) => h.name === name)!.checks.find((c) => c.id === 'bmc.initial-credentials')!;
    expect(bmc('a3-04').evidence[0]!.detail).toBe('the stored password is refused');
    expect(bmc('a3-05').message).toMatch(/could not complete a BMC session/);
  });

  it('never puts a stored secret into the report', () => {
    const secrets = [...readFileSync('fixtures/lab/secrets.yaml', 'utf8').matchAll(/password: "([^"]+)"/g)].map((m) => m[1]!);
    expect(secrets.length).toBeGreaterThan(0);
    const text = JSON.stringify(report);
    for (const s of secrets) expect(text).not.toContain(s);
  });
});

describe('exit codes from real runs', () => {
  it('0 when every selected host is compliant', async () => {
    const run = await fleetcheck([...LAB, '--rack', 'B1']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/2 host\(s\): 2 compliant, 0 violation, 0 error/);
  });

  it('2 when nothing is violated but a host could not be completed', async () => {
    const run = await fleetcheck([...LAB, '--hosts', 'a3-05']);
    expect(run.exitCode).toBe(2);
  });

  it('1 for a violation, with a node set selecting hosts across racks', async () => {
    const run = await fleetcheck([...LAB, '--hosts', 'a3-[01-02],b1-02', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    expect((JSON.parse(run.stdout) as Report).hosts.map((h) => h.name)).toEqual(['a3-01', 'a3-02', 'b1-02']);
  });

  it('64 for an unknown rack, before any connection', async () => {
    const run = await fleetcheck([...LAB, '--rack', 'Z9']);
    expect(run.exitCode).toBe(64);
    expect(run.stderr).toMatch(/Z9/);
    expect(run.stdout).toBe('');
  });

  it('64 for an unknown flag and for a check pattern that matches nothing', async () => {
    expect((await fleetcheck([...LAB, '--rakc', 'A3'])).exitCode).toBe(64);
    const run = await fleetcheck([...LAB, '--check', 'nope.*']);
    expect(run.exitCode).toBe(64);
    expect(run.stderr).toMatch(/--check 'nope\.\*' matches no check/);
  });

  it('78 for an inventory with a typo, naming file, line and path', async () => {
    const run = await fleetcheck(['--inventory', 'fixtures/inventory-bad/typo.yaml', '--rack', 'A3']);
    expect(run.exitCode).toBe(78);
    expect(run.stderr).toMatch(/^fleetcheck: fixtures\/inventory-bad\/typo\.yaml:\d+ racks\.A3\.hosts\.a3-02\.bmc\.adress: /m);
  });
});

describe('selection and formats', () => {
  it('runs only the checks a pattern selects', async () => {
    const run = await fleetcheck([...LAB, '--rack', 'A3', '--check', 'residue.provider-ssh-*', '--format', 'json']);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.selection.checks).toEqual(['residue.provider-ssh-key', 'residue.provider-ssh-ca']);
    expect(new Set(report.hosts.flatMap((h) => h.checks.map((c) => c.id)))).toEqual(new Set(['residue.provider-ssh-key', 'residue.provider-ssh-ca']));
    // a3-04 violates only a BMC check, a3-05 fails only its BMC: without them A3 still has residue violations.
    expect(run.exitCode).toBe(1);
  });

  it('prints a plain table when piped: no colour, no progress line', async () => {
    const run = await fleetcheck([...LAB, '--rack', 'B1']);
    expect(run.stdout).toMatch(/^HOST +RACK +VERDICT +CHECK +STATUS +MESSAGE$/m);
    expect(run.stdout).not.toContain('\x1b');
    expect(run.stderr).toBe('');
  });

  it('writes --output to a file (0640), refuses a symbolic link and a missing directory before scanning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-output-'));
    const file = join(dir, 'report.json');
    const toFile = await fleetcheck([...LAB, '--hosts', 'b1-02', '--format', 'json', '--output', file]);
    expect(toFile.exitCode).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect((JSON.parse(readFileSync(file, 'utf8')) as Report).hosts.map((h) => h.name)).toEqual(['b1-02']);
    // A link outside /dev and /proc may have been planted (say in /tmp, at a root-owned file): refused, nothing written.
    const link = join(dir, 'latest.json');
    symlinkSync(file, link);
    const throughLink = await fleetcheck([...LAB, '--hosts', 'b1-01', '--format', 'json', '--output', link]);
    expect(throughLink.exitCode).toBe(78);
    expect(throughLink.stderr).toMatch(/cannot write --output .*latest\.json: it is a symbolic link: name the file itself/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((JSON.parse(readFileSync(file, 'utf8')) as Report).hosts.map((h) => h.name)).toEqual(['b1-02']);
    const nowhere = await fleetcheck([...LAB, '--hosts', 'b1-02', '--format', 'json', '--output', join(dir, 'missing', 'report.json')]);
    expect(nowhere.exitCode).toBe(78);
    expect(nowhere.stderr).toMatch(/^fleetcheck: cannot write --output .*\/missing\/report\.json: its directory .* is not writable \(ENOENT\)$/m);
  });

  it('lists what would be scanned without touching the network', async () => {
    const run = await fleetcheck(['list', ...LAB, '--rack', 'A3']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(8);
    expect(run.stdout).toMatch(/^a3-06 +A3 +audit@127\.10\.3\.6:22 +ipmi 127\.11\.3\.6:623 +C-2026-0036 ends 2027-12-31$/m);
    // A BMC with IPMI over LAN off is listed by its Redfish service only.
    const f6 = await fleetcheck(['list', ...LAB, '--hosts', 'f6-01']);
    expect(f6.stdout).toMatch(/^f6-01 +F6 +root@127\.10\.6\.1:22 +redfish 127\.14\.6\.1:443 +C-2026-0601 ends 2027-12-31$/m);
  });
});
