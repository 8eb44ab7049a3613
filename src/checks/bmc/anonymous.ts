// bmc.anonymous: neither the null user nor an empty password opens a BMC session.
import type { Check } from '../check.js';
import { withoutIpmi } from './applies-to.js';
import { sessionSource } from './contract-note.js';
import { splitProbes, unprovenMessage } from './probe-verdict.js';

/** A hole whoever made it: anyone on the BMC network gets in, so it fails during the contract too. */
export const bmcAnonymous: Check<'bmc.anonymous'> = {
  id: 'bmc.anonymous',
  promise: 'bmc',
  title: 'No BMC session opens for the null user or with an empty password',
  needs: ['bmc.anonymous'],
  notApplicable: withoutIpmi,
  evaluate({ 'bmc.anonymous': fact }) {
    const { accepted, unproven } = splitProbes(fact.attempts);
    if (accepted.length > 0) {
      return {
        status: 'fail',
        message: accepted.some((a) => a.user === '') ? 'the BMC opens a session for the null user with an empty password' : 'a BMC account opens a session with an empty password',
        evidence: accepted.map((a) => ({ source: sessionSource(fact.cipherSuite, a.user, 'user'), detail: 'session opened with an empty password' })),
      };
    }
    if (unproven.length > 0) return { status: 'error', message: `could not complete a BMC session: ${unprovenMessage(unproven[0]!)}`, evidence: [] };
    return { status: 'pass', message: `${fact.attempts.length} null-user/empty-password login(s) refused`, evidence: [] };
  },
};
