// The BMC collector against a BMC in memory (the native prober's side) and a fake ipmitool (the
// stored administrator's session): what it tries, what the BMC sees, and how the checks judge it.
import { describe, expect, it } from 'vitest';
import { bmcAnonymous } from '../../../../src/checks/bmc/anonymous.js';
import { bmcCipherZero } from '../../../../src/checks/bmc/cipher-zero.js';
import { bmcDefaultCredentials } from '../../../../src/checks/bmc/default-credentials.js';
import { bmcUsers } from '../../../../src/checks/bmc/users.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { collectBmcFacts } from '../../../../src/collect/bmc/collect-bmc-facts.js';
import { userTableProblem } from '../../../../src/collect/bmc/initial-logins.js';
import { readRedfishAccounts } from '../../../../src/collect/bmc/redfish-accounts.js';
import type { FactResult } from '../../../../src/facts/fact-result.js';
import type { FactKey } from '../../../../src/facts/facts.js';
import { Secret } from '../../../../src/model/secret.js';
import type { SecretStore } from '../../../../src/secrets/secret-store.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import { classifyIpmitool } from '../../../../src/transport/ipmi/classify-ipmitool.js';
import type { IpmiOutcome, runIpmitool } from '../../../../src/transport/ipmi/ipmitool-session.js';
import { parseChannelAccess } from '../../support/ipmitool-channel-access.js';
import type { UserTableRead } from '../../../../src/transport/ipmi/rmcp/read-user-table.js';
import type { RedfishSession, withRedfish } from '../../../../src/transport/redfish/redfish-session.js';
import { ipmitoolFixture } from '../../transport/ipmi/ipmitool-fixture.js';
import { testHost, testProvider } from '../../support/hosts.js';
import { memoryBmc, type MemoryBmcSpec } from '../../support/memory-bmc.js';

const ctx = (mode: CheckContext['mode']): CheckContext => ({ host: testHost(), provider: testProvider(), now: new Date(), mode, modeReason: 'r' });
const ADMIN_ADMIN: HostSecrets = { bmcAccounts: [{ user: 'ADMIN', password: new Secret('ADMIN'), privilege: 'administrator' }], osCredentials: [], diskPassphrases: [] };
const store = (result: FactResult<HostSecrets>): SecretStore => ({ description: 'test', forHost: () => Promise.resolve(result) });
const STORE_DOWN = store({ ok: false, reason: 'secret', message: 'pass: gpg could not decrypt fleetcheck/hosts/a3-01' });

/** What ipmitool prints (-v) on a login it refused, and on a session it opened. */
const REFUSED = 'Loading IANA PEN Registry...\n> RAKP 2 HMAC is invalid\nError: Unable to establish IPMI v2 / RMCP+ session\n';
const OPENED = 'Loading IANA PEN Registry...\nRunning Get VSO Capabilities my_addr 0x20, transit 0, target 0x20\nInvalid completion code received: Invalid command\nDiscovered IPMB address 0x0\n';

interface Call { user: string; password: string; commands: string[][]; cipherSuite: number }
type Answer = { exitCode: number; stdout?: string; stderr: string };

/** A runIpmitool that answers through the real classifier, recording every login it was asked for. */
/** These hosts' BMCs speak IPMI only. */
const noRedfish = (async () => {
  throw new Error('no Redfish BMC here');
}) as unknown as typeof withRedfish;

function fakeIpmitool(answer: (call: Call) => Answer): { run: typeof runIpmitool; calls: Call[] } {
  const calls: Call[] = [];
  const run: typeof runIpmitool = (endpoint, login, commands) => {
    const call = { user: login.user, password: login.password.reveal(), commands, cipherSuite: endpoint.cipherSuite };
    calls.push(call);
    const a = answer(call);
    const verdict = classifyIpmitool({ exitCode: a.exitCode, stdout: a.stdout ?? '', stderr: a.stderr, timedOut: false, cancelled: false, outputLimit: false });
    const outcome: IpmiOutcome = verdict.ok
      ? { ok: true, outputs: commands.map(() => a.stdout ?? ''), durationMs: 1 }
      : { ...verdict, durationMs: 1, command: commands.map((c) => c.join(' ')).join('; ') };
    return Promise.resolve(outcome);
  };
  return { run, calls };
}

