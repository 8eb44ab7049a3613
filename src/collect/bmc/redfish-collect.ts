// Gathers a host's account and BIOS facts over Redfish: each stored initial account logs in once
// (a session, logged out at once); the first stored administrator's session also reads who the
// BMC is (its Manager), its lockout policy and AccountService/Accounts, and proves the BIOS
// password the way that BMC's family allows (a write only where writing is allowed). One session
// at a time; a BMC that proves unreachable, silent or not the pinned one is not asked again, and
// no run spends as many failed logins as the BMC's lockout threshold.
import type { Host, RedfishSettings } from '../../inventory/types.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { StoredBmcAccount } from '../../facts/host-secrets.js';
import type { withRedfish } from '../../transport/redfish/redfish-session.js';
import { BMC_GONE, LOGIN_REFUSED, type TransportFailureReason } from '../../facts/failure-reason.js';
import type { FactResult } from '../../facts/fact-result.js';
import type { FactKey, Facts } from '../../facts/facts.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';
import type { BmcUsersFact } from '../../facts/bmc-users.js';
import type { InitialLoginAttempt } from '../../facts/initial-logins.js';
import { REDFISH_ACCOUNTS_SOURCE, readRedfishAccounts } from './redfish-accounts.js';
import type { BiosPasswordFact } from '../../facts/bios-password.js';
import { readBmcSelfDescription } from './redfish/bmc-self-description.js';
import { ASSUMED_LOCKOUT_THRESHOLD, mayTryLogin, type LockoutPolicy } from './redfish/lockout-policy.js';
import { proveBiosPassword, type BiosWriteGate } from './redfish/prove-bios-password.js';
import { redfishEndpointOf } from './redfish-target.js';

/** The facts that come over Redfish when the inventory gives a BMC a `redfish:` block. */
export const REDFISH_FACT_KEYS: ReadonlySet<FactKey> = new Set(['bmc.initial-logins', 'bmc.users', 'bmc.bios-password']);

/** Whether the BIOS password proof may write, and why not when it may not. */
export type BiosWrite = BiosWriteGate;

/** What the Redfish collector needs. */
export interface RedfishCollectorOptions {
  /** The Redfish transport; injected so the collector is tested with an in-memory BMC. */
  withRedfish: typeof withRedfish;
  secrets: SecretStore;
  biosWrite: BiosWrite;
}

