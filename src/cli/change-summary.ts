// `scan --changes`: the run compared with the newest earlier saved report of the same selection,
// printed before the report itself, so that the first lines of a cron mail say what changed.
import { asComparable, newestEarlierReport } from '../report/comparable-report.js';
import { diffReports } from '../report/report-diff.js';
import { renderDiffTable } from '../report/render-diff.js';
import type { Report } from '../report/report.js';
import { readSavedReports } from '../collect/store/saved-reports-listing.js';
import { printableLine } from '../text/sanitize.js';

/** The change summary text for `report`, compared with what `dir` holds from earlier runs. */
export async function changeSummary(dir: string, report: Report): Promise<string> {
  const listing = await readSavedReports(dir);
  if (!listing.ok) return `changes: ${listing.message}\n`;
  const previous = newestEarlierReport(listing.value, report.selection, report.run.startedAt);
  if (!previous) return `changes: no earlier saved report of this selection in ${printableLine(dir, 200)} to compare with\n`;
  const current = asComparable(JSON.parse(JSON.stringify(report)), 'this run');
  if (!current.ok) throw new Error(current.message); // our own report always reads: anything else is a bug
  return renderDiffTable(diffReports(previous.report, current.report), `${previous.report.run.startedAt} (${previous.file})`);
}
