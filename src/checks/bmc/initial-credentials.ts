// bmc.initial-credentials: every stored initial BMC account still opens a session with its stored password.
import type { Evidence } from '../../model/finding.js';
import type { TransportFailureReason } from '../../transport/transport-error.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';

/** Outcomes that prove the stored credentials no longer work, as opposed to a BMC we could not ask. */
const REFUSED: ReadonlySet<TransportFailureReason> = new Set(['auth', 'unknown-user', 'privilege']);

const REFUSAL_TEXT: Partial<Record<TransportFailureReason, string>> = {
  auth: 'the stored password is refused',
  'unknown-user': 'the BMC no longer knows this user',
  privilege: 'the session opens but not at the stored privilege',
};

/** Proves the initial BMC credentials work: a real RMCP+ session, never `user test`, which proves nothing on some BMCs. */
export const initialCredentials: Check<'bmc.initial-logins'> = {
  id: 'bmc.initial-credentials',
  promise: 'bmc',
  title: 'Every stored initial BMC account opens an RMCP+ session with its stored password and privilege',
  needs: ['bmc.initial-logins'],
  notApplicable: (host) => (host.bmc ? undefined : 'the inventory gives this host no BMC'),
  evaluate({ 'bmc.initial-logins': fact }) {
    if (fact.attempts.length === 0) {
      return { status: 'error', message: 'the secret store holds no initial BMC account for this host', evidence: [] };
    }
    const refused: Evidence[] = [];
    const failed: Evidence[] = [];
    for (const a of fact.attempts) {
      const source = `ipmitool lanplus -C ${a.cipherSuite} session as ${printableLine(a.user, 32)} (${a.privilege})`;
      if (a.outcome.ok) continue;
      const detail = REFUSAL_TEXT[a.outcome.reason] ?? printableLine(a.outcome.message);
      (REFUSED.has(a.outcome.reason) ? refused : failed).push({ source, detail });
    }
    const n = fact.attempts.length;
    if (refused.length > 0) {
      return { status: 'fail', message: `${refused.length} of ${n} initial BMC account(s) no longer log in with the stored credentials`, evidence: [...refused, ...failed] };
    }
    if (failed.length > 0) {
      return { status: 'error', message: `could not complete a BMC session: ${failed[0]!.detail}`, evidence: failed };
    }
    return { status: 'pass', message: `${n} initial BMC account(s) open a session with the stored password`, evidence: [] };
  },
};
