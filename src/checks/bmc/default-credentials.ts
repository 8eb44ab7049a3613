// bmc.default-credentials: no well-known vendor default login (catalogue/bmc-default-credentials.yaml) works.
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { withoutIpmi } from './applies-to.js';
import { sessionSource } from './contract-note.js';
import { splitProbes, unprovenMessage } from './probe-verdict.js';

/** Defaults equal to the stored initial account are not tried; any other that opens a session fails, in every mode. */
export const bmcDefaultCredentials: Check<'bmc.default-logins'> = {
  id: 'bmc.default-credentials',
  promise: 'bmc',
  title: 'No well-known vendor default BMC login works (unless it is the stored initial account)',
  needs: ['bmc.default-logins'],
  notApplicable: withoutIpmi,
  evaluate({ 'bmc.default-logins': fact }) {
    const { accepted, unproven } = splitProbes(fact.attempts);
    if (accepted.length > 0) {
      return {
        status: 'fail',
        message: `${accepted.length} vendor default BMC login(s) work`,
        evidence: accepted.map((a) => ({
          source: sessionSource(fact.cipherSuite, printableLine(a.user, 32), 'user'),
          detail: `the factory default password of ${printableLine(a.vendors.join(', '), 80)} opens a session`,
        })),
      };
    }
    if (unproven.length > 0) return { status: 'error', message: `could not complete a BMC session: ${unprovenMessage(unproven[0]!)}`, evidence: [] };
    return { status: 'pass', message: `${fact.attempts.length} vendor default login(s) refused, ${fact.skipped.length} not applicable`, evidence: [] };
  },
};
