// Tries each stored initial BMC account against the BMC: a real RMCP+ session at the stored
// privilege. The first administrator session also reads the channel's user table in the same
// session (`ipmitool exec`), so bmc.users costs no extra login.
import type { BmcPrivilege } from '../../model/bmc-privilege.js';
import type { StoredBmcAccount } from '../../facts/host-secrets.js';
import { canLogInOverLan, parseChannelAccess, type ChannelAccessParse } from '../../transport/ipmi/parse-channel-access.js';
import type { BmcUsersFact, ChannelAccessRow, UserPrivilegeLimit } from '../../facts/bmc-users.js';
import { printableLine } from '../../text/sanitize.js';
import type { FactResult } from '../../facts/fact-result.js';
import { BMC_SILENT, LOGIN_REFUSED } from '../../facts/failure-reason.js';
import { probeOutcome, type BmcProber } from './bmc-prober.js';
import { userRow } from './user-row.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';
import type { InitialLoginAttempt, InitialLoginsFact } from '../../facts/initial-logins.js';

/** The LAN channel fleetcheck reads users from. */
export const LAN_CHANNEL = 1;

const PROVE_SESSION = ['session', 'info', 'active'];
const READ_USERS = ['channel', 'getaccess', String(LAN_CHANNEL)];

/**
 * Why a parsed `channel getaccess` may not hold every account, or undefined when it is whole:
 * output the parser did not understand, or a row count that disagrees with the BMC's own
 * "Enabled User IDs". A slot counts as enabled when the BMC says so; when it says "unknown"
 * (ipmi_sim), when it can log in over the LAN, which is how ipmi_sim's count is measured to agree.
 */
export function channelAccessProblem(parsed: ChannelAccessParse): string | undefined {
  if (parsed.unparsed.length > 0) {
    return `channel getaccess ${LAN_CHANNEL} printed ${parsed.unparsed.length} part(s) the parser did not understand (first: ${printableLine(parsed.unparsed[0]!, 80)})`;
  }
  if (parsed.enabledCount === undefined) return undefined;
  const counted = parsed.rows.filter((r) => r.enableStatus === 'enabled' || (r.enableStatus === 'unknown' && canLogInOverLan(r))).length;
  if (counted === parsed.enabledCount) return undefined;
  return `the BMC counts ${parsed.enabledCount} enabled user ID(s) but channel getaccess ${LAN_CHANNEL} shows ${counted}`;
}

/** Both facts one login pass yields. */
export interface InitialSessionFacts {
  logins: FactResult<InitialLoginsFact>;
  users: FactResult<BmcUsersFact>;
}

/**
 * Opens one session per stored account, one after the other. The first administrator account
 * that logs in also reads the user table; if the batch fails for a reason other than the
 * session (a BMC that refuses `channel getaccess`), the login is proven again on its own so a
 * refused listing never reads as a refused password.
 */
export async function collectInitialSession(prober: BmcProber, accounts: readonly StoredBmcAccount[], wantUsers: boolean): Promise<InitialSessionFacts> {
  const attempts: InitialLoginAttempt[] = [];
  let users: FactResult<BmcUsersFact> | undefined;
  let listProblem: string | undefined;
  for (const account of accounts) {
    const list = wantUsers && users === undefined && account.privilege === 'administrator';
    let outcome = await prober.session(account, list ? [PROVE_SESSION, READ_USERS] : [PROVE_SESSION]);
    if (list && outcome.ok) {
      const parsed = parseChannelAccess(outcome.outputs[1] ?? '');
      const incomplete = channelAccessProblem(parsed);
      users = parsed.rows.length > 0
        ? { ok: true, value: { channel: LAN_CHANNEL, table: { rows: parsed.rows.map(userRow), enabledCount: parsed.enabledCount, readAs: account.user, ...(incomplete !== undefined ? { incomplete } : {}) } } }
        : { ok: false, reason: 'protocol', message: `channel getaccess ${LAN_CHANNEL} printed no user the parser understood` };
    } else if (list && !outcome.ok && (outcome.reason === 'protocol' || outcome.reason === 'privilege')) {
      listProblem = `channel getaccess ${LAN_CHANNEL} failed as ${account.user}: ${outcome.message}`;
      outcome = await prober.session(account, [PROVE_SESSION]);
    } else if (list && !outcome.ok) {
      listProblem = `could not log in as stored administrator ${account.user} to read the user table: ${outcome.message}`;
    }
    attempts.push({ user: account.user, privilege: account.privilege, cipherSuite: prober.endpoint.cipherSuite, outcome: probeOutcome(outcome) });
  }
  if (users?.ok && users.value.table) {
    // ipmi_sim (and some BMCs) grant any -L privilege; the table says what the account really holds.
    const rows = users.value.table.rows;
    for (const a of attempts) {
      const row = rows.find((r) => r.name === a.user);
      if (row) a.tablePrivilege = row.privilege;
    }
  }
  if (users === undefined) {
    const admins = attempts.filter((a) => a.privilege === 'administrator');
    const refusedAll = admins.length > 0 && admins.every((a) => !a.outcome.ok && LOGIN_REFUSED.has(a.outcome.reason));
    if (refusedAll) {
      users = { ok: true, value: { channel: LAN_CHANNEL, credentialsRefused: { message: listProblem ?? 'the stored administrator credentials are refused' } } };
    } else {
      const message = listProblem ?? (admins.length > 0 ? 'no stored administrator account could read the user table' : 'the secret store holds no administrator account to read the user table with');
      const silent = attempts.find((a) => !a.outcome.ok && BMC_SILENT.has(a.outcome.reason));
      users = { ok: false, reason: silent && !silent.outcome.ok ? silent.outcome.reason : admins.length > 0 ? 'protocol' : 'secret', message };
    }
  }
  return { logins: { ok: true, value: { attempts } }, users };
}
