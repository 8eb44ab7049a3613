// The Redfish collector and the checks it feeds, run per vendor on the real captures through an
// in-memory transport: what each BMC family is asked, whether anything is written, and the
// verdicts in both judging modes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { biosInitialPassword } from '../../../../../src/checks/bios/initial-password.js';
import { initialCredentials } from '../../../../../src/checks/bmc/initial-credentials.js';
import { bmcUsers } from '../../../../../src/checks/bmc/users.js';
import type { CheckContext } from '../../../../../src/checks/check.js';
import { collectRedfishFacts, type BiosWrite } from '../../../../../src/collect/bmc/redfish-collect.js';
import type { Facts } from '../../../../../src/facts/facts.js';
import type { Host } from '../../../../../src/inventory/types.js';
import { Secret } from '../../../../../src/model/secret.js';
import type { HostSecrets } from '../../../../../src/facts/host-secrets.js';
import type { SecretStore } from '../../../../../src/secrets/secret-store.js';
import { testHost, testProvider } from '../../../support/hosts.js';
import { captureOpener, keyOf, type CaptureBehaviour, type CaptureVendor } from './capture-transport.js';

const BIOS = 'Bios-initial-7Qp';
const host: Host = {
  ...testHost(),
  bmc: { address: '192.0.2.9', port: 623, cipherSuite: 3, channel: 1, timeoutMs: 5000, retries: 0, ipmi: false, redfish: { address: '192.0.2.9', port: 443, trust: { kind: 'pinned', sha256: 'AB:'.repeat(31) + 'AB' }, timeoutMs: 5000 } },
};
const KEYS = ['bmc.initial-logins', 'bmc.users', 'bmc.bios-password'] as const;
const WRITE: BiosWrite = { allowed: true };
const NO_WRITE: BiosWrite = { allowed: false, why: 'writes only at contract end' };

function store(accounts: [string, string][], bios = BIOS): { secrets: SecretStore; stored: HostSecrets } {
  const stored: HostSecrets = {
    bmcAccounts: accounts.map(([user, password]) => ({ user, password: new Secret(password), privilege: 'administrator' as const })),
    biosPassword: new Secret(bios),
    osCredentials: [],
    diskPassphrases: [],
  };
  return { stored, secrets: { description: 'memory', forHost: async () => ({ ok: true, value: stored }) } };
}

async function collect(vendor: CaptureVendor, behaviour: CaptureBehaviour, accounts: [string, string][], write = WRITE) {
  const { open, log } = captureOpener(vendor, behaviour);
  const { secrets, stored } = store(accounts);
  const facts = await collectRedfishFacts(host, host.bmc!.redfish!, KEYS, { withRedfish: open, secrets, biosWrite: write });
  return { facts, log, stored };
}

const ctx = (mode: CheckContext['mode']): CheckContext => ({ host, provider: testProvider(), now: new Date(), mode, modeReason: 'r' });

/** Statuses of the three checks in one mode. */
function verdicts(facts: Facts, stored: HostSecrets, mode: CheckContext['mode']) {
  const need = <T>(r: { ok: true; value: T } | { ok: false } | undefined): T => {
    if (!r || !r.ok) throw new Error(`fact missing: ${JSON.stringify(r)}`);
    return r.value;
  };
  return {
    bios: biosInitialPassword.evaluate({ 'bmc.bios-password': need(facts['bmc.bios-password']) }, ctx(mode)),
    credentials: initialCredentials.evaluate({ 'bmc.initial-logins': need(facts['bmc.initial-logins']) }, ctx(mode)),
    users: bmcUsers.evaluate({ 'bmc.users': need(facts['bmc.users']), 'store.host-secrets': stored }, ctx(mode)),
  };
}

const DELL_BIOS = keyOf('/redfish/v1/Systems/System.Embedded.1/Bios');
/** The Dell's BIOS with a setup password hash made from `password` under the captured salt. */
const dellWith = (password: string): CaptureBehaviour['get'] => (key, body) => {
  if (key !== DELL_BIOS) return body;
  const b = body as { Attributes: Record<string, string> };
  b.Attributes['SHA256SetupPassword'] = createHash('sha256').update(`${password}${b.Attributes['SHA256SetupPasswordSalt']}`).digest('hex').toUpperCase();
  return b;
};
const DELL_ACCOUNTS: [string, string][] = [['root', 'Dell-root-1'], ['tests_admin', 'Dell-ta-2']];