/** A table the BMC in memory gives, from what ipmitool printed for a real one (ipmi_sim). */
function tableFrom(stdout: string): UserTableRead {
  const parsed = parseChannelAccess(stdout);
  if (parsed.unparsed.length > 0 || parsed.enabledCount === undefined) throw new Error('a captured table the reference reader cannot read');
  return { rows: parsed.rows, enabledCount: parsed.enabledCount };
}

const DEFAULTS = [{ user: 'ADMIN', password: 'ADMIN', vendors: ['Supermicro'] }, { user: 'root', password: 'calvin', vendors: ['Dell iDRAC'] }];
const collect = (keys: FactKey[], secrets: SecretStore, answer: (call: Call) => Answer, spec: MemoryBmcSpec = { users: { ADMIN: 'ADMIN' } }, defaults = DEFAULTS) => {
  const fake = fakeIpmitool(answer);
  const bmc = memoryBmc(spec);
  return collectBmcFacts(testHost(), keys, { runIpmitool: fake.run, withRedfish: noRedfish, secrets, defaultCredentials: defaults, openNative: async () => bmc.native }).then((facts) => ({ facts, calls: fake.calls, bmc }));
};

describe('bmc.anonymous without a user table', () => {
  it('does not pass on the null user alone when the stored admin login is refused: skip during the contract, error at its end', async () => {
    const { facts, calls, bmc } = await collect(['bmc.anonymous'], store({ ok: true, value: ADMIN_ADMIN }), () => ({ exitCode: 1, stderr: REFUSED }), { users: { ADMIN: 'changed' } });
    // The stored login's one handshake (its RAKP 2 code refutes the password, so ipmitool never
    // tries it), the null user settled by Get Channel Authentication Capabilities, no guessed name.
    expect(calls).toEqual([]);
    expect(bmc.handshakes).toEqual(['ADMIN']);
    expect(bmc.rakp3).toEqual([]);
    const fact = facts['bmc.anonymous']!;
    expect(fact.ok).toBe(true);
    if (!fact.ok) return;
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact.value }, ctx('contract'))).toMatchObject({ status: 'skip', message: expect.stringMatching(/no named account was tried with an empty password.*judged at contract end/) });
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact.value }, ctx('contract-end'))).toMatchObject({ status: 'error', message: expect.stringMatching(/user table is unknown/) });
  });

  it('is an error in both modes when the secret store could not be read', async () => {
    const { facts } = await collect(['bmc.anonymous'], STORE_DOWN, () => ({ exitCode: 1, stderr: REFUSED }));
    const fact = facts['bmc.anonymous']!;
    if (!fact.ok) throw new Error('expected a fact');
    for (const mode of ['contract', 'contract-end'] as const) {
      expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact.value }, ctx(mode))).toMatchObject({ status: 'error', message: expect.stringMatching(/gpg could not decrypt/) });
    }
  });
});

describe('bmc.default-credentials when the secret store fails', () => {
  it('is the store failure and tries no default (the stored ADMIN/ADMIN would open and read as a violation)', async () => {
    const { facts, calls } = await collect(['bmc.default-logins'], STORE_DOWN, (c) => (c.user === 'ADMIN' && c.password === 'ADMIN' ? { exitCode: 0, stdout: 'x', stderr: OPENED } : { exitCode: 1, stderr: REFUSED }));
    expect(facts['bmc.default-logins']).toEqual({ ok: false, reason: 'secret', message: 'pass: gpg could not decrypt fleetcheck/hosts/a3-01' });
    expect(calls.filter((c) => c.password === 'ADMIN' || c.password === 'calvin')).toEqual([]);
  });
});

