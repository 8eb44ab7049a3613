// bmc.cipher-zero: the BMC refuses RMCP+ cipher suite 0, which authenticates nobody.
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { withoutIpmi } from './applies-to.js';
import { sessionSource } from './contract-note.js';
import { splitProbes, unprovenMessage } from './probe-verdict.js';

/**
 * The BMC's own refusal of the suite at session setup: ipmitool prints the RMCP+ status code of
 * the Open Session response (or RAKP 2) from its table of status texts (lanplus_strings.c).
 * ipmi_sim accepts suite 0, so no capture exists; these are ipmitool 1.8.19's exact words.
 */
const SUITE_REFUSED = /\b(?:no matching cipher suite|invalid (?:authentication|integrity|confidentiality) algorithm|no matching authentication algorithm|no matching integrity payload)\b/i;

/** A session under suite 0 with a random password is the proof; `channel getciphers` is not (ipmi_sim does not answer it). */
export const bmcCipherZero: Check<'bmc.cipher-zero'> = {
  id: 'bmc.cipher-zero',
  promise: 'bmc',
  title: 'The BMC refuses cipher suite 0 (a session with any password)',
  needs: ['bmc.cipher-zero'],
  notApplicable: withoutIpmi,
  evaluate({ 'bmc.cipher-zero': fact }) {
    const { accepted, unproven } = splitProbes(fact.attempts, (o) => SUITE_REFUSED.test(o.message));
    if (accepted.length > 0) {
      const a = accepted[0]!;
      return {
        status: 'fail',
        message: `the BMC accepts cipher suite 0: a session as ${printableLine(a.user, 32)} opened with a random password`,
        evidence: [{ source: sessionSource(0, printableLine(a.user, 32), 'user'), detail: 'session opened with a password nobody holds' }],
      };
    }
    if (unproven.length > 0) return { status: 'error', message: `could not complete a BMC session: ${unprovenMessage(unproven[0]!)}`, evidence: [] };
    const named = fact.attempts.filter((a) => a.outcome.ok || a.outcome.reason !== 'unknown-user');
    if (named.length === 0) return { status: 'error', message: 'no user name the BMC knows to probe cipher suite 0 with', evidence: [] };
    return { status: 'pass', message: 'the BMC refuses cipher suite 0', evidence: [] };
  },
};
