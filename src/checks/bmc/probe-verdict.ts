// Shared judgement for logins that must be refused: one that works is a hole, a silent BMC is unproven.
import { BMC_SILENT } from '../../collect/bmc/bmc-prober.js';
import type { ProbeOutcome } from '../../collect/bmc/bmc-prober.js';
import { printableLine } from '../../text/sanitize.js';

/** Attempts split by what they prove. */
export interface ProbeSplit<T> {
  accepted: T[];
  /** The BMC did not answer (or a tool failed): nothing proven. */
  unproven: T[];
}

/** Splits attempts into the logins that worked and the ones that proved nothing. */
export function splitProbes<T extends { outcome: ProbeOutcome }>(attempts: readonly T[]): ProbeSplit<T> {
  return {
    accepted: attempts.filter((a) => a.outcome.ok),
    unproven: attempts.filter((a) => !a.outcome.ok && BMC_SILENT.has(a.outcome.reason)),
  };
}

/** The message of the first unproven attempt, for an `error` finding. */
export function unprovenMessage(attempt: { outcome: ProbeOutcome }): string {
  return attempt.outcome.ok ? 'unknown' : printableLine(attempt.outcome.message);
}
