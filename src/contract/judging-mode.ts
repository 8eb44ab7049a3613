// Which rules a host is judged by: during its contract the customer owns the BMC credentials;
// at contract end they must be back to the initial ones and nobody else may get in.
import type { Host } from '../inventory/types.js';
import { isoDay } from './policy-dates.js';

/** `contract`: the customer may change credentials; `contract-end`: everything must be as handed over. */
export type JudgingMode = 'contract' | 'contract-end';

/** The mode and why, for messages. */
export interface HostJudging {
  mode: JudgingMode;
  /** e.g. "--contract-end was given" or "contract C-2025-0107 ended 2026-06-30". */
  why: string;
}

/**
 * Contract-end rules apply when asked for (`fleetcheck offboard`, `--contract-end`) or when the
 * host's contract end date has passed (the end date itself still belongs to the contract).
 */
export function judgingModeFor(host: Host, now: Date, forceContractEnd: boolean): HostJudging {
  if (forceContractEnd) return { mode: 'contract-end', why: 'contract-end rules were asked for' };
  const end = host.contract?.end;
  if (end !== undefined && end < isoDay(now)) return { mode: 'contract-end', why: `contract ${host.contract!.id} ended ${end}` };
  return { mode: 'contract', why: host.contract ? `contract ${host.contract.id} runs until ${host.contract.end}` : 'no contract end date is known' };
}
