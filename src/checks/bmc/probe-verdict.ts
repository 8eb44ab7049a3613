// Shared judgement for logins that must be refused: one that works is a hole, and only an explicit
// refusal proves the door shut. Anything else (a silent BMC, a session that opened and then a
// command failed, a role or protocol failure) proves nothing either way.
import { PROBE_REFUSED } from '../../facts/failure-reason.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';
import { printableLine } from '../../text/sanitize.js';

/** Attempts split by what they prove. */
export interface ProbeSplit<T> {
  /** A session opened: the login works (even when the command run in it then failed). */
  accepted: T[];
  /** Neither opened nor refused (the BMC did not answer, a tool or protocol failure): nothing proven. */
  unproven: T[];
}

/**
 * Splits attempts into the logins that worked and the ones that proved nothing; the rest were
 * refused. `alsoRefused` names further failures that prove a refusal for one probe (cipher suite 0).
 */
export function splitProbes<T extends { outcome: ProbeOutcome }>(attempts: readonly T[], alsoRefused?: (outcome: ProbeOutcome & { ok: false }) => boolean): ProbeSplit<T> {
  const accepted: T[] = [];
  const unproven: T[] = [];
  for (const a of attempts) {
    const o = a.outcome;
    if (o.ok || o.sessionOpened) accepted.push(a);
    else if (!PROBE_REFUSED.has(o.reason) && !(alsoRefused?.(o) ?? false)) unproven.push(a);
  }
  return { accepted, unproven };
}

/** The message of the first unproven attempt, for an `error` finding. */
export function unprovenMessage(attempt: { outcome: ProbeOutcome }): string {
  return attempt.outcome.ok ? 'unknown' : printableLine(attempt.outcome.message);
}
