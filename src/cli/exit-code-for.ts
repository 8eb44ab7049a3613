// The one rule that turns a finished run into its exit code; the README's exit-code table states it.
import type { Report } from '../report/report.js';
import { ExitCode } from './exit-codes.js';

/** The exit code a finished (or stopped) run ends with: interrupted, then violation, then incomplete. */
export function exitCodeFor(report: Pick<Report, 'run' | 'summary'>): ExitCode {
  if (report.run.interrupted) return ExitCode.Interrupted;
  if (report.summary.hosts.violation > 0) return ExitCode.Violation;
  if (report.summary.hosts.error > 0) return ExitCode.Incomplete;
  return ExitCode.Compliant;
}