describe('a probe that failed is not a refusal', () => {
  const answer = (nullUser: Answer) => (c: Call): Answer => {
    if (c.user === 'ADMIN' && c.password === 'ADMIN') return { exitCode: 0, stdout: '', stderr: OPENED }; // stored login (batch outputs unused here)
    if (c.user === '') return nullUser;
    return { exitCode: 1, stderr: REFUSED };
  };
  it('fails bmc.anonymous when the null user opens a session with the empty password', async () => {
    const opened = { exitCode: 1, stderr: `${OPENED}Get Session Info command failed: Invalid command\n` };
    const { facts } = await collect(['bmc.anonymous'], store({ ok: true, value: ADMIN_ADMIN }), answer(opened), { users: { ADMIN: 'ADMIN', '': '' } });
    const fact = facts['bmc.anonymous']!;
    if (!fact.ok) throw new Error('expected a fact');
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact.value }, ctx('contract'))).toMatchObject({ status: 'fail', message: 'the BMC opens a session for the null user with an empty password' });
  });
  it('is an error, not a pass, for a protocol failure before any session', async () => {
    const attempts = [{ user: '', outcome: { ok: false as const, reason: 'protocol' as const, message: 'RAKP 2 message indicates an error : insufficient resources for session', sessionOpened: false } }];
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': { cipherSuite: 3, attempts } }, ctx('contract')).status).toBe('error');
    const vendors = ['Dell iDRAC'];
    expect(bmcDefaultCredentials.evaluate({ 'bmc.default-logins': { cipherSuite: 3, attempts: attempts.map((a) => ({ ...a, vendors })), skipped: [] } }, ctx('contract')).status).toBe('error');
    expect(bmcDefaultCredentials.evaluate({ 'bmc.default-logins': { cipherSuite: 3, attempts: [{ user: 'root', vendors, outcome: { ok: false, reason: 'output-limit', message: 'killed', sessionOpened: false } }], skipped: [] } }, ctx('contract')).status).toBe('error');
    expect(bmcCipherZero.evaluate({ 'bmc.cipher-zero': { attempts } }, ctx('contract')).status).toBe('error');
  });
  it('counts the suite-0 refusal ipmitool prints as a cipher-zero pass', () => {
    const verdict = classifyIpmitool({ exitCode: 1, stdout: '', stderr: 'Error in open session response message : no matching cipher suite\nError: Unable to establish IPMI v2 / RMCP+ session\n', timedOut: false, cancelled: false, outputLimit: false });
    if (verdict.ok) throw new Error('expected a failure');
    expect(bmcCipherZero.evaluate({ 'bmc.cipher-zero': { attempts: [{ user: 'ADMIN', outcome: { ...verdict, sessionOpened: verdict.sessionOpened === true } }] } }, ctx('contract')).status).toBe('pass');
  });
  it('says when a captured failed command ran in an open session, and not for a refused login', () => {
    const run = (name: string) => {
      const f = ipmitoolFixture(name);
      return classifyIpmitool({ exitCode: f.exitCode, stdout: f.stdout, stderr: f.stderr, timedOut: false, cancelled: false, outputLimit: false });
    };
    expect(run('invalid-command')).toMatchObject({ ok: false, reason: 'protocol', message: expect.stringMatching(/^the session opened, then a command failed: /) });
    expect(run('user-priv-user-list')).toMatchObject({ ok: false, reason: 'privilege', message: expect.stringMatching(/^the session opened, then a command failed: /) });
    for (const refused of ['anonymous-refused', 'empty-password-refused', 'wrong-password-verbose', 'no-bmc-verbose']) {
      expect(run(refused)).toMatchObject({ ok: false, message: expect.not.stringMatching(/session opened/) });
    }
  });
});

