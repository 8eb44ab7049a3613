// Proves each stored initial BMC account: first by the RAKP 2 code of a native handshake at the
// stored privilege, completed into a session only when that code confirms the stored password.
// The first confirmed administrator then opens one ipmitool session (the real client's ground
// truth) that also reads the channel's user table (`ipmitool exec`). A password the code refutes
// is never tried as a login, by either client.
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
import type { NativeProber } from './native-prober.js';

const PROVE_SESSION = ['session', 'info', 'active'];
/** The ipmitool command that reads the user table of the inventory's LAN channel. */
const readUsers = (channel: number): string[] => ['channel', 'getaccess', String(channel)];

/**
 * Why a parsed `channel getaccess` may not hold every account, or undefined when it is whole:
 * output the parser did not understand, or a row count that disagrees with the BMC's own
 * "Enabled User IDs". A slot counts as enabled when the BMC says so; when it says "unknown"
 * (ipmi_sim), when it can log in over the LAN, which is how ipmi_sim's count is measured to agree.
 */
export function channelAccessProblem(parsed: ChannelAccessParse, channel = 1): string | undefined {
  if (parsed.unparsed.length > 0) {
    return `channel getaccess ${channel} printed ${parsed.unparsed.length} part(s) the parser did not understand (first: ${printableLine(parsed.unparsed[0]!, 80)})`;
  }
  if (parsed.enabledCount === undefined) return undefined;
  const counted = parsed.rows.filter((r) => r.enableStatus === 'enabled' || (r.enableStatus === 'unknown' && canLogInOverLan(r))).length;
  if (counted === parsed.enabledCount) return undefined;
  return `the BMC counts ${parsed.enabledCount} enabled user ID(s) but channel getaccess ${channel} shows ${counted}`;
}

/** Both facts one login pass yields. */
export interface InitialSessionFacts {
  logins: FactResult<InitialLoginsFact>;
  users: FactResult<BmcUsersFact>;
}

/** What ipmitool's failure after a confirming RAKP 2 code means: never a refusal, since the code proved the password. */
function disagreement(outcome: ProbeOutcome & { ok: false }): ProbeOutcome {
  if (!LOGIN_REFUSED.has(outcome.reason) || outcome.sessionOpened) return outcome;
  return { ok: false, reason: 'protocol', message: `ipmitool's session was refused although the BMC's RAKP 2 code confirmed the stored password: ${outcome.message}`, sessionOpened: false };
}

/**
 * Proves each stored account by its handshake's RAKP 2 code (a confirmed one is completed into a
 * native session and closed). The first confirmed administrator also opens the one ipmitool
 * session, which reads the user table when it is wanted; if that batch fails for a reason other
 * than the session (a BMC that refuses `channel getaccess`), the login is proven again on its own
 * so a refused listing never reads as a refused password.
 */
export async function collectInitialSession(prober: BmcProber, native: NativeProber, accounts: readonly StoredBmcAccount[], wantUsers: boolean, channel: number): Promise<InitialSessionFacts> {
  const attempts: InitialLoginAttempt[] = [];
  let users: FactResult<BmcUsersFact> | undefined;
  let listProblem: string | undefined;
  let ipmitoolRan = false;
  for (const account of accounts) {
    let outcome = await native.prove(account.user, account.privilege, account.password);
    const first = !ipmitoolRan && account.privilege === 'administrator';
    const stalled = native.silence();
    if (first && !outcome.ok) {
      listProblem = `could not log in as stored administrator ${account.user} to read the user table: ${outcome.message}`;
    } else if (first && stalled) {
      // The native session opened but the BMC then stalled: the real client's session cannot be had.
      outcome = stalled;
      listProblem = `the BMC stalled after the stored administrator's handshake: ${stalled.message}`;
    } else if (first) {
      ipmitoolRan = true;
      let session = await prober.session(account, wantUsers ? [PROVE_SESSION, readUsers(channel)] : [PROVE_SESSION]);
      if (session.ok && wantUsers) {
        const parsed = parseChannelAccess(session.outputs[1] ?? '');
        const incomplete = channelAccessProblem(parsed, channel);
        users = parsed.rows.length > 0
          ? { ok: true, value: { channel, table: { rows: parsed.rows.map(userRow), enabledCount: parsed.enabledCount, readAs: account.user, ...(incomplete !== undefined ? { incomplete } : {}) } } }
          : { ok: false, reason: 'protocol', message: `channel getaccess ${channel} printed no user the parser understood` };
      } else if (!session.ok && wantUsers && (session.reason === 'protocol' || session.reason === 'privilege')) {
        listProblem = `channel getaccess ${channel} failed as ${account.user}: ${session.message}`;
        session = await prober.session(account, [PROVE_SESSION]);
      } else if (!session.ok) {
        listProblem = `ipmitool could not open the stored administrator's session to read the user table: ${session.message}`;
      }
      if (!session.ok) {
        // ipmitool began a handshake the BMC saw and did not finish it.
        if (!BMC_SILENT.has(session.reason) && session.sessionOpened !== true) native.noteForeignUnfinished();
        outcome = disagreement(probeOutcome(session) as ProbeOutcome & { ok: false });
      }
    }
    attempts.push({ user: account.user, privilege: account.privilege, cipherSuite: prober.endpoint.cipherSuite, outcome });
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
      users = { ok: true, value: { channel, credentialsRefused: { message: listProblem ?? 'the stored administrator credentials are refused' } } };
    } else {
      const message = listProblem ?? (admins.length > 0 ? 'no stored administrator account could read the user table' : 'the secret store holds no administrator account to read the user table with');
      const silent = attempts.find((a) => !a.outcome.ok && BMC_SILENT.has(a.outcome.reason));
      users = { ok: false, reason: silent && !silent.outcome.ok ? silent.outcome.reason : admins.length > 0 ? 'protocol' : 'secret', message };
    }
  }
  return { logins: { ok: true, value: { attempts } }, users };
}
