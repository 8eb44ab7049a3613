// Logins that must NOT work: the null user or an empty password, any password under cipher
// suite 0, and vendor factory defaults. All of them go through the native prober: one handshake
// per user name at most, whose RAKP 2 code answers every candidate password in memory, and a
// session only for a candidate that code confirmed.
import { Secret } from '../../model/secret.js';
import type { StoredBmcAccount } from '../../facts/host-secrets.js';
import type { FactResult } from '../../facts/fact-result.js';
import type { ProbeAttempt } from '../../facts/probe-outcome.js';
import type { DefaultCredential } from './default-credentials-catalogue.js';
import type { BmcUsersFact } from '../../facts/bmc-users.js';
import type { AnonymousFact } from '../../facts/anonymous.js';
import type { CipherZeroFact } from '../../facts/cipher-zero.js';
import type { DefaultLoginsFact } from '../../facts/default-logins.js';
import type { NativeProber } from './native-prober.js';

/** Enabled, named users of the table, or undefined when it is unknown or not known to be complete. */
function enabledNames(users: FactResult<BmcUsersFact> | undefined): string[] | undefined {
  const table = users?.ok ? users.value.table : undefined;
  if (!table || table.incomplete !== undefined) return undefined;
  return table.rows.filter((r) => r.name !== '' && r.lanLogin).map((r) => r.name);
}

/** Why the enabled names are unknown, for a finding. */
function whyNoNames(users: FactResult<BmcUsersFact> | undefined): string {
  if (users === undefined) return 'the user table was not read';
  if (!users.ok) return users.message;
  return users.value.table?.incomplete ?? users.value.credentialsRefused?.message ?? 'the user table could not be read';
}

/**
 * The null user first from Get Channel Authentication Capabilities: a channel that says it has
 * neither null user names nor anonymous login settles it with no handshake. Otherwise the null
 * user's handshake is checked against the empty password. Then every enabled named user's
 * handshake (the ones already made for stored accounts and vendor defaults serve) is checked
 * against the empty password. Without a (complete) user table only the null user is examined.
 */
export async function probeAnonymous(native: NativeProber, cipherSuite: number, users: FactResult<BmcUsersFact> | undefined): Promise<FactResult<AnonymousFact>> {
  const names = enabledNames(users);
  const attempts: ProbeAttempt[] = [];
  const caps = await native.authCapabilities();
  if (!caps.ok) attempts.push({ user: '', outcome: caps });
  else if (!caps.value.nullUserNames && !caps.value.anonymousLogin) {
    // The BMC's own statement, asked before any session (IPMI v2.0 §22.13): no null user can log in.
    const message = `Get Channel Authentication Capabilities (channel ${caps.value.channel}): null user names and anonymous login are disabled`;
    attempts.push({ user: '', outcome: { ok: false, reason: 'unknown-user', message, sessionOpened: false } });
  } else {
    attempts.push({ user: '', outcome: await native.prove('', 'user', new Secret('')) });
  }
  for (const user of names ?? []) attempts.push({ user, outcome: await native.prove(user, 'user', new Secret('')) });
  const value: AnonymousFact = { cipherSuite, attempts };
  if (names === undefined) {
    const credentialsRefused = users?.ok === true && !users.value.table && users.value.credentialsRefused !== undefined;
    value.namedUntried = { why: whyNoNames(users), credentialsRefused };
  }
  return { ok: true, value };
}

/**
 * Cipher suite 0 authenticates nobody. An Open Session proposing it that the BMC refuses is the
 * pass, at no cost. Where the BMC accepts the proposal, a handshake as a name it knows (the stored
 * accounts first) is finished: suite 0 checks no password, so a session that opens costs the BMC
 * no failure, and a BMC that refuses later (RAKP 2 or 4) is caught as refusing.
 */
export async function probeCipherZero(native: NativeProber, stored: readonly StoredBmcAccount[], users: FactResult<BmcUsersFact> | undefined, defaults: readonly DefaultCredential[]): Promise<FactResult<CipherZeroFact>> {
  const names = [...new Set([...stored.map((a) => a.user), ...(enabledNames(users) ?? []), ...defaults.map((d) => d.user)])].slice(0, 6);
  const result = await native.cipherZero(names);
  if (!result.openSession.accepted) return { ok: true, value: { attempts: [{ user: names[0] ?? '', outcome: result.openSession.refusal }] } };
  return { ok: true, value: { attempts: result.attempts } };
}

/**
 * Each factory default that is not a stored initial account, for names the user table lists as
 * enabled (all names without a table): the name's one handshake checks every catalogued password
 * for it, so the whole catalogue costs no more handshakes than it has names.
 */
export async function probeDefaultCredentials(native: NativeProber, cipherSuite: number, defaults: readonly DefaultCredential[], stored: readonly StoredBmcAccount[], users: FactResult<BmcUsersFact> | undefined): Promise<FactResult<DefaultLoginsFact>> {
  const enabled = enabledNames(users);
  const attempts: DefaultLoginsFact['attempts'] = [];
  const skipped: DefaultLoginsFact['skipped'] = [];
  for (const d of defaults) {
    if (stored.some((a) => a.user === d.user && a.password.reveal() === d.password)) {
      skipped.push({ user: d.user, vendors: d.vendors, why: 'it is the stored initial account' });
      continue;
    }
    if (enabled !== undefined && !enabled.includes(d.user)) {
      skipped.push({ user: d.user, vendors: d.vendors, why: 'the BMC has no enabled user of that name' });
      continue;
    }
    attempts.push({ user: d.user, vendors: d.vendors, outcome: await native.prove(d.user, 'user', new Secret(d.password)) });
  }
  return { ok: true, value: { cipherSuite, attempts, skipped } };
}