describe('Dell iDRAC9 capture', () => {
  const passwords = Object.fromEntries(DELL_ACCOUNTS);

  it('proves the BIOS password read-only and never posts, even where writing is allowed', async () => {
    const { facts, log, stored } = await collect('dell', { passwords, get: dellWith(BIOS) }, DELL_ACCOUNTS);
    expect(log.posts).toEqual([]);
    expect(facts['bmc.bios-password']).toMatchObject({ ok: true, value: { attempted: true, outcome: 'hash-match', bmc: { vendor: 'dell-idrac' }, stagedBefore: [] } });
    for (const mode of ['contract', 'contract-end'] as const) {
      const v = verdicts(facts, stored, mode);
      expect([v.bios.status, v.credentials.status, v.users.status]).toEqual(['pass', 'pass', 'pass']);
    }
    // The hash is password-equivalent: it is compared, never shown.
    expect(JSON.stringify(verdicts(facts, stored, 'contract-end'))).not.toMatch(/[0-9A-F]{64}/);
  });

  it('ignores the 13 unused slots (UserName "") and keeps the disabled fwupd as disabled', async () => {
    const { facts } = await collect('dell', { passwords, get: dellWith(BIOS) }, DELL_ACCOUNTS);
    const table = facts['bmc.users']!.ok ? (facts['bmc.users'] as { value: { table: { rows: { name: string; enableStatus: string }[] } } }).value.table : undefined;
    expect(table?.rows.map((r) => [r.name, r.enableStatus])).toEqual([['root', 'enabled'], ['tests_admin', 'enabled'], ['fwupd', 'disabled']]);
  });

  it('with a changed BIOS password is never pass: an unverified formula\'s mismatch is an error at contract end, not a fail', async () => {
    const { facts, log, stored } = await collect('dell', { passwords, get: dellWith('Customer-changed-9') }, DELL_ACCOUNTS);
    expect(log.posts).toEqual([]);
    const end = verdicts(facts, stored, 'contract-end').bios;
    expect(end.status).toBe('error');
    expect(end.message).toMatch(/unverified for BIOS passwords, so this is not proof of a change/);
    expect(verdicts(facts, stored, 'contract').bios.status).toBe('skip');
  });

  it('names a BIOS change someone else left pending', async () => {
    const get: CaptureBehaviour['get'] = (key, body) => {
      if (key === keyOf('/redfish/v1/Systems/System.Embedded.1/Bios/Settings')) (body as { Attributes: Record<string, unknown> }).Attributes['BootMode'] = 'Bios';
      return dellWith(BIOS)!(key, body);
    };
    const { facts, stored } = await collect('dell', { passwords, get }, DELL_ACCOUNTS);
    const v = verdicts(facts, stored, 'contract-end').bios;
    expect(v.status).toBe('pass');
    expect(v.evidence).toContainEqual({ source: 'redfish pending BIOS settings', detail: 'attribute BootMode was already pending before the check (applied at the next reboot)' });
  });

  it('reads the job queue Bios/Settings links, naming only the jobs still to run', async () => {
    const JOBS = '/redfish/v1/Managers/iDRAC.Embedded.1/Oem/Dell/Jobs';
    const job = (id: string, JobState: string) => ({ '@odata.id': `${JOBS}/${id}`, Id: id, JobState, JobType: 'BIOSConfiguration' });
    const queue: Record<string, unknown> = {
      [keyOf(JOBS)]: { '@odata.id': JOBS, Members: [{ '@odata.id': `${JOBS}/JID_1` }, { '@odata.id': `${JOBS}/JID_2` }] },
      [keyOf(`${JOBS}/JID_1`)]: job('JID_1', 'Completed'),
      [keyOf(`${JOBS}/JID_2`)]: job('JID_2', 'Scheduled'),
    };
    const get: CaptureBehaviour['get'] = (key, body) => queue[key] ?? dellWith(BIOS)!(key, body);
    const { facts, log } = await collect('dell', { passwords, get }, DELL_ACCOUNTS);
    expect(log.gets).toContain(keyOf(`${JOBS}/JID_1`));
    expect(facts['bmc.bios-password']).toMatchObject({ ok: true, value: { outcome: 'hash-match', stagedBefore: [`job ${JOBS}/JID_2`] } });
  });
});

