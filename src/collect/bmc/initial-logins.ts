// Proves each stored initial BMC account: first by the RAKP 2 code of a native handshake at the
// stored privilege, completed into a session only when that code confirms the stored password.
// The first confirmed administrator's native session also reads the channel's user table, and that
// administrator then opens one ipmitool session (the real client's ground truth). A password the
// code refutes is never tried as a login, by either client.
import type { StoredBmcAccount } from '../../facts/host-secrets.js';
import type { BmcUsersFact, ChannelAccessRow } from '../../facts/bmc-users.js';
import type { FactResult } from '../../facts/fact-result.js';
import { BMC_SILENT, LOGIN_REFUSED } from '../../facts/failure-reason.js';
import { probeOutcome, type BmcProber } from './bmc-prober.js';
import { canLogInOverLan, userRow } from './user-row.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';
import type { InitialLoginAttempt, InitialLoginsFact } from '../../facts/initial-logins.js';
import type { NativeProber } from './native-prober.js';

/** What the ipmitool session runs: the one command that needs nothing but the session itself. */
const PROVE_SESSION = ['session', 'info', 'active'];

/**
 * Why a table read may not hold every account, or undefined when it is whole: a row count that
 * disagrees with the BMC's own count of enabled user ids. A slot counts as enabled when the BMC
 * says so; when it says "unknown" (ipmi_sim), when it can log in over the LAN, which is how
 * ipmi_sim's count is measured to agree.
 */
export function userTableProblem(rows: readonly ChannelAccessRow[], enabledCount: number, channel: number): string | undefined {
  const counted = rows.filter((r) => r.enableStatus === 'enabled' || (r.enableStatus === 'unknown' && canLogInOverLan(r))).length;
  if (counted === enabledCount) return undefined;
  return `the BMC counts ${enabledCount} enabled user ID(s) but the user table of channel ${channel} shows ${counted}`;
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
 * native session and closed). The first confirmed administrator's session also reads the user
 * table when it is wanted, and that administrator then opens the one ipmitool session.
 */
export async function collectInitialSession(prober: BmcProber, native: NativeProber, accounts: readonly StoredBmcAccount[], wantUsers: boolean, channel: number): Promise<InitialSessionFacts> {
  const attempts: InitialLoginAttempt[] = [];
  let users: FactResult<BmcUsersFact> | undefined;
  let listProblem: string | undefined;
  let ipmitoolRan = false;
  for (const account of accounts) {
    const first = !ipmitoolRan && account.privilege === 'administrator';
    let outcome: ProbeOutcome;
    if (first && wantUsers) {
      const proof = await native.readUsers(account.user, account.privilege, account.password, channel);
      outcome = proof.login;
      if (proof.table?.ok) {
        const { rows, enabledCount } = proof.table.value;
        const incomplete = userTableProblem(rows, enabledCount, channel);
        users = { ok: true, value: { channel, table: { rows: rows.map(userRow), enabledCount, readAs: account.user, ...(incomplete !== undefined ? { incomplete } : {}) } } };
      } else if (proof.table) {
        listProblem = `could not read the user table of channel ${channel} as ${account.user}: ${proof.table.message}`;
      }
    } else {
      outcome = await native.prove(account.user, account.privilege, account.password);
    }
    const stalled = native.silence();
    if (first && !outcome.ok) {
      listProblem = `could not log in as stored administrator ${account.user} to read the user table: ${outcome.message}`;
    } else if (first && stalled) {
      // The native session opened but the BMC then stalled: the real client's session cannot be had.
      outcome = stalled;
      listProblem ??= `the BMC stalled after the stored administrator's handshake: ${stalled.message}`;
    } else if (first) {
      ipmitoolRan = true;
      const session = await prober.session(account, [PROVE_SESSION]);
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
