// residue.store-os-credentials: the store keeps OS logins and disk passphrases only until they are handed over.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { isoDay } from '../../contract/policy-dates.js';
import { describeItem, judgeHandover } from '../../contract/store-policy.js';

/** Fails for every OS credential or disk passphrase the store still holds after its handover date. */
export const storeOsCredentials: Check<'store.host-secrets'> = {
  id: 'residue.store-os-credentials',
  promise: 'residue',
  title: 'The store holds no OS login or disk passphrase past its handover date',
  needs: ['store.host-secrets'],
  evaluate({ 'store.host-secrets': store }, { host, now }) {
    // The rule is shared with `fleetcheck secrets purge` (store-policy.ts), which removes exactly what fails here.
    const judged = judgeHandover(store, host.contract?.handover, isoDay(now));
    const kept: Evidence[] = [];
    const undated: Evidence[] = [];
    const invalid: Evidence[] = [];
    const source = `secret store entry ${printableLine(host.secretsKey, 60)}`;
    for (const { item, handover, state } of judged) {
      if (state === 'undated') undated.push({ source, detail: printableLine(`${describeItem(item)} kept, no handover date known`) });
      else if (state === 'invalid-date') invalid.push({ source, detail: printableLine(`${describeItem(item)} kept with handover date '${handover}', which is not a calendar date`) });
      else if (state === 'past-handover') kept.push({ source, detail: printableLine(`${describeItem(item)} still kept, handed over on ${handover}`) });
    }
    if (kept.length > 0) return { status: 'fail', message: `${kept.length} OS credential(s) or passphrase(s) kept past handover`, evidence: [...kept, ...invalid, ...undated] };
    // A date that names no day proves nothing: error, never the pass a string comparison would give.
    if (invalid.length > 0) return { status: 'error', message: `${invalid.length} OS credential(s) or passphrase(s) with a handover date that is not a calendar date`, evidence: [...invalid, ...undated] };
    if (undated.length > 0) return { status: 'warn', message: `${undated.length} OS credential(s) or passphrase(s) kept with no handover date`, evidence: undated };
    if (judged.length > 0) return { status: 'pass', message: `${judged.length} OS credential(s) or passphrase(s) kept until handover`, evidence: [] };
    return { status: 'pass', message: 'the store holds no OS credential or disk passphrase', evidence: [] };
  },
};
