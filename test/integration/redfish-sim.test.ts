// The Redfish simulator must be something real clients accept: DMTF's redfishtool and
// OpenStack's sushy (Debian packages) list its accounts and read its BIOS attributes.
// Credentials reach both clients through files, never argv.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedfishSim, type RedfishSim } from '../../fixtures/redfish-sim/start.js';
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

async function redfishtool(args: string[]): Promise<unknown> {
  // redfishtool has no option to trust a CA file: it always connects with verify=False.
  const run = await execa('redfishtool', ['-c', redfishtoolCredentials, '-r', ADDRESS, '-S', 'Always', '-T', '10', ...args], {
    reject: false,
    env: clientEnv(),
    extendEnv: false,
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout);
}

async function sushy(sim: RedfishSim): Promise<Record<string, unknown>> {
  const run = await execa(PYTHON, [join(REPO, 'fixtures/redfish-sim/clients/sushy_probe.py'), `https://${sim.address}`, sushyCredentials, sim.certFile], {
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
