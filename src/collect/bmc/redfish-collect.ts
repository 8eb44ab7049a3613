// Gathers a host's account and BIOS facts over Redfish: each stored initial account logs in once
// (a session, logged out at once); the first stored administrator's session also reads
// AccountService/Accounts and, when writing is allowed, tries Bios.ChangePassword. One session
// at a time; a BMC that proves unreachable, silent or not the pinned one is not asked again.
import type { Host, RedfishSettings } from '../../inventory/types.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { StoredBmcAccount } from '../../facts/host-secrets.js';
import type { withRedfish } from '../../transport/redfish/redfish-session.js';
import { BMC_GONE, type TransportFailureReason } from '../../facts/failure-reason.js';
import type { FactResult } from '../../facts/fact-result.js';
import type { FactKey, Facts } from '../../facts/facts.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';
import type { BmcUsersFact } from '../../facts/bmc-users.js';
import type { InitialLoginAttempt } from '../../facts/initial-logins.js';
import { REDFISH_ACCOUNTS_SOURCE, readRedfishAccounts } from './redfish-accounts.js';
import { probeBiosPassword } from './redfish-bios-password.js';
import type { BiosPasswordFact } from '../../facts/bios-password.js';
import { redfishEndpointOf } from './redfish-target.js';

/** The facts that come over Redfish when the inventory gives a BMC a `redfish:` block. */
export const REDFISH_FACT_KEYS: ReadonlySet<FactKey> = new Set(['bmc.initial-logins', 'bmc.users', 'bmc.bios-password']);

/** Whether the BIOS password probe (a write) may run, and why not when it may not. */
export type BiosWrite = { allowed: true } | { allowed: false; why: string };

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
  const biosWanted = want('bmc.bios-password');
  const biosWrite = biosWanted && options.biosWrite.allowed;
  if (biosWanted && !options.biosWrite.allowed) facts['bmc.bios-password'] = { ok: true, value: { attempted: false, why: options.biosWrite.why } };
  const needSessions = want('bmc.initial-logins') || want('bmc.users') || biosWrite;
  if (!needSessions) return facts;

  const stored = await options.secrets.forHost(host.secretsKey);
  const built = await redfishEndpointOf(host.name, settings);
  if (!stored.ok || !built.ok) {
    const failure: FactResult<never> = !stored.ok ? stored : { ok: false, reason: 'collector', message: `${host.name}: ${built.ok ? '' : built.message}` };
    const bios = facts['bmc.bios-password'];
    fail(failure);
    if (bios) facts['bmc.bios-password'] = bios;
    return facts;
  }
  const endpoint = built.endpoint;
  const accounts = stored.value.bmcAccounts;
  const biosPassword = stored.value.biosPassword;
  const reader = accounts.find((a) => a.privilege === 'administrator');

  let users: FactResult<BmcUsersFact> | undefined;
  let bios: FactResult<BiosPasswordFact> | undefined;
  if (biosWrite && biosPassword === undefined) {
    bios = { ok: false, reason: 'secret', message: `the secret store holds no BIOS password under key '${host.secretsKey}'` };
  }
  const attempts: InitialLoginAttempt[] = [];
  let gone: ProbeOutcome | undefined;
  let readerProblem: string | undefined;
  for (const account of orderReaderFirst(accounts, reader)) {
    if (gone) {
      attempts.push(attemptOf(account, gone));
      continue;
    }
    const isReader = account === reader;
    const opened = await options.withRedfish(
      endpoint,
      { user: account.user, password: account.password },
      async (session) => {
        if (!isReader) return;
        if (want('bmc.users') || want('bmc.initial-logins')) users = await readRedfishAccounts(session, account.user);
        if (biosWrite && bios === undefined && biosPassword !== undefined) bios = await probeBiosPassword(session, biosPassword);
      },
      { ...(signal ? { signal } : {}) },
    );
    // A Redfish login either yields a session or fails before one exists.
    const outcome: ProbeOutcome = opened.ok ? { ok: true } : { ok: false, reason: opened.reason, message: opened.message, sessionOpened: false };
    if (!opened.ok && BMC_GONE.has(opened.reason)) gone = outcome;
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
  if (want('bmc.initial-logins')) facts['bmc.initial-logins'] = { ok: true, value: { attempts, transport: 'redfish' } };
  if (want('bmc.users')) facts['bmc.users'] = users ?? usersWithoutTable(attempts, reader, readerProblem);
  if (biosWrite) facts['bmc.bios-password'] = bios ?? loginFailure(attempts, reader, readerProblem, 'to try Bios.ChangePassword');
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
