// Finding the reports a comparison needs: a JSON report named on the command line, or the newest
// saved report (reports.dir) of the same selection that is older than the current run.
import { fileProblemReason, readBoundedText } from '../fs/bounded-file.js';
import { printableLine } from '../text/sanitize.js';
import { ComparableReportSchema, type ComparableReport } from './report-diff.js';
import type { SavedReportsListing } from '../collect/store/saved-reports-listing.js';

/** Largest report read for a comparison. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** A report read for comparison, or why it could not be (safe to print, naming the file). */
export type ComparableRead = { ok: true; report: ComparableReport } | { ok: false; message: string };

/** Checks parsed JSON is a report a comparison can read. */
export function asComparable(data: unknown, file: string): ComparableRead {
  const parsed = ComparableReportSchema.safeParse(data);
  if (parsed.success) return { ok: true, report: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${printableLine(file, 200)} is not a fleetcheck JSON report (at '${issue?.path.join('.') ?? ''}': ${printableLine(issue?.message ?? 'invalid', 120)})` };
}

/** Reads a JSON report from a file. */
export async function readComparableReport(file: string): Promise<ComparableRead> {
  // Bounded, and regular files only: a FIFO or /dev/zero named by mistake is refused, not read without end.
  const read = await readBoundedText(file, MAX_REPORT_BYTES);
  if (!read.ok) return { ok: false, message: `cannot read ${printableLine(file, 200)}: ${fileProblemReason(read.problem)}` };
  const text = read.text;
  try {
    return asComparable(JSON.parse(text), file);
  } catch {
    return { ok: false, message: `${printableLine(file, 200)} is not valid JSON` };
  }
}

/** The selection a run was asked for, as reports record it. */
export interface SelectionKey {
  racks: readonly string[];
  hosts: readonly string[];
  checks: readonly string[];
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** Whether two runs selected the same racks, node sets and checks (in any order). */
export function sameSelection(a: SelectionKey, b: SelectionKey): boolean {
  return sameSet(a.racks, b.racks) && sameSet(a.hosts, b.hosts) && sameSet(a.checks, b.checks);
}

/** The newest saved report of the same selection that started before `before` (ISO time), with its file. */
export function newestEarlierReport(listing: SavedReportsListing, selection: SelectionKey, before: string): { file: string; report: ComparableReport } | undefined {
  let best: { file: string; report: ComparableReport } | undefined;
  const limit = Date.parse(before);
  for (const saved of listing.reports) {
    const read = asComparable(saved.data, saved.file);
    if (!read.ok) continue;
    const started = Date.parse(read.report.run.startedAt);
    if (!(started < limit) || !sameSelection(read.report.selection, selection)) continue;
    if (!best || started > Date.parse(best.report.run.startedAt)) best = { file: saved.file, report: read.report };
  }
  return best;
}
