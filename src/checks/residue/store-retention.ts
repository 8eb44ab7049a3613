// residue.store-retention: nothing about a host may be kept longer than the retention window after its contract.
import type { HostSecrets } from '../../secrets/secret-store.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { addRetention, DEFAULT_RETENTION, describeRetention, isoDay } from './policy-dates.js';

/** What the store holds for a host, by kind, without values. */
function heldKinds(s: HostSecrets): string[] {
  return [
    ...(s.bmcAccounts.length > 0 ? [`${s.bmcAccounts.length} BMC account(s)`] : []),
    ...(s.biosPassword ? ['a BIOS password'] : []),
    ...(s.osCredentials.length > 0 ? [`${s.osCredentials.length} OS login(s)`] : []),
    ...(s.diskPassphrases.length > 0 ? [`${s.diskPassphrases.length} disk passphrase(s)`] : []),
  ];
}

/**
 * The store must hold nothing for a host once its contract ended more than the retention window ago
 * (inventory `provider.retention`, three months by default). fleetcheck keeps no saved reports yet,
 * so the store is the only place judged.
 */
export const storeRetention: Check<'store.host-secrets'> = {
  id: 'residue.store-retention',
  promise: 'residue',
  title: 'The store keeps nothing about a host longer than the retention window after its contract ended',
  needs: ['store.host-secrets'],
  notApplicable: (host) => (host.contract ? undefined : 'the inventory gives this host no contract'),
  evaluate({ 'store.host-secrets': store }, { host, provider, now }) {
    const retention = provider.retention ?? DEFAULT_RETENTION;
    const end = host.contract!.end;
    const deadline = addRetention(end, retention);
    const held = heldKinds(store);
    const window = `${describeRetention(retention)} after the contract ended on ${end}`;
    if (isoDay(now) <= deadline) {
      return { status: 'pass', message: `contract ended or ends ${end}; the store may keep data until ${deadline}`, evidence: [] };
    }
    if (held.length === 0) return { status: 'pass', message: `the store holds nothing, ${window}`, evidence: [] };
    return {
      status: 'fail',
      message: `the store still holds ${held.join(', ')}, past ${deadline} (${window})`,
      evidence: [{ source: `secret store entry ${printableLine(host.secretsKey, 60)}`, detail: printableLine(`holds ${held.join(', ')}; retention ended ${deadline}`) }],
    };
  },
};
