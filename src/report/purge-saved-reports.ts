// `secrets purge` takes purged hosts out of fleetcheck's saved reports: the plan, then each change
// applied to the file as it is at that moment.
import { errnoOf, readOne, type ReadOne, type SavedReportsListing } from '../collect/store/saved-reports-listing.js';
import { removeFileDurably, writeFileAtomic } from '../fs/atomic-file.js';
import { purgeHostsFromReport, type ReportPurge } from './report-without-hosts.js';
import { SAVED_REPORT_MODE } from './save-report.js';

/** One saved report a purge changes. */
export interface ReportChange {
  file: string;
  purge: Exclude<ReportPurge, { action: 'keep' }>;
}

/** The saved reports that name any of `hosts`, and what purging does to each. Pure. */
export function planReportPurge(listing: SavedReportsListing, hosts: ReadonlySet<string>): ReportChange[] {
  const changes: ReportChange[] = [];
  for (const report of listing.reports) {
    const purge = purgeHostsFromReport(report.data, hosts);
    if (purge.action !== 'keep') changes.push({ file: report.file, purge });
  }
  return changes;
}

/**
 * Applies one change for the purge of `hosts`: the report is read again right before it is rewritten,
 * so that the rewrite starts from what the file holds now, and rewritten atomically (mode 0640) or
 * deleted. A report gone meanwhile needs nothing; one that no longer reads as a report is left alone
 * and reported. Throws errno errors.
 */
export async function applyReportChange(change: ReportChange, hosts: ReadonlySet<string>): Promise<void> {
  let current: ReadOne;
  try {
    current = await readOne(change.file);
  } catch {
    return; // ENOENT: gone already
  }
  if (current.kind !== 'report') throw Object.assign(new Error(`saved report ${change.file} changed`), { code: 'changed and no longer reads as a fleetcheck report' });
  const purge = purgeHostsFromReport(current.report.data, hosts);
  if (purge.action === 'keep') return;
  if (purge.action === 'delete') await removeFileDurably(change.file);
  else await writeFileAtomic(change.file, JSON.stringify(purge.data, null, 2) + '\n', { mode: SAVED_REPORT_MODE });
}

/** Removes a leftover of an interrupted write; one gone meanwhile is fine. Throws other errno errors. */
export async function removeLeftover(file: string): Promise<void> {
  try {
    await removeFileDurably(file);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw err;
  }
}
