// The lab layout for a fleet other than the test lab's (the benchmark's generated one): its own
// fleet, inventory and secrets files, its own state directory and its own address plan, so booting
// or ending it never touches the shared test lab in .lab/.
import { dirname, join, resolve } from 'node:path';
import { labPaths, type LabPaths } from '../lab-paths.js';

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
  const base = labPaths(repo);
  const fleetFile = resolve(where.fleet);
  const stateDir = resolve(where.state);
  const keysDir = join(stateDir, 'keys');
  return {
    ...base,
    fleetFile,
    inventoryFile: resolve(where.inventory ?? join(dirname(fleetFile), 'inventory.yaml')),
    secretsFile: resolve(where.secrets ?? join(dirname(fleetFile), 'secrets.yaml')),
    stateDir,
    lockFile: join(stateDir, 'lock'),
    keysDir,
    scannerKey: join(keysDir, 'scanner_ed25519'),
    knownHosts: join(stateDir, 'known_hosts'),
    hostsDir: join(stateDir, 'hosts'),
    bmcsDir: join(stateDir, 'bmcs'),
    rootfsLog: join(stateDir, 'rootfs-build.log'),
    addressPlan: where.addressPlan,
  };
}