/** HPE iLO 5: the misspelled target, BiosPasswordMismatch at once, a right one staged as AdminPassword null. */
function hpe(stage: Record<string, unknown> = { AdminPassword: null }): CaptureBehaviour & { staged: boolean } {
  const state = { staged: false };
  const TARGET = keyOf('/redfish/v1/systems/1/bios/settings/Actions/Bios.ChangePasswords/');
  return {
    get staged() {
      return state.staged;
    },
    passwords: { root: 'Hpe-root-1', tests_admin: 'Hpe-ta-2' },
    get: (key, body) => {
      if (key === keyOf('/redfish/v1/systems/1/bios/settings') && state.staged) Object.assign((body as { Attributes: object }).Attributes, stage);
      return body;
    },
    post: (key, body) => {
      if (key !== TARGET) return { status: 404 };
      const b = body as { PasswordName: string; OldPassword: Secret };
      if (b.PasswordName !== 'Administrator') return { status: 400, json: { error: { '@Message.ExtendedInfo': [{ MessageId: 'iLO.2.14.PropertyValueNotInList' }] } } };
      if (b.OldPassword.reveal() !== BIOS) return { status: 400, json: { error: { '@Message.ExtendedInfo': [{ MessageId: 'iLO.2.14.BiosPasswordMismatch' }] } } };
      state.staged = true;
      return { status: 200, json: { error: { '@Message.ExtendedInfo': [{ MessageId: 'iLO.2.14.SystemResetRequired' }] } } };
    },
  };
}
const HPE_ACCOUNTS: [string, string][] = [['root', 'Hpe-root-1'], ['tests_admin', 'Hpe-ta-2']];

describe('HPE iLO 5 capture', () => {
  it('posts Administrator old = new to the target the BMC advertises, misspelled as it is, and passes', async () => {
    const { facts, log, stored } = await collect('hpe', hpe(), HPE_ACCOUNTS);
    expect(log.posts.map((p) => p.path)).toEqual(['/redfish/v1/systems/1/bios/settings/Actions/Bios.ChangePasswords/']);
    expect(facts['bmc.bios-password']).toMatchObject({ ok: true, value: { outcome: 'accepted', created: [{ kind: 'attribute', name: 'AdminPassword', setsStoredPassword: true }] } });
    const v = verdicts(facts, stored, 'contract-end');
    expect([v.bios.status, v.credentials.status, v.users.status]).toEqual(['pass', 'pass', 'pass']);
    expect(v.bios.evidence).toContainEqual({ source: 'redfish pending BIOS settings', detail: 'AdminPassword staged by the call: sets the stored password again at the next reboot' });
  });

  it('reads BiosPasswordMismatch as a changed password', async () => {
    const { open } = captureOpener('hpe', hpe());
    const { secrets, stored } = store(HPE_ACCOUNTS, 'Not-the-bios-1');
    const facts = await collectRedfishFacts(host, host.bmc!.redfish!, KEYS, { withRedfish: open, secrets, biosWrite: WRITE });
    expect(verdicts(facts, stored, 'contract-end').bios).toMatchObject({ status: 'fail', evidence: expect.arrayContaining([expect.objectContaining({ detail: 'HTTP 400: iLO.2.14.BiosPasswordMismatch' })]) });
    expect(verdicts(facts, stored, 'contract').bios.status).toBe('skip');
  });

  it('is an error when the call staged anything but the stored password', async () => {
    const { facts, stored } = await collect('hpe', hpe({ AdminPassword: null, BootMode: 'LegacyBios' }), HPE_ACCOUNTS);
    const v = verdicts(facts, stored, 'contract-end').bios;
    expect(v.status).toBe('error');
    expect(v.message).toMatch(/left a pending BIOS change/);
    expect(v.evidence).toContainEqual({ source: 'redfish pending BIOS settings', detail: 'BootMode staged by the call' });
  });

  it('does not write where writing is not allowed', async () => {
    const { facts, log } = await collect('hpe', hpe(), HPE_ACCOUNTS, NO_WRITE);
    expect(log.posts).toEqual([]);
    expect(facts['bmc.bios-password']).toMatchObject({ ok: true, value: { attempted: false, why: 'writes only at contract end', bmc: { vendor: 'hpe-ilo' } } });
  });
});

