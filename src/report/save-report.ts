// `scan --save`: writes the JSON report into the inventory's `reports.dir`, never over another report
// and never naming a host past retention (residue.store-retention judges the directory).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SavedReportData } from '../collect/store/saved-reports-listing.js';
import { writeFileAtomic } from '../fs/atomic-file.js';
import type { Report } from './report.js';
import { purgeHostsFromReport } from './report-without-hosts.js';

/** Mode of a saved report: the owner writes, the group (auditors) reads, nobody else. */
export const SAVED_REPORT_MODE = 0o640;

/** The saved-report file name for a run: its start as an ISO 8601 basic UTC timestamp, e.g. 20261123T014437Z.json. */
export function savedReportName(startedAt: Date, attempt = 0): string {
  // `_n` sorts after the plain name (`-n` would sort before it), so a listing stays in time order.
  const stamp = startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return attempt === 0 ? `${stamp}.json` : `${stamp}_${attempt}.json`;
}

/** Writes the JSON report into `dir` (created 0750 when missing) as `<UTC timestamp>.json`, mode 0640, atomically and never over another report. */
export async function saveReport(dir: string, report: Report): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const text = JSON.stringify(report, null, 2) + '\n';
  const startedAt = new Date(report.run.startedAt);
  for (let attempt = 0; ; attempt++) {
    const file = join(dir, savedReportName(startedAt, attempt));
    try {
      await writeFileAtomic(file, text, { mode: SAVED_REPORT_MODE, noClobber: true });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 99) throw err;
    }
  }
}

/**
 * `scan --save`: saves `report` without the hosts in `leaveOut` (hosts past retention, which no saved
 * report may name), its summary recounted as a purge would. When nothing is left, nothing is saved.
 */
export async function saveReportWithout(dir: string, report: Report, leaveOut: ReadonlySet<string>): Promise<{ file: string | undefined; leftOut: string[] }> {
  const named = [...report.hosts.map((h) => h.name), ...report.notScanned.map((h) => h.name)];
  if (!named.some((n) => leaveOut.has(n))) return { file: await saveReport(dir, report), leftOut: [] };
  const purge = purgeHostsFromReport(JSON.parse(JSON.stringify(report)) as SavedReportData, leaveOut);
  if (purge.action === 'keep') return { file: await saveReport(dir, report), leftOut: [] };
  if (purge.action === 'delete') return { file: undefined, leftOut: purge.removed };
  return { file: await saveReport(dir, purge.data as unknown as Report), leftOut: purge.removed };
}
