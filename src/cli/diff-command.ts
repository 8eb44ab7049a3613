// `fleetcheck diff OLD.json NEW.json`: what changed between two JSON reports, as a table or JSON.
import { readComparableReport } from '../report/comparable-report.js';
import { diffReports, isEmptyDiff } from '../report/report-diff.js';
import { renderDiffJson, renderDiffTable } from '../report/render-diff.js';
import { configError, usageError } from './usage-error.js';

/** Flags of the diff command. */
export interface DiffFlags {
  format: string;
}

/** Exit codes of diff, as diff(1)'s: 0 nothing changed, 1 something did. */
export const DiffExit = { Same: 0, Changed: 1 } as const;

/** Compares two reports and prints the changes; throws CliError for a report that cannot be read (exit 78). */
export async function diffCommand(oldFile: string, newFile: string, flags: DiffFlags, out: { write(text: string): unknown }): Promise<number> {
  if (flags.format !== 'table' && flags.format !== 'json') throw usageError(`--format '${flags.format}' is not one of: table, json`);
  const [older, newer] = await Promise.all([readComparableReport(oldFile), readComparableReport(newFile)]);
  const problems = [older, newer].flatMap((r) => (r.ok ? [] : [r.message]));
  if (!older.ok || !newer.ok) throw configError(problems.join('\n'));
  const diff = diffReports(older.report, newer.report);
  out.write(flags.format === 'json' ? renderDiffJson(diff, { old: oldFile, new: newFile }) : renderDiffTable(diff, `${older.report.run.startedAt} (${oldFile})`));
  return isEmptyDiff(diff) ? DiffExit.Same : DiffExit.Changed;
}
