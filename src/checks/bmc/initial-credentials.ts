// bmc.initial-credentials: every stored initial BMC account still opens a session with its stored password and privilege.
import type { Evidence } from '../../model/finding.js';
import { LOGIN_REFUSED, type TransportFailureReason } from '../../facts/failure-reason.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { customerChange, redfishSessionSource, sessionSource } from './contract-note.js';

const REFUSAL_TEXT: Partial<Record<TransportFailureReason, string>> = {
  auth: 'the stored password is refused',
  'unknown-user': 'the BMC no longer knows this user',
  privilege: 'the session opens but not at the stored privilege',
};

/**
 * Proves the initial BMC credentials work: a real RMCP+ session (never `user test`, which proves
 * nothing on some BMCs), or over Redfish a real session whose account has the stored role.
 */
export const initialCredentials: Check<'bmc.initial-logins'> = {
  id: 'bmc.initial-credentials',
  promise: 'bmc',
  title: 'Every stored initial BMC account opens an RMCP+ session with its stored password and privilege',
  needs: ['bmc.initial-logins'],
  notApplicable: (host) => (host.bmc ? undefined : 'the inventory gives this host no BMC'),
  evaluate({ 'bmc.initial-logins': fact }, context) {
    if (fact.attempts.length === 0) {
      return { status: 'error', message: `the secret store holds no initial BMC account under key '${context.host.secretsKey}'`, evidence: [] };
    }
    const refused: Evidence[] = [];
    const failed: Evidence[] = [];
    for (const a of fact.attempts) {
      const user = printableLine(a.user, 32);
      const source = fact.transport === 'redfish' ? redfishSessionSource(user, a.privilege) : sessionSource(a.cipherSuite, user, a.privilege);
      if (a.outcome.ok) {
        // ipmi_sim and some BMCs grant any requested level; the user table tells the account's real limit.
        if (a.tablePrivilege !== undefined && a.tablePrivilege !== a.privilege) {
          refused.push({ source, detail: `the BMC's user table gives this account ${a.tablePrivilege}, not the stored ${a.privilege}` });
        }
        continue;
      }
      // Long enough for both fingerprints of a changed Redfish certificate.
      const detail = REFUSAL_TEXT[a.outcome.reason] ?? printableLine(a.outcome.message, 400);
      (LOGIN_REFUSED.has(a.outcome.reason) ? refused : failed).push({ source, detail });
    }
    const n = fact.attempts.length;
    // Counted before the lockout line joins the evidence: it is no account.
    const changed = refused.length;
    if (fact.failedLogins !== undefined && fact.failedLogins > 0) {
      // Every refused login counts against the BMC's lockout threshold: the report says how many this run spent.
      const threshold = fact.lockout?.threshold;
      const policy = threshold === undefined ? 'lockout threshold not stated' : threshold === 0 ? 'no lockout threshold' : `lockout threshold ${threshold}`;
      (changed > 0 ? refused : failed).push({ source: 'redfish AccountService', detail: `${fact.failedLogins} failed login(s) this run (${policy})` });
    }
    if (changed > 0) {
      return customerChange(
        context,
        `${changed} of ${n} initial BMC account(s) no longer log in with the stored credentials and privilege`,
        `${changed} of ${n} initial BMC account(s) were changed`,
        [...refused, ...failed],
      );
    }
    if (failed.length > 0) {
      return { status: 'error', message: `could not complete a BMC session: ${failed[0]!.detail}`, evidence: failed };
    }
    return { status: 'pass', message: `${n} initial BMC account(s) open a session with the stored password and privilege`, evidence: [] };
  },
};
