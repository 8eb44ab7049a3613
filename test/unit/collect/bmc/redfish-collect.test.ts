import { describe, expect, it } from 'vitest';
import { bmcUsers } from '../../../../src/checks/bmc/users.js';
import { initialCredentials } from '../../../../src/checks/bmc/initial-credentials.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { collectRedfishFacts } from '../../../../src/collect/bmc/redfish-collect.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import type { RedfishSettings } from '../../../../src/inventory/types.js';
import { Secret } from '../../../../src/model/secret.js';
import type { SecretStore } from '../../../../src/secrets/secret-store.js';
import type { RedfishReply, RedfishSession, withRedfish } from '../../../../src/transport/redfish/redfish-session.js';
import { testHost, testProvider } from '../../support/hosts.js';

const settings: RedfishSettings = { address: '127.0.0.3', port: 443, trust: { kind: 'insecure' }, timeoutMs: 1000 };
const host = testHost({ bmc: { address: '127.0.0.3', port: 623, cipherSuite: 3, channel: 1, timeoutMs: 1000, retries: 0, ipmi: true, redfish: settings } });
const ctx = (mode: CheckContext['mode']): CheckContext => ({ host, provider: testProvider(), now: new Date(), mode, modeReason: 'r' });
const stored: HostSecrets = {
  bmcAccounts: [
    { user: 'ADMIN', password: new Secret('initial'), privilege: 'administrator' },
    { user: 'viewer', password: new Secret('view'), privilege: 'user' },
  ],
  osCredentials: [],
  diskPassphrases: [],
};
const store: SecretStore = { description: 'memory', forHost: async () => ({ ok: true, value: stored }) };

const ok = (json: unknown): RedfishReply => ({ ok: true, status: 200, json, messages: [], location: undefined, durationMs: 1 });
const notFound: RedfishReply = { ok: true, status: 404, json: undefined, messages: [], location: undefined, durationMs: 1 };

/** An in-memory Redfish BMC: accounts it knows with their passwords, and the resources a GET reads. */
function memoryBmc(passwords: Record<string, string>, resources: Record<string, unknown>): { withRedfish: typeof withRedfish; logins: string[] } {
  const logins: string[] = [];
  const fake = async (_endpoint: unknown, login: { user: string; password: Secret }, use: (s: RedfishSession) => Promise<unknown>) => {
    logins.push(login.user);
    if (passwords[login.user] !== login.password.reveal()) {
      return { ok: false, reason: 'auth', message: `POST /redfish/v1/SessionService/Sessions as ${login.user}: HTTP 401`, tls: { trust: 'insecure', presented: undefined }, durationMs: 1 };
    }
    const session: RedfishSession = {
      auth: 'session',
      tls: { trust: 'insecure', presented: undefined },
      serviceRoot: { AccountService: { '@odata.id': '/redfish/v1/AccountService' } },
      get: async (path) => (path in resources ? ok(resources[path]) : notFound),
      post: async () => notFound,
      close: async () => ({ ok: true }),
    };
    const value = await use(session);
    return { ok: true, value, tls: session.tls, auth: session.auth, logout: { ok: true } };
  };
  return { withRedfish: fake as unknown as typeof withRedfish, logins };
}

const ACCOUNTS = {
  '/redfish/v1/AccountService': { Accounts: { '@odata.id': '/redfish/v1/AccountService/Accounts' } },
  '/redfish/v1/AccountService/Accounts': {
    Members: [{ '@odata.id': '/redfish/v1/AccountService/Accounts/2' }, { '@odata.id': '/redfish/v1/AccountService/Accounts/3' }, { '@odata.id': '/redfish/v1/AccountService/Accounts/4' }],
    'Members@odata.count': 3,
  },
  '/redfish/v1/AccountService/Accounts/2': { Id: '2', UserName: 'ADMIN', RoleId: 'Administrator', Enabled: true },
  '/redfish/v1/AccountService/Accounts/3': { Id: '3', UserName: 'viewer', RoleId: 'ReadOnly', Enabled: true },
  '/redfish/v1/AccountService/Accounts/4': { Id: '4', UserName: 'support', RoleId: 'Administrator', Enabled: true },
};

