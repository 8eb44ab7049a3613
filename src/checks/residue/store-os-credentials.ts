// residue.store-os-credentials: the store keeps OS logins and disk passphrases only until they are handed over.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { isoDay } from './policy-dates.js';

/** Fails for every OS credential or disk passphrase the store still holds after its handover date. */
export const storeOsCredentials: Check<'store.host-secrets'> = {
  id: 'residue.store-os-credentials',
  promise: 'residue',
  title: 'The store holds no OS login or disk passphrase past its handover date',
  needs: ['store.host-secrets'],
  evaluate({ 'store.host-secrets': store }, { host, now }) {
    const today = isoDay(now);
    const items = [
      ...store.osCredentials.map((c) => ({ what: `OS login ${c.user}`, handover: c.handover })),
      ...store.diskPassphrases.map((d) => ({ what: `disk passphrase for ${d.device}`, handover: d.handover })),
    ];
    const kept: Evidence[] = [];
    const undated: Evidence[] = [];
    const source = `secret store entry ${printableLine(host.secretsKey, 60)}`;
    for (const item of items) {
      // The item's own handover date wins; the contract's is the fallback.
      const handover = item.handover ?? host.contract?.handover;
      if (handover === undefined) undated.push({ source, detail: printableLine(`${item.what} kept, no handover date known`) });
      else if (today > handover) kept.push({ source, detail: printableLine(`${item.what} still kept, handed over on ${handover}`) });
    }
    if (kept.length > 0) return { status: 'fail', message: `${kept.length} OS credential(s) or passphrase(s) kept past handover`, evidence: [...kept, ...undated] };
    if (undated.length > 0) return { status: 'warn', message: `${undated.length} OS credential(s) or passphrase(s) kept with no handover date`, evidence: undated };
    if (items.length > 0) return { status: 'pass', message: `${items.length} OS credential(s) or passphrase(s) kept until handover`, evidence: [] };
    return { status: 'pass', message: 'the store holds no OS credential or disk passphrase', evidence: [] };
  },
};
