// The shape of a check: a pure function from collected facts to one finding.
import type { FactKey, FactTypes } from '../facts/facts.js';
import type { Host, ProviderPolicy } from '../inventory/types.js';
import type { Finding } from '../model/finding.js';
import type { JudgingMode } from '../contract/judging-mode.js';

/** The promise a check helps prove; check ids start with it. */
export type PolicyPromise = 'backup' | 'bmc' | 'bios' | 'residue';

/** What a check may look at besides facts: the host's inventory entry, the provider policy, the clock. */
export interface CheckContext {
  host: Host;
  provider: ProviderPolicy;
  now: Date;
  /** Contract rules (the customer may change BMC credentials) or contract-end rules (all back as handed over). */
  mode: JudgingMode;
  /** Why this mode applies, for messages: "contract C-1 ended 2026-06-30", "contract-end rules were asked for". */
  modeReason: string;
}

/** The facts a check asked for, all successfully collected (the runner reports failures itself). */
export type NeededFacts<K extends FactKey> = { [P in K]: FactTypes[P] };

/** A check's conclusion; the runner adds the id. */
export type CheckOutcome = Omit<Finding, 'id' | 'waiver'>;

/** One compliance check. Pure: all I/O happened in the collectors named by `needs`. */
export interface Check<K extends FactKey = FactKey> {
  id: string;
  promise: PolicyPromise;
  /** One line for `fleetcheck checks`. */
  title: string;
  needs: readonly K[];
  /** Why the check does not apply to this host (it has no BMC, say), or undefined when it does. */
  notApplicable?(host: Host): string | undefined;
  evaluate(facts: NeededFacts<K>, context: CheckContext): CheckOutcome;
}
