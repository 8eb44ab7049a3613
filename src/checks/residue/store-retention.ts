// residue.store-retention: nothing about a host may be kept longer than the retention window after its
// contract, neither in the provider's secret store nor in fleetcheck's own saved reports.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { isoDay } from '../../contract/policy-dates.js';
import { heldKinds, judgeRetention } from '../../contract/store-policy.js';

/**
 * The store must hold nothing for a host, and no saved report may name it, once its contract ended
 * more than the retention window ago (inventory `provider.retention`, three months by default). The
 * rule is shared with `fleetcheck secrets purge` (store-policy.ts), which removes what fails here.
 */
export const storeRetention: Check<'store.host-secrets' | 'store.saved-reports'> = {
  id: 'residue.store-retention',
  promise: 'residue',
  title: 'The store and the saved reports keep nothing about a host longer than the retention window after its contract ended',
  needs: ['store.host-secrets', 'store.saved-reports'],
  notApplicable: (host) => (host.contract ? undefined : 'the inventory gives this host no contract'),
  evaluate({ 'store.host-secrets': store, 'store.saved-reports': reports }, { host, provider, now }) {
    const verdict = judgeRetention(host.contract, provider, isoDay(now))!;
    const { deadline, end, window } = verdict;
    if (!verdict.expired) {
      return { status: 'pass', message: `contract ended or ends ${end}; the store may keep data until ${deadline}`, evidence: [] };
    }
    const held = heldKinds({
      bmcAccounts: store.bmcAccounts.length,
      biosPassword: store.biosPassword !== undefined,
      osCredentials: store.osCredentials.length,
      diskPassphrases: store.diskPassphrases.length,
    });
    const evidence: Evidence[] = [
      ...(held.length > 0
        ? [{ source: `secret store entry ${printableLine(host.secretsKey, 60)}`, detail: printableLine(`holds ${held.join(', ')}; retention ended ${deadline}`) }]
        : []),
      ...reports.naming.map((file) => ({ source: printableLine(file, 300), detail: printableLine(`saved report names ${host.name}; retention ended ${deadline}`) })),
    ];
    const kept = [
      ...(held.length > 0 ? [`the store still holds ${held.join(', ')}`] : []),
      ...(reports.naming.length > 0 ? [`${reports.naming.length} saved report(s) still name the host`] : []),
    ];
    if (kept.length > 0) return { status: 'fail', message: `${kept.join(' and ')}, past ${deadline} (${window})`, evidence };
    if (reports.unreadable.length > 0) {
      return {
        status: 'error',
        message: `the store holds nothing, but ${reports.unreadable.length} saved report(s) could not be read and may name the host (${window})`,
        evidence: reports.unreadable.map((u) => ({ source: printableLine(u.file, 300), detail: printableLine(`saved report ${u.reason}`) })),
      };
    }
    const nothing = reports.dir === undefined ? 'the store holds nothing' : 'the store holds nothing and no saved report names the host';
    return { status: 'pass', message: `${nothing}, ${window}`, evidence: [] };
  },
};
