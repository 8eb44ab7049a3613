// Rack G7: real vendors' Redfish captures (Dell iDRAC9, HPE iLO 5, Lenovo XCC, Supermicro) served
// by fixtures/redfish-sim --mockup, each intact and changed (BIOS password changed, an extra
// Administrator), judged through the real command line in both modes. Afterwards every BMC is
// asked, with the stored credentials, what it has staged for the BIOS: nothing staged may be
// missing from the report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Report } from '../../src/report/report.js';
import { Secret } from '../../src/model/secret.js';
import { isSuccess, withRedfish, type RedfishSession } from '../../src/transport/redfish/redfish-session.js';
import { odataLink } from '../../src/transport/redfish/redfish-path.js';
import { statusesOf, verdictOf } from './support/report-lookup.js';
import { REPO, fleetcheck } from './support/run-cli.js';

const LAB = ['--inventory', 'inventory/lab.yaml', '--rack', 'G7', '--check', 'bmc.*', '--check', 'bios.*', '--format', 'json'];
type Row = { ic: string; users: string; bios: string };
type Expected = { vendor: string; normal: Row; end: Row };

const row = (ic: string, users: string, bios: string): Row => ({ ic, users, bios });
const EXPECTED: Record<string, Expected> = {
  // Dell: read-only proof in both modes; a mismatch under the unverified formula is not a fail.
  'g7-01': { vendor: 'dell-idrac', normal: row('pass', 'pass', 'pass'), end: row('pass', 'pass', 'pass') },
  'g7-02': { vendor: 'dell-idrac', normal: row('pass', 'skip', 'skip'), end: row('pass', 'fail', 'error') },
  // HPE iLO 5: ChangePassword (a write) only at contract end; BiosPasswordMismatch is a fail.
  'g7-03': { vendor: 'hpe-ilo', normal: row('pass', 'pass', 'skip'), end: row('pass', 'pass', 'pass') },
  'g7-04': { vendor: 'hpe-ilo', normal: row('pass', 'skip', 'skip'), end: row('pass', 'fail', 'fail') },
  // Lenovo and Supermicro: no proof is known; an error at contract end whatever the password.
  'g7-05': { vendor: 'lenovo-xcc', normal: row('pass', 'pass', 'skip'), end: row('pass', 'pass', 'error') },
  'g7-06': { vendor: 'lenovo-xcc', normal: row('pass', 'skip', 'skip'), end: row('pass', 'fail', 'error') },
  'g7-07': { vendor: 'supermicro', normal: row('pass', 'pass', 'skip'), end: row('pass', 'pass', 'error') },
  'g7-08': { vendor: 'supermicro', normal: row('pass', 'skip', 'skip'), end: row('pass', 'fail', 'error') },
};

/** BIOS settings the fleet stages on a host (biosPending), as nobody applied them. */
const PRESTAGED: Record<string, string[]> = { 'g7-02': ['BootMode'], 'g7-06': ['BootModes_SystemBootMode'] };

const check = (report: Report, host: string, id: string) => report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === id)!;
const rowOf = (report: Report, host: string): Row => {
  const s = statusesOf(report, host);
  return { ic: s['bmc.initial-credentials']!, users: s['bmc.users']!, bios: s['bios.initial-password']! };
};

interface LabSecrets {
  hosts: Record<string, { bmc?: { accounts: { user: string; password: string }[] }; bios?: { password: string } }>;
}
const secrets = parse(readFileSync(join(REPO, 'fixtures/lab/secrets.yaml'), 'utf8')) as LabSecrets;

/** What a BMC has staged for the BIOS, read with the host's first stored account. */
async function stagedOn(host: string): Promise<{ attributes: string[]; jobs: string[] }> {
  const n = Number(host.slice(-1));
  const pin = readFileSync(join(REPO, '.lab/redfish', host, 'cert.sha256'), 'utf8').trim();
  const account = secrets.hosts[host]!.bmc!.accounts[0]!;
  const endpoint = { host, address: `127.14.7.${n}`, port: 443, timeoutMs: 10_000, trust: { kind: 'pinned' as const, sha256: pin } };
  const get = async (s: RedfishSession, path: string): Promise<Record<string, unknown>> => {
    const r = await s.get(path);
    if (!isSuccess(r)) throw new Error(`${host}: GET ${path} failed`);
    return r.json as Record<string, unknown>;
  };
  const opened = await withRedfish(endpoint, { user: account.user, password: new Secret(account.password) }, async (s) => {
    const system = await get(s, odataLink(await get(s, odataLink(s.serviceRoot, ['Systems'])!), ['Members', '0'])!);
    const bios = await get(s, odataLink(system, ['Bios'])!);
    const settings = await get(s, odataLink(bios['@Redfish.Settings'], ['SettingsObject'])!);
    const current = (bios['Attributes'] ?? {}) as Record<string, unknown>;
    const staged = Object.entries((settings['Attributes'] ?? {}) as Record<string, unknown>).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k])).map(([k]) => k);
    const jobsLink = odataLink((settings['Oem'] as Record<string, unknown> | undefined)?.['Dell'], ['Jobs']);
    const jobs = jobsLink ? ((await get(s, jobsLink))['Members'] as { '@odata.id': string }[]).map((m) => m['@odata.id']) : [];
    return { attributes: staged, jobs };
  });
  if (!opened.ok) throw new Error(`${host}: ${opened.message}`);
  return opened.value;
}

