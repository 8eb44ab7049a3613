// backup.provider-copies: no copy of the host's data is kept, and none would be made, on the provider's own systems.
import { FILES_SOURCE, readInFull, type ProviderHolding, type ProviderSystemRead } from '../../facts/provider-systems.js';
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { hostIdentities, namedIdentity } from './host-names.js';

/** The holding as evidence: the system and place as source, what it is, its date and which name of the host it carries. */
function holdingEvidence(system: string, holding: ProviderHolding, id: string): Evidence {
  const when = holding.date ? `, ${holding.date}` : '';
  const what = holding.copy ? 'kept copy' : 'configured to make copies';
  return {
    source: printableLine(`${system}: ${holding.place}`),
    detail: printableLine(`${holding.kind} (${what}${when}) names ${id}${holding.detail ? `: ${holding.detail}` : ''}`),
  };
}

/** A system that could not be read in full, as evidence: it may hold a copy of any host. */
function unreadEvidence(system: ProviderSystemRead): Evidence[] {
  if (!system.reached) return [{ source: printableLine(system.system), detail: printableLine(`could not be read: ${system.message ?? 'unreachable'}`) }];
  return system.sources.filter((s) => s.state === 'failed' && s.source !== FILES_SOURCE).map((s) => ({ source: printableLine(`${system.system}: ${s.source}`), detail: printableLine(`could not be read: ${s.message ?? 'failed'}`) }));
}

/**
 * Judges the host from what every provider system holds: a kept copy or configuration naming the
 * host fails; a system that could not be read in full makes an otherwise clean host `error`, since
 * it may hold a copy of any host; nothing at all passes, naming the tools that are not on a system.
 */
export const backupProviderCopies: Check<'provider.systems'> = {
  id: 'backup.provider-copies',
  promise: 'backup',
  title: "No copy of the host's data kept, and none configured, on the provider's own systems (Bacula/Bareos, restic, borg, rsnapshot, rsync trees, ZFS/btrfs/LVM, NFS/SMB)",
  needs: ['provider.systems'],
  evaluate({ 'provider.systems': fact }, { host }) {
    const systems = fact.systems.filter((s) => s.searched.copies);
    // An inventory that names no provider systems keeps this check out of its verdicts (README, Provider systems).
    if (systems.length === 0) return { status: 'skip', message: 'no provider systems with backup sources in the inventory (provider.systems): nothing on the provider side was examined', evidence: [] };
    const ids = hostIdentities(host);
    const kept: Evidence[] = [];
    const configured: Evidence[] = [];
    const unread: Evidence[] = [];
    const absent: string[] = [];
    for (const system of systems) {
      for (const holding of system.holdings) {
        const id = holding.names.map((n) => namedIdentity(n, ids)).find((x) => x !== undefined);
        if (id !== undefined) (holding.copy ? kept : configured).push(holdingEvidence(system.system, holding, id));
      }
      if (!readInFull(system, 'copies')) unread.push(...unreadEvidence(system));
      for (const s of system.sources) if (s.state === 'absent') absent.push(`${system.system}: ${s.source}`);
    }
    if (kept.length > 0 || configured.length > 0) {
      const parts = [kept.length > 0 ? `${kept.length} kept cop${kept.length === 1 ? 'y' : 'ies'}` : '', configured.length > 0 ? `${configured.length} configuration(s) that would make copies` : ''].filter((p) => p !== '');
      return { status: 'fail', message: `the provider's systems hold ${parts.join(' and ')} of this host`, evidence: [...kept, ...configured, ...unread] };
    }
    if (unread.length > 0) return { status: 'error', message: `${unread.length} provider system source(s) could not be read; any of them may hold a copy of this host`, evidence: unread };
    const note = absent.length > 0 ? `; not on the system, so nothing of that kind is kept there: ${absent.join(', ')}` : '';
    return { status: 'pass', message: printableLine(`no copy or backup configuration naming ${ids.join(', ')} on ${systems.map((s) => s.system).join(', ')}${note}`, 2000), evidence: [] };
  },
};