describe('what a full audit costs the BMC', () => {
  // The captured table with its root slot (root/calvin on that simulator) switched off: ADMIN and viewer enabled.
  const table = ipmitoolFixture('channel-getaccess-anon-off').stdout
    .replace(/(User Name\s*: root\n(?:.*\n){3}IPMI Messaging\s*: )enabled/, '$1disabled')
    .replace(/Enabled User IDs\s*: 3/, 'Enabled User IDs     : 2');
  const STORED: HostSecrets = {
    bmcAccounts: [{ user: 'ADMIN', password: new Secret('initPass1'), privilege: 'administrator' }, { user: 'viewer', password: new Secret('viewPass2'), privilege: 'user' }],
    osCredentials: [],
    diskPassphrases: [],
  };
  const ALL: FactKey[] = ['bmc.initial-logins', 'bmc.users', 'bmc.anonymous', 'bmc.cipher-zero', 'bmc.default-logins'];
  const CATALOGUE = [...DEFAULTS, { user: 'root', password: 'changeme', vendors: ['Oracle ILOM'] }, { user: 'ADMIN', password: '', vendors: ['test'] }];

  it('leaves no handshake unfinished on a compliant BMC, and runs one ipmitool session', async () => {
    const { facts, calls, bmc } = await collect(ALL, store({ ok: true, value: STORED }), (c) => (c.password === 'initPass1' ? { exitCode: 0, stdout: 'x', stderr: OPENED } : { exitCode: 1, stderr: REFUSED }), { users: { ADMIN: 'initPass1', viewer: 'viewPass2' }, table: tableFrom(table) }, CATALOGUE);
    // The real client's one session runs only what needs nothing but the session; the table was read natively, as ADMIN.
    expect(calls.map((c) => [c.user, c.commands])).toEqual([['ADMIN', [['session', 'info', 'active']]]]);
    expect(bmc.tableReads).toEqual([{ user: 'ADMIN', channel: 1 }]);
    expect(facts['bmc.users']).toMatchObject({ ok: true, value: { channel: 1, table: { readAs: 'ADMIN', enabledCount: 2 } } });
    // One handshake per stored name; the defaults for ADMIN and the empty passwords are answered by those handshakes' codes.
    expect(bmc.handshakes).toEqual(['ADMIN', 'viewer']);
    expect(facts['bmc.handshakes']).toEqual({ ok: true, value: { begun: 2, finished: 2, unfinished: 0 } });
    const defaults = facts['bmc.default-logins'];
    expect(defaults?.ok && defaults.value.attempts.map((a) => [a.user, a.outcome.ok])).toEqual([['ADMIN', false], ['ADMIN', false]]);
    expect(defaults?.ok && defaults.value.skipped.map((a) => a.user)).toEqual(['root', 'root']);
  });

  it('gives a name one handshake for all its catalogued passwords, and opens a session only with the one it confirms', async () => {
    const { facts, bmc } = await collect(ALL, store({ ok: true, value: STORED }), (c) => (c.password === 'initPass1' ? { exitCode: 0, stdout: 'x', stderr: OPENED } : { exitCode: 1, stderr: REFUSED }), { users: { ADMIN: 'initPass1', viewer: 'viewPass2', root: 'changeme' }, table: tableFrom(table.replace('User Name            : viewer', 'User Name            : root')) }, CATALOGUE);
    expect(bmc.handshakes.filter((h) => h === 'root')).toHaveLength(1);
    expect(bmc.rakp3.map((r) => r.user)).toEqual(['ADMIN', 'viewer', 'root']);
    const fact = facts['bmc.default-logins'];
    if (!fact?.ok) throw new Error('expected a fact');
    expect(bmcDefaultCredentials.evaluate({ 'bmc.default-logins': fact.value }, ctx('contract'))).toMatchObject({ status: 'fail', evidence: [{ detail: 'the factory default password of Oracle ILOM opens a session' }] });
  });

  it('never tries a stored password the RAKP 2 code refutes as a login, with either client', async () => {
    const { facts, calls, bmc } = await collect(['bmc.initial-logins', 'bmc.users'], store({ ok: true, value: STORED }), () => ({ exitCode: 0, stdout: 'x', stderr: OPENED }), { users: { ADMIN: 'changed', viewer: 'viewPass2' }, table: tableFrom(table) });
    expect(calls).toEqual([]);
    expect(bmc.rakp3.map((r) => r.user)).toEqual(['viewer']);
    expect(bmc.tableReads).toEqual([]);
    const logins = facts['bmc.initial-logins'];
    expect(logins?.ok && logins.value.attempts.map((a) => a.outcome.ok ? 'ok' : a.outcome.reason)).toEqual(['auth', 'ok']);
    expect(facts['bmc.handshakes']).toEqual({ ok: true, value: { begun: 2, finished: 1, unfinished: 1 } });
  });

  it('settles cipher suite 0 with one refused Open Session and no handshake', async () => {
    const { facts, bmc } = await collect(['bmc.cipher-zero'], store({ ok: true, value: STORED }), () => ({ exitCode: 1, stderr: REFUSED }), { users: { ADMIN: 'initPass1' }, cipherZero: 'refused' });
    const fact = facts['bmc.cipher-zero'];
    if (!fact?.ok) throw new Error('expected a fact');
    expect(bmcCipherZero.evaluate({ 'bmc.cipher-zero': fact.value }, ctx('contract'))).toMatchObject({ status: 'pass' });
    expect(bmc.handshakes).toEqual([]);
  });
});

