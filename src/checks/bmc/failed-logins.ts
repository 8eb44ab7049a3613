// How many logins a check's probes cost the BMC: each refused login counts against a BMC's lockout,
// and ops want to see that number (the Prometheus textfile exports it) without reading messages.
import type { FactKey, FactTypes } from '../../facts/facts.js';
import { PROBE_REFUSED, type TransportFailureReason } from '../../facts/failure-reason.js';
import type { Check } from '../check.js';

/** Facts whose login attempts can be counted. */
type AttemptFactKey = { [K in FactKey]: FactTypes[K] extends { attempts: ReadonlyArray<{ outcome: { ok: boolean } }> } ? K : never }[FactKey];

/** The attempts the BMC refused: the credentials themselves (PROBE_REFUSED), a failed login in the BMC's own count. */
export function refusedLogins(attempts: ReadonlyArray<{ outcome: { ok: true } | { ok: false; reason: TransportFailureReason; sessionOpened?: boolean } }>): number {
  // A session that opened before a command failed was a login that worked, whatever the reason says.
  return attempts.filter((a) => !a.outcome.ok && a.outcome.sessionOpened !== true && PROBE_REFUSED.has(a.outcome.reason)).length;
}

/** The check, with each finding carrying `bmcFailedLogins` counted from the login attempts of `key`. */
export function countingFailedLogins<K extends AttemptFactKey>(check: Check<K>, key: K): Check<K> {
  return {
    ...check,
    evaluate(facts, context) {
      const attempts = (facts[key] as unknown as { attempts: Parameters<typeof refusedLogins>[0] }).attempts;
      return { ...check.evaluate(facts, context), bmcFailedLogins: refusedLogins(attempts) };
    },
  };
}