describe('collectRedfishFacts over an in-memory transport', () => {
  it('logs in as each stored account, reads the accounts as the administrator, and the checks judge them', async () => {
    const bmc = memoryBmc({ ADMIN: 'initial', viewer: 'view' }, ACCOUNTS);
    const facts = await collectRedfishFacts(host, settings, ['bmc.initial-logins', 'bmc.users'], { withRedfish: bmc.withRedfish, secrets: store, biosWrite: { allowed: false, why: 'not asked' } });
    // The administrator goes first: its session also reads the accounts.
    expect(bmc.logins).toEqual(['ADMIN', 'viewer']);
    const logins = facts['bmc.initial-logins'];
    const users = facts['bmc.users'];
    expect(logins?.ok && logins.value.transport).toBe('redfish');
    expect(users?.ok && users.value.table?.rows.map((r) => [r.name, r.lanLogin])).toEqual([['ADMIN', true], ['viewer', true], ['support', true]]);
    if (!logins?.ok || !users?.ok) throw new Error('facts missing');
    expect(initialCredentials.evaluate({ 'bmc.initial-logins': logins.value }, ctx('contract-end')).status).toBe('pass');
    const judged = bmcUsers.evaluate({ 'bmc.users': users.value, 'store.host-secrets': stored }, ctx('contract-end'));
    expect(judged).toMatchObject({ status: 'fail', evidence: [{ source: 'redfish AccountService/Accounts: user 4', detail: 'support (Administrator) is enabled but is not a stored initial account' }] });
  });

  it('reads a refused administrator password as the customer\'s change, not as an unread table', async () => {
    const bmc = memoryBmc({ ADMIN: 'changed-by-customer', viewer: 'view' }, ACCOUNTS);
    const facts = await collectRedfishFacts(host, settings, ['bmc.initial-logins', 'bmc.users'], { withRedfish: bmc.withRedfish, secrets: store, biosWrite: { allowed: false, why: 'not asked' } });
    const logins = facts['bmc.initial-logins'];
    expect(logins?.ok && logins.value.attempts.map((a) => [a.user, a.outcome.ok ? 'ok' : a.outcome.reason])).toEqual([['ADMIN', 'auth'], ['viewer', 'ok']]);
    expect(facts['bmc.users']).toMatchObject({ ok: true, value: { credentialsRefused: { message: expect.stringMatching(/HTTP 401/) } } });
    if (!logins?.ok) throw new Error('facts missing');
    expect(initialCredentials.evaluate({ 'bmc.initial-logins': logins.value }, ctx('contract')).status).toBe('skip');
  });

  it('says why the BIOS probe did not run when writing is not allowed, without a session when there is no BIOS password to prove', async () => {
    const bmc = memoryBmc({ ADMIN: 'initial' }, ACCOUNTS);
    const facts = await collectRedfishFacts(host, settings, ['bmc.bios-password'], { withRedfish: bmc.withRedfish, secrets: store, biosWrite: { allowed: false, why: 'only under contract-end rules' } });
    expect(facts['bmc.bios-password']).toEqual({ ok: true, value: { attempted: false, why: 'only under contract-end rules' } });
    expect(bmc.logins).toEqual([]);
  });

  it('asks the BMC who it is before deciding that the BIOS proof would write (a Dell is proven read-only)', async () => {
    const bmc = memoryBmc({ ADMIN: 'initial' }, ACCOUNTS);
    const withBios: SecretStore = { description: 'memory', forHost: async () => ({ ok: true, value: { ...stored, biosPassword: new Secret('bios') } }) };
    const facts = await collectRedfishFacts(host, settings, ['bmc.bios-password'], { withRedfish: bmc.withRedfish, secrets: withBios, biosWrite: { allowed: false, why: 'only under contract-end rules' } });
    expect(facts['bmc.bios-password']).toEqual({ ok: true, value: { attempted: false, why: 'only under contract-end rules', bmc: { vendor: 'unknown', said: 'the BMC names no vendor' } } });
    expect(bmc.logins).toEqual(['ADMIN']);
  });
});
