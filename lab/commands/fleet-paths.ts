// The lab layout for a fleet other than the test lab's (the benchmark's generated one): its own
// fleet, inventory and secrets files, its own state directory and its own address plan, so booting
// or ending it never touches the shared test lab in .lab/.
import { dirname, join, resolve } from 'node:path';
import { labPaths, stateLayout, type LabPaths } from '../lab-paths.js';

/** Where `lab --fleet FILE --state DIR` reads and writes; inventory and secrets default to FILE's directory. */
export interface FleetLocation {
  fleet: string;
  state: string;
  inventory?: string;
  secrets?: string;
  /** Second octets of SSH and BMC addresses; the benchmark uses 12 and 13. */
  addressPlan: { ssh: number; bmc: number };
}

/** The paths of a separately located fleet; scenarios and the rootfs cache are the checkout's. */
export function fleetPaths(repo: string, where: FleetLocation): LabPaths {
  const fleetFile = resolve(where.fleet);
  return {
    ...labPaths(repo),
    fleetFile,
    inventoryFile: resolve(where.inventory ?? join(dirname(fleetFile), 'inventory.yaml')),
    secretsFile: resolve(where.secrets ?? join(dirname(fleetFile), 'secrets.yaml')),
    ...stateLayout(resolve(where.state)),
    addressPlan: where.addressPlan,
  };
}
