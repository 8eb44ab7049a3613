// The Redfish simulator must be something real clients accept: DMTF's redfishtool and
// OpenStack's sushy (Debian packages) list its accounts and read its BIOS attributes, in its own
// mode and serving each vendor's real capture (--mockup), whose modelled behaviours are checked
// here too. Credentials reach both clients through files, never argv.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedfishSim, type RedfishSim } from '../../fixtures/redfish-sim/start.js';
import { Secret } from '../../src/model/secret.js';
import { withRedfish, type RedfishReply, type RedfishSession } from '../../src/transport/redfish/redfish-session.js';
import { REPO } from './support/run-cli.js';

const ADDRESS = '127.14.0.10';
const NO_ACTION_ADDRESS = '127.14.0.11';
const PASSWORD = 'rf-initPass1';
const BIOS = 'rf-biosPass1';

const accounts = [
  { id: '1', userName: 'root', password: PASSWORD, roleId: 'Administrator' },
  { id: '3', userName: 'provops', password: 'rf-provider9', roleId: 'Operator', enabled: false },
];

let sim: RedfishSim;
let noAction: RedfishSim;
let dir: string;
let redfishtoolCredentials: string;
let sushyCredentials: string;

/** Debian's python, whatever an interpreter earlier in PATH is: sushy is installed for /usr/bin/python3. */
const PYTHON = '/usr/bin/python3';
/**
 * requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override the CA file sushy passes as
 * `verify`, so those are dropped for the client run.
 */
function clientEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['REQUESTS_CA_BUNDLE'];
  delete env['CURL_CA_BUNDLE'];
  return env;
}