describe('Lenovo XCC capture', () => {
  const passwords = { root: 'Len-root-1' };
  it('writes nothing and cannot prove the password: error at contract end, skip during the contract', async () => {
    const flagSet: CaptureBehaviour['get'] = (key, body) => {
      if (key === keyOf('/redfish/v1/Systems/1/Bios')) (body as { Oem: { Lenovo: Record<string, boolean> } }).Oem.Lenovo['IsUefiAdminPasswordSet'] = true;
      return body;
    };
    const { facts, log, stored } = await collect('lenovo', { passwords, get: flagSet }, [['root', 'Len-root-1']]);
    expect(log.posts).toEqual([]);
    // Bios/Pending mirrors every current attribute: that is not a pending change.
    expect(facts['bmc.bios-password']).toMatchObject({ ok: true, value: { outcome: 'cannot-prove', stagedBefore: [] } });
    const end = verdicts(facts, stored, 'contract-end');
    expect(end.bios).toMatchObject({ status: 'error', message: expect.stringMatching(/^this BMC cannot prove its BIOS password: /) });
    expect([end.credentials.status, end.users.status]).toEqual(['pass', 'pass']);
    expect(verdicts(facts, stored, 'contract').bios.status).toBe('skip');
  });

  it('reads IsUefiAdminPasswordSet false (as captured) as no password set: not the stored one', async () => {
    const { facts, stored } = await collect('lenovo', { passwords }, [['root', 'Len-root-1']]);
    expect(verdicts(facts, stored, 'contract-end').bios).toMatchObject({ status: 'fail', evidence: expect.arrayContaining([expect.objectContaining({ detail: 'IsUefiAdminPasswordSet is false: no UEFI administrator password is set' })]) });
  });
});

describe('Supermicro capture', () => {
  it('cannot prove the BIOS password, trusts no AccountTypes, and stops before the lockout threshold of 3', async () => {
    const accounts: [string, string][] = [['root', 'Smc-root-1'], ['tests_admin', 'wrong-1'], ['ops2', 'wrong-2'], ['ops3', 'wrong-3']];
    const { facts, log, stored } = await collect('supermicro', { passwords: { root: 'Smc-root-1', tests_admin: 'Smc-ta-2' } }, accounts);
    expect(log.posts).toEqual([]);
    expect(log.logins).toEqual([{ user: 'root', ok: true }, { user: 'tests_admin', ok: false }, { user: 'ops2', ok: false }]);
    const logins = facts['bmc.initial-logins'];
    expect(logins).toMatchObject({ ok: true, value: { failedLogins: 2, lockout: { threshold: 3, durationSeconds: 30 } } });
    const end = verdicts(facts, stored, 'contract-end');
    expect(end.bios.status).toBe('error');
    expect(end.credentials.status).toBe('fail');
    expect(end.credentials.evidence).toContainEqual({ source: 'redfish AccountService', detail: '2 failed login(s) this run (lockout threshold 3)' });
    expect(end.credentials.evidence).toContainEqual({ source: 'redfish session as ops3 (administrator)', detail: expect.stringMatching(/^not tried: 2 failed login\(s\) this run, and one more failed login would reach the BMC's lockout threshold of 3/) });
    // tests_admin says AccountTypes ["Redfish"] and still counts as an enabled account.
    expect(end.users.status).toBe('fail');
  });
});