/** Collects the requested Redfish facts of a host; never throws. */
export async function collectRedfishFacts(
  host: Host,
  settings: RedfishSettings,
  keys: readonly FactKey[],
  options: RedfishCollectorOptions,
  signal?: AbortSignal,
): Promise<Facts> {
  const facts: Facts = {};
  const want = (k: FactKey): boolean => keys.includes(k);
  const fail = (result: FactResult<never>): void => {
    for (const k of keys) if (REDFISH_FACT_KEYS.has(k)) (facts as Record<string, FactResult<unknown>>)[k] = result;
  };
  // The BIOS proof needs a session even when writing is not allowed: some BMCs (Dell) are proven
  // read-only, and which ones is only known once the BMC has said who it is.
  const biosWanted = want('bmc.bios-password');
  const needSessions = want('bmc.initial-logins') || want('bmc.users') || biosWanted;
  if (!needSessions) return facts;

  const stored = await options.secrets.forHost(host.secretsKey);
  const built = await redfishEndpointOf(host.name, settings);
  if (!stored.ok || !built.ok) {
    fail(!stored.ok ? stored : { ok: false, reason: 'collector', message: `${host.name}: ${built.ok ? '' : built.message}` });
    if (biosWanted && !options.biosWrite.allowed) facts['bmc.bios-password'] = { ok: true, value: { attempted: false, why: options.biosWrite.why } };
    return facts;
  }
  const endpoint = built.endpoint;
  const accounts = stored.value.bmcAccounts;
  const biosPassword = stored.value.biosPassword;
  const reader = accounts.find((a) => a.privilege === 'administrator');

  let users: FactResult<BmcUsersFact> | undefined;
  let bios: FactResult<BiosPasswordFact> | undefined;
  if (biosWanted && biosPassword === undefined) {
    // Judged only where the check may write (as before any read-only proof existed): during the
    // contract a missing BIOS password is not this check's error.
    bios = options.biosWrite.allowed
      ? { ok: false, reason: 'secret', message: `the secret store holds no BIOS password under key '${host.secretsKey}'` }
      : { ok: true, value: { attempted: false, why: options.biosWrite.why } };
  }
  if (!want('bmc.initial-logins') && !want('bmc.users') && bios !== undefined) {
    // Nothing left to ask the BMC: no session (and no login) for a proof that cannot run.
    facts['bmc.bios-password'] = bios;
    return facts;
  }
  const attempts: InitialLoginAttempt[] = [];
  let gone: ProbeOutcome | undefined;
  let readerProblem: string | undefined;
  let lockout: LockoutPolicy | undefined;
  let failedLogins = 0;
  for (const account of orderReaderFirst(accounts, reader)) {
    if (gone) {
      attempts.push(attemptOf(account, gone));
      continue;
    }
    if (!mayTryLogin(lockout, failedLogins)) {
      // Each refused login counts against the BMC's lockout threshold: one more could lock the
      // account (or, on some BMCs, the scanner's address) for the customer.
      const limit = lockout?.threshold === undefined
        ? `the BMC states no lockout threshold, so one more could reach the lowest seen on real BMCs (${ASSUMED_LOCKOUT_THRESHOLD})`
        : `one more failed login would reach the BMC's lockout threshold of ${lockout.threshold}`;
      attempts.push(attemptOf(account, { ok: false, reason: 'protocol', message: `not tried: ${failedLogins} failed login(s) this run, and ${limit}`, sessionOpened: false }));
      continue;
    }
    const isReader = account === reader;
    // Only bmc.initial-logins needs every stored account's own login; the rest is read as the administrator.
    if (!isReader && !want('bmc.initial-logins')) continue;
    const opened = await options.withRedfish(
      endpoint,
      { user: account.user, password: account.password },
      async (session) => {
        if (!isReader) return;
        const self = await readBmcSelfDescription(session);
        lockout = self.lockout;
        if (want('bmc.users') || want('bmc.initial-logins')) users = await readRedfishAccounts(session, account.user);
        if (biosWanted && bios === undefined && biosPassword !== undefined) bios = await proveBiosPassword(session, self.identity, biosPassword, options.biosWrite);
      },
      { ...(signal ? { signal } : {}) },
    );
    // A Redfish login either yields a session or fails before one exists.
    const outcome: ProbeOutcome = opened.ok ? { ok: true } : { ok: false, reason: opened.reason, message: opened.message, sessionOpened: false };
    if (!opened.ok && BMC_GONE.has(opened.reason)) gone = outcome;
    if (!opened.ok && LOGIN_REFUSED.has(opened.reason)) failedLogins++;
    if (isReader && !opened.ok) readerProblem = opened.message;
    attempts.push(attemptOf(account, outcome));
  }

  if (users?.ok && users.value.table) {
    // The role the BMC gives each stored account, compared with the stored privilege as over IPMI.
    for (const a of attempts) {
      const row = users.value.table.rows.find((r) => r.name === a.user);
      if (row) a.tablePrivilege = row.privilege;
    }
  }
  if (want('bmc.initial-logins')) {
    facts['bmc.initial-logins'] = { ok: true, value: { attempts, transport: 'redfish', failedLogins, ...(lockout ? { lockout } : {}) } };
  }
  if (want('bmc.users')) facts['bmc.users'] = users ?? usersWithoutTable(attempts, reader, readerProblem);
  if (biosWanted) {
    // Without a session the BMC's family is unknown; where writing is not allowed anyway the
    // check stays what it was for every BMC before: not run, and why.
    const gate = options.biosWrite;
    bios ??= gate.allowed ? loginFailure(attempts, reader, readerProblem, 'to prove the BIOS password') : { ok: true, value: { attempted: false, why: gate.why } };
    facts['bmc.bios-password'] = bios;
  }
  return facts;
}

function orderReaderFirst(accounts: readonly StoredBmcAccount[], reader: StoredBmcAccount | undefined): StoredBmcAccount[] {
  return reader ? [reader, ...accounts.filter((a) => a !== reader)] : [...accounts];
}

function attemptOf(account: StoredBmcAccount, outcome: ProbeOutcome): InitialLoginAttempt {
  // cipherSuite is an IPMI notion; 0 here, and the fact says the sessions were Redfish ones.
  return { user: account.user, privilege: account.privilege, cipherSuite: 0, outcome };
}

/** The user table could not be read: a refused administrator login is data (the customer's change), the rest a failure. */
function usersWithoutTable(attempts: InitialLoginAttempt[], reader: StoredBmcAccount | undefined, problem: string | undefined): FactResult<BmcUsersFact> {
  const mine = attempts.find((a) => a.user === reader?.user);
  if (mine && !mine.outcome.ok && mine.outcome.reason === 'auth') {
    return { ok: true, value: { channel: 0, source: REDFISH_ACCOUNTS_SOURCE, credentialsRefused: { message: problem ?? 'the stored administrator credentials are refused' } } };
  }
  return loginFailure(attempts, reader, problem, 'to read AccountService/Accounts');
}

function loginFailure(attempts: InitialLoginAttempt[], reader: StoredBmcAccount | undefined, problem: string | undefined, what: string): FactResult<never> {
  if (!reader) return { ok: false, reason: 'secret', message: `the secret store holds no administrator account ${what} with` };
  const mine = attempts.find((a) => a.user === reader.user);
  const reason: TransportFailureReason = mine && !mine.outcome.ok ? mine.outcome.reason : 'protocol';
  return { ok: false, reason, message: problem ?? `could not log in as stored administrator ${reader.user} ${what}` };
}
