// bmc.anonymous: neither the null user nor an empty password opens a BMC session.
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { withoutIpmi } from './applies-to.js';
import { sessionSource } from './contract-note.js';
import { splitProbes, unprovenMessage } from './probe-verdict.js';

/**
 * A hole whoever made it: anyone on the BMC network gets in, so it fails during the contract too.
 * The empty-password part needs the user table (which accounts are enabled). Without it no named
 * account is tried: guessing names would spend the BMC's lockout budget on accounts that may not
 * exist. That part is then unexamined, never passed: `skip` with a note during the contract when
 * the table is missing because the customer changed the stored administrator login (their right),
 * `error` otherwise (at contract end, or when the store or the table could not be read).
 */
export const bmcAnonymous: Check<'bmc.anonymous'> = {
  id: 'bmc.anonymous',
  promise: 'bmc',
  title: 'No BMC session opens for the null user or with an empty password',
  needs: ['bmc.anonymous'],
  notApplicable: withoutIpmi,
  evaluate({ 'bmc.anonymous': fact }, context) {
    const { accepted, unproven } = splitProbes(fact.attempts);
    if (accepted.length > 0) {
      return {
        status: 'fail',
        message: accepted.some((a) => a.user === '') ? 'the BMC opens a session for the null user with an empty password' : 'a BMC account opens a session with an empty password',
        evidence: accepted.map((a) => ({ source: sessionSource(fact.cipherSuite, a.user, 'user'), detail: 'session opened with an empty password' })),
      };
    }
    if (unproven.length > 0) return { status: 'error', message: `could not complete a BMC session: ${unprovenMessage(unproven[0]!)}`, evidence: [] };
    if (fact.namedUntried) {
      const what = `the null user is refused, but no named account was tried with an empty password: the BMC's user table is unknown (${printableLine(fact.namedUntried.why)})`;
      if (fact.namedUntried.credentialsRefused && context.mode === 'contract') {
        return { status: 'skip', message: `${what}; the stored administrator login was changed, the customer's right during the contract; judged at contract end (${context.modeReason})`, evidence: [] };
      }
      return { status: 'error', message: what, evidence: [] };
    }
    return { status: 'pass', message: `${fact.attempts.length} null-user/empty-password login(s) refused`, evidence: [] };
  },
};
