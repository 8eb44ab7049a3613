// backup.storage-copies: snapshots and block-level replicas; DRBD peers on provider infrastructure fail, the rest is shown for review.
import type { Check } from '../check.js';
import { backupOutcome, evidence, noFindings } from './backup-outcome.js';
import { providerBackup, providerReferences } from './provider-reference.js';

/** Reports LVM, ZFS and btrfs snapshots, DRBD resources and md arrays with network members. */
export const backupStorageCopies: Check<'ssh.backup-storage'> = {
  id: 'backup.storage-copies',
  promise: 'backup',
  title: 'No storage-level copy (snapshot, DRBD peer, networked md member) kept for the provider',
  needs: ['ssh.backup-storage'],
  evaluate({ 'ssh.backup-storage': fact }, { provider }) {
    const backup = providerBackup(provider);
    const found = noFindings();
    found.blind.push(...fact.problems.map((p) => evidence('collecting command', p)));
    found.blind.push(...fact.truncated.map((p) => evidence(p, 'too large: only the first part was read')));
    for (const s of fact.snapshots) {
      const detail = `snapshot ${s.name}${s.origin ? ` of ${s.origin}` : ''}${s.created ? `, created ${s.created}` : ''}`;
      found.other.push(evidence(s.tool, detail));
    }
    for (const r of fact.drbd) {
      const refs = providerReferences(r.addresses.join(' '), backup);
      const detail = `DRBD resource ${r.name} replicates to ${r.addresses.join(', ') || 'unknown peers'}${refs.length ? ` → ${refs.join(', ')}` : ''}`;
      (refs.length > 0 ? found.provider : found.other).push(evidence(r.origin, detail));
    }
    for (const md of fact.mdArrays.filter((a) => a.networkMembers.length > 0)) {
      found.other.push(evidence('/proc/mdstat', `${md.name} (${md.level}) has network member(s) ${md.networkMembers.join(', ')}`));
    }
    return backupOutcome('storage-level copy', found, 'LVM, ZFS, btrfs, DRBD, md');
  },
};
