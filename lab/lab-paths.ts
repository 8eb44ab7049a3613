// Where the lab keeps fixtures, state and caches: one place so every command agrees.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/package-root.js';

/** The machine-wide cache of root filesystems, shared by every checkout on the machine. */
export const ROOTFS_CACHE_DIR = '/var/cache/fleetcheck/rootfs';

/** Every path the lab commands read or write, derived from the repository root. */
export interface LabPaths {
  repo: string;
  fleetFile: string;
  secretsFile: string;
  inventoryFile: string;
  scenariosDir: string;
  /** <repo>/.lab: lab state, gitignored. */
  stateDir: string;
  lockFile: string;
  keysDir: string;
  scannerKey: string;
  knownHosts: string;
  hostsDir: string;
  bmcsDir: string;
  rootfsLog: string;
  cacheDir: string;
  /** The address plan fleet addresses must follow; the test lab's (127.10/127.11) when unset. */
  addressPlan?: { ssh: number; bmc: number };
}

/** The files of one container host under .lab/hosts/<name>/. */
export interface HostPaths {
  dir: string;
  upper: string;
  work: string;
  merged: string;
  hostKey: string;
  pidFile: string;
  log: string;
}

/** The files of one simulated BMC under .lab/bmcs/<name>/. */
export interface BmcPaths {
  dir: string;
  lanConf: string;
  simEmu: string;
  stateDir: string;
  pidFile: string;
  log: string;
}

/** The fleetcheck checkout the lab code runs from (lab/ sources or dist/lab/), as a path. */
export function findRepoRoot(): string {
  return fileURLToPath(packageRoot());
}

/** What a lab keeps in its state directory, wherever that is. */
export function stateLayout(stateDir: string): Pick<LabPaths, 'stateDir' | 'lockFile' | 'keysDir' | 'scannerKey' | 'knownHosts' | 'hostsDir' | 'bmcsDir' | 'rootfsLog'> {
  const keysDir = join(stateDir, 'keys');
  return {
    stateDir,
    lockFile: join(stateDir, 'lock'),
    keysDir,
    scannerKey: join(keysDir, 'scanner_ed25519'),
    knownHosts: join(stateDir, 'known_hosts'),
    hostsDir: join(stateDir, 'hosts'),
    bmcsDir: join(stateDir, 'bmcs'),
    rootfsLog: join(stateDir, 'rootfs-build.log'),
  };
}

/** The lab layout of the checkout at `repo`. */
export function labPaths(repo: string): LabPaths {
  return {
    repo,
    fleetFile: join(repo, 'fixtures/lab/fleet.yaml'),
    secretsFile: join(repo, 'fixtures/lab/secrets.yaml'),
    inventoryFile: join(repo, 'inventory/lab.yaml'),
    scenariosDir: join(repo, 'fixtures/lab/scenarios'),
    ...stateLayout(join(repo, '.lab')),
    cacheDir: ROOTFS_CACHE_DIR,
  };
}

/** Paths of host `name`'s container. */
export function hostPaths(paths: LabPaths, name: string): HostPaths {
  const dir = join(paths.hostsDir, name);
  return {
    dir,
    upper: join(dir, 'upper'),
    work: join(dir, 'work'),
    merged: join(dir, 'merged'),
    hostKey: join(dir, 'ssh_host_ed25519_key'),
    pidFile: join(dir, 'pid'),
    log: join(dir, 'log'),
  };
}

/** Paths of host `name`'s simulated BMC. */
export function bmcPaths(paths: LabPaths, name: string): BmcPaths {
  const dir = join(paths.bmcsDir, name);
  return {
    dir,
    lanConf: join(dir, 'lan.conf'),
    simEmu: join(dir, 'sim.emu'),
    stateDir: join(dir, 'state'),
    pidFile: join(dir, 'pid'),
    log: join(dir, 'log'),
  };
}
