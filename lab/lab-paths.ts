// Where the lab keeps fixtures, state and caches: one place so every command agrees.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/** Finds the fleetcheck checkout that holds `start` (works from lab/ sources and from dist/lab/). */
export function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
      if (name === 'fleetcheck') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no fleetcheck package.json above ${start}`);
    dir = parent;
  }
}

/** The lab layout of the checkout at `repo`. */
export function labPaths(repo: string): LabPaths {
  const stateDir = join(repo, '.lab');
  const keysDir = join(stateDir, 'keys');
  return {
    repo,
    fleetFile: join(repo, 'fixtures/lab/fleet.yaml'),
    secretsFile: join(repo, 'fixtures/lab/secrets.yaml'),
    inventoryFile: join(repo, 'inventory/lab.yaml'),
    scenariosDir: join(repo, 'fixtures/lab/scenarios'),
    stateDir,
    lockFile: join(stateDir, 'lock'),
    keysDir,
    scannerKey: join(keysDir, 'scanner_ed25519'),
    knownHosts: join(stateDir, 'known_hosts'),
    hostsDir: join(stateDir, 'hosts'),
    bmcsDir: join(stateDir, 'bmcs'),
    rootfsLog: join(stateDir, 'rootfs-build.log'),
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