async function redfishtool(args: string[], at = ADDRESS, credentials = redfishtoolCredentials): Promise<unknown> {
  // redfishtool has no option to trust a CA file: it always connects with verify=False.
  const run = await execa('redfishtool', ['-c', credentials, '-r', at, '-S', 'Always', '-T', '10', ...args], {
    reject: false,
    env: clientEnv(),
    extendEnv: false,
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout);
}

async function sushy(sim: RedfishSim, credentials = sushyCredentials): Promise<Record<string, unknown>> {
  const run = await execa(PYTHON, [join(REPO, 'fixtures/redfish-sim/clients/sushy_probe.py'), `https://${sim.address}`, credentials, sim.certFile], {
    reject: false,
    env: clientEnv(),
    extendEnv: false,
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fc-redfish-sim-'));
  const config = { name: 'bmc-rf-test', accounts, bios: { adminPassword: BIOS, attributes: { BootMode: 'Uefi', SecureBoot: 'Enabled' } } };
  [sim, noAction] = await Promise.all([
    startRedfishSim({ address: ADDRESS, port: 443, stateDir: join(dir, 'bmc'), config }),
    startRedfishSim({ address: NO_ACTION_ADDRESS, port: 443, stateDir: join(dir, 'bmc-no-action'), config: { ...config, bios: { ...config.bios, changePassword: 'absent' } } }),
  ]);
  redfishtoolCredentials = join(dir, 'redfishtool.json');
  writeFileSync(redfishtoolCredentials, JSON.stringify({ user: 'root', password: PASSWORD }), { mode: 0o600 });
  sushyCredentials = join(dir, 'sushy.json');
  writeFileSync(sushyCredentials, JSON.stringify({ user: 'root', password: PASSWORD, bios: BIOS }), { mode: 0o600 });
  chmodSync(dir, 0o700);
}, 60_000);

afterAll(async () => {
  // Ends exactly the processes this file started (their PIDs), nothing by name.
  await Promise.all([sim?.stop(), noAction?.stop()]);
});

describe('redfishtool (DMTF)', () => {
  it('lists the accounts with basic authentication', async () => {
    const list = (await redfishtool(['AccountService', 'Accounts', 'list'])) as { Members: { Id: string; UserName: string }[] };
    expect(list.Members.map((m) => [m.Id, m.UserName])).toEqual([
      ['1', 'root'],
      ['3', 'provops'],
    ]);
  });

  it('lists the accounts over a session, and logs the session out', async () => {
    const before = sim.stats();
    const list = (await redfishtool(['-A', 'Session', 'AccountService', 'Accounts', 'list'])) as { 'Members@odata.count': number };
    expect(list['Members@odata.count']).toBe(2);
    const after = sim.stats();
    expect(after.sessionsCreated - before.sessionsCreated).toBe(1);
    expect(after.sessionsOpen).toBe(0);
  });

  it('reads one account with its role, enabled and locked state', async () => {
    const account = (await redfishtool(['AccountService', 'Accounts', '-i', '3'])) as Record<string, unknown>;
    expect(account).toMatchObject({ UserName: 'provops', RoleId: 'Operator', Enabled: false, Locked: false, Password: null });
  });

  it('reads the BIOS attributes', async () => {
    const bios = (await redfishtool(['raw', 'GET', '/redfish/v1/Systems/1/Bios'])) as Record<string, unknown>;
    expect(bios).toMatchObject({ '@odata.type': '#Bios.v1_2_0.Bios', Attributes: { BootMode: 'Uefi', SecureBoot: 'Enabled' } });
    expect(Object.keys(bios['Actions'] as object)).toContain('#Bios.ChangePassword');
  });
});

describe('sushy (OpenStack)', () => {
  it('logs in with a session (CA-verified), lists the accounts, reads the BIOS and runs ChangePassword', async () => {
    const before = sim.stats();
    const out = await sushy(sim);
    expect(out).toMatchObject({
      auth: 'session',
      redfishVersion: '1.17.0',
      system: '1',
      attributes: { BootMode: 'Uefi', SecureBoot: 'Enabled' },
      accounts: [
        { UserName: 'root', RoleId: 'Administrator', Enabled: true, Locked: false },
        { UserName: 'provops', RoleId: 'Operator', Enabled: false, Locked: false },
      ],
      changePassword: { status: 'accepted' },
    });
    const after = sim.stats();
    expect(after.sessionsCreated - before.sessionsCreated).toBe(1);
    expect(after.changePasswordCalls - before.changePasswordCalls).toBe(1);
    expect(after.sessionsOpen).toBe(0);
  });

  it('sees no ChangePassword action where the BMC lacks it', async () => {
    const out = await sushy(noAction);
    expect(out['changePassword']).toEqual({ status: 'no-action' });
  });
});

// ---- every vendor capture, served as captured (--mockup) ----

type Vendor = 'dell' | 'hpe' | 'lenovo' | 'supermicro';
/** Per capture: its test address, its accounts (the capture's own user names), the PasswordName of its BIOS administrator password. */
const VENDORS: Record<Vendor, { address: string; users: string[]; passwordName: string; bios: string; system: string }> = {
  dell: { address: '127.14.0.20', users: ['root', 'tests_admin'], passwordName: 'SetupPassword', bios: '/redfish/v1/Systems/System.Embedded.1/Bios', system: 'System.Embedded.1' },
  hpe: { address: '127.14.0.21', users: ['root', 'tests_admin'], passwordName: 'Administrator', bios: '/redfish/v1/systems/1/bios/', system: '1' },
  lenovo: { address: '127.14.0.22', users: ['root'], passwordName: 'UefiAdminPassword', bios: '/redfish/v1/Systems/1/Bios', system: '1' },
  supermicro: { address: '127.14.0.23', users: ['root', 'tests_admin'], passwordName: 'AdministratorPassword', bios: '/redfish/v1/Systems/1/Bios', system: '1' },
};
const VENDOR_BIOS = 'rf-vendorBios1';
const vendorPassword = (v: Vendor, user: string) => `rf-${v}-${user}-pw1`;
const sims = {} as Record<Vendor, RedfishSim>;
const creds = {} as Record<Vendor, { redfishtool: string; sushy: string }>;

/** One session on a vendor simulator as root, through the scanner's own transport (pinned certificate). */
async function asRoot<T>(v: Vendor, use: (s: RedfishSession) => Promise<T>, user = 'root', password = vendorPassword(v, user)) {
  const sim = sims[v];
  return withRedfish({ host: v, address: sim.address, port: sim.port, timeoutMs: 10_000, trust: { kind: 'pinned', sha256: sim.fingerprint } }, { user, password: new Secret(password) }, use);
}
const json = (r: RedfishReply): Record<string, unknown> => (r.ok ? (r.json as Record<string, unknown>) : {});

describe('every vendor capture (--mockup)', () => {
  beforeAll(async () => {
    await Promise.all(
      (Object.keys(VENDORS) as Vendor[]).map(async (v) => {
        const { address, users } = VENDORS[v];
        const config = { accounts: users.map((u) => ({ userName: u, password: vendorPassword(v, u) })), bios: { adminPassword: VENDOR_BIOS } };
        sims[v] = await startRedfishSim({ address, port: 443, stateDir: join(dir, `capture-${v}`), config, mockup: join(REPO, 'fixtures/redfish-mockups', v), profile: v });
        creds[v] = { redfishtool: join(dir, `${v}-redfishtool.json`), sushy: join(dir, `${v}-sushy.json`) };
        writeFileSync(creds[v].redfishtool, JSON.stringify({ user: 'root', password: vendorPassword(v, 'root') }), { mode: 0o600 });
        writeFileSync(creds[v].sushy, JSON.stringify({ user: 'root', password: vendorPassword(v, 'root'), bios: VENDOR_BIOS, passwordName: VENDORS[v].passwordName }), { mode: 0o600 });
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(Object.values(sims).map((s) => s.stop()));
  });

  it.each(Object.keys(VENDORS) as Vendor[])('%s: redfishtool lists the captured accounts, with basic auth and over a session it logs out', async (v) => {
    const list = (await redfishtool(['AccountService', 'Accounts', 'list'], VENDORS[v].address, creds[v].redfishtool)) as { Members: { UserName: string }[] };
    const named = list.Members.map((m) => m.UserName).filter((n) => n !== '');
    for (const u of VENDORS[v].users) expect(named).toContain(u);
    if (v === 'dell') expect(list.Members).toHaveLength(16);
    const before = sims[v].stats();
    await redfishtool(['-A', 'Session', 'AccountService', 'Accounts', 'list'], VENDORS[v].address, creds[v].redfishtool);
    const after = sims[v].stats();
    expect(after.sessionsCreated - before.sessionsCreated).toBe(1);
    expect(after.sessionsOpen).toBe(0);
  });

  it.each(Object.keys(VENDORS) as Vendor[])('%s: sushy logs in (CA-verified), reads the system, the BIOS and the accounts, and runs ChangePassword', async (v) => {
    const out = await sushy(sims[v], creds[v].sushy);
    expect(out).toMatchObject({ auth: 'session', system: VENDORS[v].system, changePassword: { status: 'accepted' } });
    expect(Object.keys(out['attributes'] as object).length).toBeGreaterThan(100);
    expect((out['accounts'] as { UserName: string }[]).map((a) => a.UserName)).toEqual(expect.arrayContaining(VENDORS[v].users));
    expect(sims[v].stats().sessionsOpen).toBe(0);
  });

  it('dell: ChangePassword answers 200 whatever the old password; the job it needs fails at reset on a wrong one', async () => {
    const bios = VENDORS.dell.bios;
    const run = await asRoot('dell', async (s) => {
      const hashBefore = (json(await s.get(bios))['Attributes'] as Record<string, string>)['SHA256SetupPassword'];
      const change = await s.post(`${bios}/Actions/Bios.ChangePassword`, { PasswordName: 'SetupPassword', OldPassword: new Secret('not-the-bios'), NewPassword: new Secret('rf-new-bios-1') });
      const staged = json(await s.get(`${bios}/Settings`))['Attributes'];
      const job = await s.post('/redfish/v1/Managers/iDRAC.Embedded.1/Jobs', { TargetSettingsURI: `${bios}/Settings` });
      await s.post('/redfish/v1/Systems/System.Embedded.1/Actions/ComputerSystem.Reset', { ResetType: 'ForceRestart' });
      const jobState = job.ok && job.location ? json(await s.get(job.location))['JobState'] : undefined;
      const hashAfter = (json(await s.get(bios))['Attributes'] as Record<string, string>)['SHA256SetupPassword'];
      return { change: change.ok ? change.status : undefined, staged, jobState, unchanged: hashBefore === hashAfter };
    });
    expect(run).toMatchObject({ ok: true, value: { change: 200, staged: { SetupPassword: null }, jobState: 'Failed', unchanged: true } });
  });

  it('hpe: ChangePassword lives only at the misspelled advertised target and answers a wrong old password with BiosPasswordMismatch', async () => {
    const run = await asRoot('hpe', async (s) => {
      const target = ((json(await s.get(VENDORS.hpe.bios))['Actions'] as Record<string, { target: string }>)['#Bios.ChangePassword']!).target;
      const wrong = await s.post(target, { PasswordName: 'Administrator', OldPassword: new Secret('not-the-bios'), NewPassword: new Secret('x-1') });
      const dmtf = await s.post('/redfish/v1/Systems/1/Bios/Actions/Bios.ChangePassword', { PasswordName: 'Administrator', OldPassword: new Secret(VENDOR_BIOS), NewPassword: new Secret(VENDOR_BIOS) });
      return { target, wrong: wrong.ok ? [wrong.status, wrong.messages.map((m) => m.id)] : undefined, dmtf: dmtf.ok ? dmtf.status : undefined };
    });
    expect(run).toMatchObject({ ok: true, value: { target: '/redfish/v1/systems/1/bios/settings/Actions/Bios.ChangePasswords/', wrong: [400, ['iLO.2.14.BiosPasswordMismatch']], dmtf: 404 } });
  });

  it('lenovo: says a UEFI administrator password is set, and Bios/Pending mirrors the current attributes', async () => {
    const run = await asRoot('lenovo', async (s) => {
      const bios = json(await s.get(VENDORS.lenovo.bios));
      const pending = json(await s.get('/redfish/v1/Systems/1/Bios/Pending'));
      const current = bios['Attributes'] as Record<string, unknown>;
      const staged = Object.entries(pending['Attributes'] as Record<string, unknown>).filter(([k, value]) => current[k] !== value);
      return { flag: (bios['Oem'] as { Lenovo: Record<string, unknown> }).Lenovo['IsUefiAdminPasswordSet'], staged };
    });
    expect(run).toMatchObject({ ok: true, value: { flag: true, staged: [] } });
  });

  it('supermicro: locks an account after the captured threshold of 3 failures, and says so in AccountService', async () => {
    const service = await asRoot('supermicro', async (s) => json(await s.get('/redfish/v1/AccountService')));
    expect(service).toMatchObject({ ok: true, value: { AccountLockoutThreshold: 3, AccountLockoutDuration: 30 } });
    for (let i = 0; i < 3; i++) expect(await asRoot('supermicro', async () => 0, 'tests_admin', 'wrong')).toMatchObject({ ok: false, reason: 'auth' });
    expect(await asRoot('supermicro', async () => 0, 'tests_admin')).toMatchObject({ ok: false, reason: 'auth' });
    expect(await asRoot('supermicro', async () => 0)).toMatchObject({ ok: true });
  });
});
