// What a finding amounts to once its waiver is taken into account: the one reading every report
// format shares, so that JUnit, Prometheus, HTML and the diff never disagree about a waived failure.
import type { CheckStatus, Finding } from '../model/finding.js';

/** A finding's status, with `waived` for a fail or warn an unexpired waiver accepts. */
export type FindingState = CheckStatus | 'waived';

/** Whether an unexpired waiver accepts this finding (waivers never hide an error). */
export function isWaived(f: Finding): boolean {
  return f.waiver !== undefined && !f.waiver.expired && (f.status === 'fail' || f.status === 'warn');
}

/** The finding's effective state. */
export function findingState(f: Finding): FindingState {
  return isWaived(f) ? 'waived' : f.status;
}
