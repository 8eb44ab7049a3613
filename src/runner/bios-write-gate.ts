// The gate in front of the one write a scan can make to a BMC (the BIOS password probe).
import type { BiosWrite } from '../collect/bmc/redfish-collect.js';
import { judgingModeFor } from '../contract/judging-mode.js';
import type { Host } from '../inventory/types.js';

/** What the gate looks at: the run's rules and flags, and the clock that says whether the contract has ended. */
export interface BiosWriteRules {
  now: () => Date;
  /** Contract-end rules for every host (`fleetcheck offboard`, `--contract-end`). */
  contractEnd?: boolean;
  /** `--bios-password-check`: the write during the contract too. */
  biosPasswordCheck?: boolean;
}

/** The BIOS password probe writes, so it runs only under contract-end rules or when asked for. */
export function biosWriteFor(host: Host, rules: BiosWriteRules): BiosWrite {
  const judging = judgingModeFor(host, rules.now(), rules.contractEnd ?? false);
  if (judging.mode === 'contract-end') return { allowed: true };
  if (rules.biosPasswordCheck) return { allowed: true };
  return { allowed: false, why: `the check writes to the BMC (Bios.ChangePassword), so it runs only under contract-end rules or with --bios-password-check (${judging.why})` };
}
