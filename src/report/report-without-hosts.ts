// A saved report with some hosts taken out, its counts recounted: what a purge writes back and what
// `scan --save` saves when hosts past retention must stay out of it.
import type { SavedReportData } from '../collect/store/saved-reports-listing.js';
import type { CheckStatus } from '../model/finding.js';
import type { HostVerdict } from '../model/host-result.js';

/** What purging hosts does to one saved report. */
export type ReportPurge = { action: 'keep' } | { action: 'delete'; removed: string[] } | { action: 'rewrite'; removed: string[]; data: SavedReportData };

/**
 * A saved report without `hosts`: their results and their not-scanned entries go, the selection's
 * `hosts` (node sets that may name them) becomes the list of the hosts left, and the summary is counted
 * again from what is left. A report that named only those hosts is deleted. Pure.
 */
export function purgeHostsFromReport(data: SavedReportData, hosts: ReadonlySet<string>): ReportPurge {
  const keptHosts = data.hosts.filter((h) => !hosts.has(h.name));
  const keptNotScanned = data.notScanned.filter((h) => !hosts.has(h.name));
  const removed = [...new Set([...data.hosts, ...data.notScanned].map((h) => h.name).filter((n) => hosts.has(n)))].sort();
  if (removed.length === 0) return { action: 'keep' };
  if (keptHosts.length === 0 && keptNotScanned.length === 0) return { action: 'delete', removed };
  const dropped = data.hosts.length - keptHosts.length + (data.notScanned.length - keptNotScanned.length);
  const hostCount = Math.max(keptHosts.length + keptNotScanned.length, data.selection.hostCount - dropped);
  const verdicts: Record<HostVerdict, number> = { compliant: 0, violation: 0, error: 0 };
  const checks: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const h of keptHosts) {
    verdicts[h.verdict]++;
    for (const c of h.checks) checks[c.status]++;
  }
  return {
    action: 'rewrite',
    removed,
    data: {
      ...data,
      selection: { ...data.selection, hosts: [...new Set([...keptHosts, ...keptNotScanned].map((h) => h.name))], hostCount },
      summary: { ...data.summary, hosts: { total: hostCount, ...verdicts, notScanned: keptNotScanned.length }, checks },
      hosts: keptHosts,
      notScanned: keptNotScanned,
    },
  };
}
