// Loads the fleet, insists the inventory agrees with it, and picks the hosts a command acts on.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { inventoryDisagreements } from '../fleet/inventory-agreement.js';
import { loadFleet } from '../fleet/load-fleet.js';
import type { LabFleet, LabHost } from '../fleet/plan-fleet.js';
import { LabError } from '../lab-error.js';
import type { LabPaths } from '../lab-paths.js';

/** The fleet and the hosts named by `--only` (all of them without it). */
export interface Selection {
  fleet: LabFleet;
  hosts: LabHost[];
}

/** The hosts of `fleet` named in `only`; an unknown name is a LabError. */
export function selectHosts(fleet: LabFleet, only: string[] | undefined): LabHost[] {
  if (!only || only.length === 0) return fleet.hosts;
  const unknown = only.filter((name) => !fleet.hosts.some((h) => h.name === name));
  if (unknown.length > 0) throw new LabError(`--only names hosts that are not in the fleet: ${unknown.join(', ')}`);
  return fleet.hosts.filter((h) => only.includes(h.name));
}

/** Loads and checks everything a command needs before it touches a process. */
export async function loadSelection(paths: LabPaths, only: string[] | undefined): Promise<Selection> {
  const fleet = await loadFleet(paths);
  let inventory: unknown;
  try {
    inventory = parse(await readFile(paths.inventoryFile, 'utf8'));
  } catch (cause) {
    throw new LabError(`cannot read ${paths.inventoryFile}: ${(cause as Error).message}`, undefined, { cause });
  }
  const problems = inventoryDisagreements(fleet, inventory);
  if (problems.length > 0) {
    throw new LabError(`${paths.inventoryFile} does not match ${paths.fleetFile}:\n  ${problems.join('\n  ')}`);
  }
  return { fleet, hosts: selectHosts(fleet, only) };
}