describe('real vendor captures (rack G7)', () => {
  let normal: Report;
  let end: Report;

  beforeAll(async () => {
    const [n, e] = await Promise.all([fleetcheck(LAB), fleetcheck([...LAB, '--contract-end'])]);
    expect(n.stderr).toBe('');
    expect(e.stderr).toBe('');
    normal = JSON.parse(n.stdout) as Report;
    end = JSON.parse(e.stdout) as Report;
    // During the contract nothing is a violation; at its end the changed hosts are.
    expect(n.exitCode).toBe(0);
    expect(e.exitCode).toBe(1);
  }, 120_000);

  it.each(Object.entries(EXPECTED))('%s: bios.initial-password, bmc.initial-credentials and bmc.users in both modes', (host, expected) => {
    expect(rowOf(normal, host)).toEqual(expected.normal);
    expect(rowOf(end, host)).toEqual(expected.end);
    // The BMC was identified from what it says, and the evidence names it wherever the proof ran.
    for (const report of [normal, end]) {
      const bios = check(report, host, 'bios.initial-password');
      if (bios.evidence.length > 0) expect(bios.evidence).toContainEqual(expect.objectContaining({ source: 'redfish BMC identity', detail: expect.stringMatching(new RegExp(`^${expected.vendor}\\b`)) }));
    }
  });

  it('never passes the Dell whose BIOS password was changed, and says why the mismatch is not a fail', () => {
    for (const report of [normal, end]) expect(check(report, 'g7-02', 'bios.initial-password').status).not.toBe('pass');
    expect(check(end, 'g7-02', 'bios.initial-password').message).toMatch(/unverified for BIOS passwords, so this is not proof of a change/);
    expect(check(normal, 'g7-02', 'bios.initial-password').message).toMatch(/judged at contract end, where this is an error/);
  });

  it('says what HPE and Lenovo/Supermicro answered', () => {
    expect(check(end, 'g7-04', 'bios.initial-password').evidence[0]).toEqual({
      source: 'redfish POST /redfish/v1/systems/1/bios/settings/Actions/Bios.ChangePasswords/',
      detail: 'HTTP 400: iLO.2.14.BiosPasswordMismatch',
    });
    for (const host of ['g7-05', 'g7-06', 'g7-07', 'g7-08']) expect(check(end, host, 'bios.initial-password').message).toMatch(/^this BMC cannot prove its BIOS password: /);
    const users = check(end, 'g7-02', 'bmc.users');
    expect(users.evidence).toEqual([{ source: 'redfish AccountService/Accounts: user 5', detail: 'support (Administrator) is enabled but is not a stored initial account' }]);
  });

  it('leaves no pending BIOS change unreported, and none at all on the BMCs it never writes to', async () => {
    for (const host of Object.keys(EXPECTED)) {
      const staged = await stagedOn(host);
      const evidence = JSON.stringify(check(end, host, 'bios.initial-password').evidence);
      for (const name of staged.attributes) expect(evidence, `${host}: ${name} is staged`).toContain(name);
      for (const job of staged.jobs) expect(evidence, `${host}: job ${job} is queued`).toContain(job);
      // Nothing is written to these: what is staged is what the scenario staged (g7-02, g7-06).
      if (EXPECTED[host]!.vendor !== 'hpe-ilo') expect(staged, host).toEqual({ attributes: PRESTAGED[host] ?? [], jobs: [] });
    }
    for (const report of [normal, end]) {
      expect(check(report, 'g7-02', 'bios.initial-password').evidence).toContainEqual({ source: 'redfish pending BIOS settings', detail: 'attribute BootMode was already pending before the check (applied at the next reboot)' });
    }
    expect(check(end, 'g7-06', 'bios.initial-password').evidence).toContainEqual({ source: 'redfish pending BIOS settings', detail: 'attribute BootModes_SystemBootMode was already pending before the check (applied at the next reboot)' });
  });

  it('never shows a BMC or BIOS secret in the reports', () => {
    const values = Object.entries(secrets.hosts)
      .filter(([name]) => name.startsWith('g7-'))
      .flatMap(([, e]) => [...(e.bmc?.accounts ?? []).map((a) => a.password), ...(e.bios ? [e.bios.password] : [])]);
    const fleet = readFileSync(join(REPO, 'fixtures/lab/fleet.yaml'), 'utf8');
    values.push(...[...fleet.matchAll(/(?:biosPassword|password): (\S+?)[,\s}]/g)].map((m) => m[1]!).filter((v) => /g7-0/.test(v)));
    expect(values.length).toBeGreaterThanOrEqual(20);
    const text = JSON.stringify(normal) + JSON.stringify(end);
    for (const v of values) expect(text).not.toContain(v);
    // Nor anything password-equivalent: no 64-digit hash (Dell's SHA256SetupPassword) in evidence.
    expect(text).not.toMatch(/[0-9A-Fa-f]{64}/);
  });
});
