// The one place concurrency lives: hosts under a global and a per-rack limit, BMC work under the
// run-wide BMC limit, stoppable between hosts.
import pLimit, { type LimitFunction } from 'p-limit';
import type { Host } from '../inventory/types.js';
import type { HostResult } from '../model/host-result.js';
import { printableLine } from '../text/sanitize.js';
import { plannedAccess } from './planned-access.js';

/** How many hosts run at once, overall and per rack, and how many hosts talk to their BMC at once. */
export interface FleetLimits {
  global: number;
  perRack: (rack: string) => number;
  /** BMCs take few sessions and ipmitool is costly: a host waits for a BMC slot only for its BMC work. */
  bmc: number;
}

/** The run-wide slots a host's scan may wait for besides its own. */
export interface HostSlots {
  /** Runs BMC work under the run-wide BMC limit. */
  bmc: <T>(work: () => Promise<T>) => Promise<T>;
}

/** What a fleet run produced: results in selection order, and the hosts a stop kept from starting. */
export interface FleetOutcome {
  results: HostResult[];
  notStarted: Host[];
}

/** A host whose scan threw (a bug): it still gets a result, and the others keep theirs. */
function internalFailure(host: Host, err: unknown): HostResult {
  const message = printableLine(`internal error while scanning: ${String(err)}`);
  return { host: host.name, rack: host.rack, verdict: 'error', findings: [{ id: 'fleetcheck.internal', status: 'error', message, evidence: [] }], durationMs: 0, access: plannedAccess(host) };
}

/**
 * Scans hosts concurrently. When `stop` fires, no new host starts; hosts already running finish
 * or reach their own deadline, so the report of what completed is still whole.
 */
export async function runFleet(
  hosts: readonly Host[],
  limits: FleetLimits,
  scan: (host: Host, slots: HostSlots) => Promise<HostResult>,
  options: { stop?: AbortSignal; onResult?: (result: HostResult) => void } = {},
): Promise<FleetOutcome> {
  const global = pLimit(Math.max(1, limits.global));
  const bmc = pLimit(Math.max(1, limits.bmc));
  const slots: HostSlots = { bmc: (work) => bmc(work) };
  const racks = new Map<string, LimitFunction>();
  const rackLimit = (rack: string): LimitFunction => {
    let limit = racks.get(rack);
    if (!limit) racks.set(rack, (limit = pLimit(Math.max(1, limits.perRack(rack)))));
    return limit;
  };
  const settled = await Promise.all(
    hosts.map((host) =>
      rackLimit(host.rack)(() =>
        global(async (): Promise<HostResult | undefined> => {
          if (options.stop?.aborted) return undefined;
          const result = await scan(host, slots).catch((err: unknown) => internalFailure(host, err));
          options.onResult?.(result);
          return result;
        }),
      ),
    ),
  );
  const results: HostResult[] = [];
  const notStarted: Host[] = [];
  settled.forEach((r, i) => (r ? results.push(r) : notStarted.push(hosts[i]!)));
  return { results, notStarted };
}
