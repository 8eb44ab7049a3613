// Logins that must NOT work: the null user or an empty password, any password under cipher
// suite 0, and vendor factory defaults. Each is one short session; passwords go to ipmitool
// through its environment only.
import { randomBytes } from 'node:crypto';
import { Secret } from '../../model/secret.js';
import type { StoredBmcAccount } from '../../facts/host-secrets.js';
import type { FactResult } from '../../facts/fact-result.js';
import { probeOutcome, type BmcProber } from './bmc-prober.js';
import type { ProbeAttempt, ProbeOutcome } from '../../facts/probe-outcome.js';
import type { DefaultCredential } from './default-credentials-catalogue.js';
import type { BmcUsersFact } from '../../facts/bmc-users.js';
import type { AnonymousFact } from '../../facts/anonymous.js';
import type { CipherZeroFact } from '../../facts/cipher-zero.js';
import type { DefaultLoginsFact } from '../../facts/default-logins.js';

const PROVE_SESSION = [['session', 'info', 'active']];

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
 * The null user with an empty password, then every enabled named user with an empty password.
 * Without a (complete) user table only the null user is tried and `namedUntried` says why.
 */
export async function probeAnonymous(prober: BmcProber, users: FactResult<BmcUsersFact> | undefined): Promise<FactResult<AnonymousFact>> {
  const names = enabledNames(users);
  const attempts: ProbeAttempt[] = [];
  for (const user of ['', ...(names ?? [])]) {
    const outcome = await prober.session({ user, password: new Secret(''), privilege: 'user' }, PROVE_SESSION);
    attempts.push({ user, outcome: probeOutcome(outcome) });
  }
  const value: AnonymousFact = { cipherSuite: prober.endpoint.cipherSuite, attempts };
  if (names === undefined) {
    const credentialsRefused = users?.ok === true && !users.value.table && users.value.credentialsRefused !== undefined;
    value.namedUntried = { why: whyNoNames(users), credentialsRefused };
  }
  return { ok: true, value };
}

/**
 * Cipher suite 0 authenticates nobody: a session with a random password proves the BMC accepts
 * it. The user name must exist (the BMC still checks it), so known names are tried in turn
 * until one is not "unknown user".
 */
export async function probeCipherZero(prober: BmcProber, stored: readonly StoredBmcAccount[], users: FactResult<BmcUsersFact> | undefined, defaults: readonly DefaultCredential[]): Promise<FactResult<CipherZeroFact>> {
  const names = [...new Set([...stored.map((a) => a.user), ...(enabledNames(users) ?? []), ...defaults.map((d) => d.user)])].slice(0, 6);
  const attempts: ProbeAttempt[] = [];
  for (const user of names) {
    const password = new Secret(randomBytes(8).toString('hex'));
    const outcome = probeOutcome(await prober.session({ user, password, privilege: 'user' }, PROVE_SESSION, 0));
    attempts.push({ user, outcome });
    if (outcome.ok || outcome.reason !== 'unknown-user') break;
  }
  return { ok: true, value: { attempts } };
}

/** Tries each factory default that is not a stored initial account; with a known user table, only names it lists as enabled. */
export async function probeDefaultCredentials(prober: BmcProber, defaults: readonly DefaultCredential[], stored: readonly StoredBmcAccount[], users: FactResult<BmcUsersFact> | undefined): Promise<FactResult<DefaultLoginsFact>> {
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
    const outcome = await prober.session({ user: d.user, password: new Secret(d.password), privilege: 'user' }, PROVE_SESSION);
    attempts.push({ user: d.user, vendors: d.vendors, outcome: probeOutcome(outcome) });
  }
  return { ok: true, value: { cipherSuite: prober.endpoint.cipherSuite, attempts, skipped } };
}