describe('bmc.users on an incomplete or unread table', () => {
  const anonOff = tableFrom(ipmitoolFixture('channel-getaccess-anon-off').stdout);
  it('accepts the captured tables, whose counts agree', () => {
    expect(userTableProblem(anonOff.rows, anonOff.enabledCount, 1)).toBeUndefined();
    const anonOn = tableFrom(ipmitoolFixture('channel-getaccess-anon-on').stdout);
    expect(userTableProblem(anonOn.rows, anonOn.enabledCount, 1)).toBeUndefined();
  });
  it('is an error when the BMC counts more enabled users than the table shows', async () => {
    const { facts } = await collect(['bmc.users'], store({ ok: true, value: ADMIN_ADMIN }), () => ({ exitCode: 0, stdout: 'x', stderr: OPENED }), { users: { ADMIN: 'ADMIN' }, table: { ...anonOff, enabledCount: 5 } });
    const fact = facts['bmc.users']!;
    if (!fact.ok) throw new Error('expected a fact');
    expect(fact.value.table?.incomplete).toBe('the BMC counts 5 enabled user ID(s) but the user table of channel 1 shows 3');
    expect(bmcUsers.evaluate({ 'bmc.users': fact.value, 'store.host-secrets': ADMIN_ADMIN }, ctx('contract-end'))).toMatchObject({ status: 'error', message: expect.stringMatching(/may be incomplete/) });
  });
  it('is an error, never a pass, when the session opened but the BMC refused the read', async () => {
    const refusal = { ok: false as const, reason: 'privilege' as const, message: 'Get User Access (channel 1, user 1) answered completion code 0xd4', sessionOpened: true };
    const { facts, calls } = await collect(['bmc.users', 'bmc.initial-logins'], store({ ok: true, value: ADMIN_ADMIN }), () => ({ exitCode: 0, stdout: 'x', stderr: OPENED }), { users: { ADMIN: 'ADMIN' }, table: refusal });
    expect(facts['bmc.users']).toEqual({ ok: false, reason: 'protocol', message: 'could not read the user table of channel 1 as ADMIN: Get User Access (channel 1, user 1) answered completion code 0xd4' });
    // The login itself is proven, by both clients: a refused listing is not a refused password.
    expect(calls).toHaveLength(1);
    const logins = facts['bmc.initial-logins'];
    expect(logins?.ok && logins.value.attempts.map((a) => a.outcome.ok)).toEqual([true]);
  });
});

describe('Redfish accounts in pages', () => {
  const account = (id: string, user: string) => ({ Id: id, UserName: user, RoleId: 'Administrator', Enabled: true });
  const session = (pages: Record<string, unknown>): RedfishSession => ({
    auth: 'session',
    tls: { trust: 'insecure' } as unknown as RedfishSession['tls'],
    serviceRoot: { AccountService: { '@odata.id': '/redfish/v1/AccountService' } },
    get: (path) => Promise.resolve(path in pages ? { ok: true, status: 200, json: pages[path], headers: {} } as never : { ok: true, status: 404, json: {}, headers: {} } as never),
    post: () => Promise.reject(new Error('no writes')),
    close: () => Promise.resolve({ ok: true }),
  });
  const base = {
    '/redfish/v1/AccountService': { Accounts: { '@odata.id': '/redfish/v1/AccountService/Accounts' } },
    '/redfish/v1/AccountService/Accounts/2': account('2', 'ADMIN'),
    '/redfish/v1/AccountService/Accounts/3': account('3', 'support'),
  };
  it('follows Members@odata.nextLink, so an account on page two is seen', async () => {
    const result = await readRedfishAccounts(session({
      ...base,
      '/redfish/v1/AccountService/Accounts': { 'Members@odata.count': 2, Members: [{ '@odata.id': '/redfish/v1/AccountService/Accounts/2' }], 'Members@odata.nextLink': '/redfish/v1/AccountService/Accounts?$skip=1' },
      '/redfish/v1/AccountService/Accounts?$skip=1': { Members: [{ '@odata.id': '/redfish/v1/AccountService/Accounts/3' }] },
    }), 'ADMIN');
    expect(result.ok && result.value.table?.rows.map((r) => r.name)).toEqual(['ADMIN', 'support']);
  });
  it('is an error when Members@odata.count says more than were listed', async () => {
    const result = await readRedfishAccounts(session({ ...base, '/redfish/v1/AccountService/Accounts': { 'Members@odata.count': 2, Members: [{ '@odata.id': '/redfish/v1/AccountService/Accounts/2' }] } }), 'ADMIN');
    expect(result).toMatchObject({ ok: false, reason: 'protocol', message: expect.stringMatching(/Members@odata.count says 2 account\(s\), 1 listed/) });
  });
});
