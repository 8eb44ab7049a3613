// Writes the benchmark's fleet: N clean hosts with N BMCs on the benchmark's own addresses
// (127.12.<rack>.<n> for sshd, 127.13.<rack>.<n> for ipmi_sim), as a lab fleet file, the
// matching inventory and the secrets, all under one directory apart from the test lab.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** Hosts per rack: the address plan has 254 per rack; round numbers read better. */
export const HOSTS_PER_RACK = 200;
/** The initial BMC password every benchmark BMC holds (a lab fixture, not a secret). */
export const BENCH_BMC_PASSWORD = 'Bench-Init-1';
export const BENCH_BMC_USER = 'ADMIN';

/** One generated host, with what the peers need to reach it. */
export interface BenchHost {
  name: string;
  rack: string;
  ssh: string;
  bmc: string;
}

/**
 * The host that holds tens of megabytes of junk in files sshd reads keys from (planted after boot,
 * see junk-host.ts): in a rack of its own, with no BMC, outside the N hosts every other run scans.
 */
export const JUNK_HOST: BenchHost = { name: 'j1-001', rack: 'J1', ssh: '127.12.250.1', bmc: '' };
const JUNK_RACK_NUMBER = 250;

/** The files of a generated fleet. */
export interface BenchFleet {
  dir: string;
  fleetFile: string;
  /** The N clean hosts: what every run but the junk one scans. */
  inventoryFile: string;
  /** The N clean hosts and the junk host (the lab's own inventory.yaml, which must match the fleet). */
  junkInventoryFile: string;
  /** Kilobytes of junk planted in the junk host's key files (set once it is planted). */
  junkKiB: number;
  secretsFile: string;
  /** The lab state directory `lab up --state` uses; keys and known_hosts land there. */
  stateDir: string;
  hosts: BenchHost[];
}

/** The hosts of an N-host benchmark fleet, rack by rack. */
export function benchHosts(count: number): BenchHost[] {
  const hosts: BenchHost[] = [];
  for (let i = 0; i < count; i++) {
    const rackNumber = Math.floor(i / HOSTS_PER_RACK) + 1;
    const n = (i % HOSTS_PER_RACK) + 1;
    hosts.push({
      name: `n${rackNumber}-${String(n).padStart(3, '0')}`,
      rack: `N${rackNumber}`,
      ssh: `127.12.${rackNumber}.${n}`,
      bmc: `127.13.${rackNumber}.${n}`,
    });
  }
  return hosts;
}

/** A ClusterShell node set naming the first `count` hosts (the audit at N/2). */
export function nodeSetOfFirst(hosts: BenchHost[], count: number): string {
  const byRack = new Map<string, number[]>();
  for (const h of hosts.slice(0, count)) {
    const [prefix, n] = h.name.split('-') as [string, string];
    byRack.set(prefix, [...(byRack.get(prefix) ?? []), Number(n)]);
  }
  return [...byRack.entries()]
    .map(([prefix, ns]) => `${prefix}-[${String(Math.min(...ns)).padStart(3, '0')}-${String(Math.max(...ns)).padStart(3, '0')}]`)
    .join(',');
}

/** Writes fleet.yaml, inventory.yaml and secrets.yaml for `count` hosts under `dir`. */
export async function writeBenchFleet(repo: string, dir: string, count: number, concurrency: number): Promise<BenchFleet> {
  await mkdir(dir, { recursive: true });
  const stateDir = join(dir, 'state');
  const hosts = benchHosts(count);
  // The test lab's base, so the cached root filesystem is shared rather than built again.
  const labFleet = parse(await readFile(join(repo, 'fixtures/lab/fleet.yaml'), 'utf8')) as { base: unknown };
  const racks = [...new Set(hosts.map((h) => h.rack))];
  const rackNumber = (rack: string) => Number(rack.slice(1));

  const fleet = {
    version: 1,
    base: labFleet.base,
    scenarios: { clean: { description: 'Only the scanner key in root\'s authorized_keys; the BMC keeps its initial password.' } },
    racks: {
      ...Object.fromEntries(
        racks.map((rack) => [
          rack,
          {
            number: rackNumber(rack),
            hosts: Object.fromEntries(
              hosts.filter((h) => h.rack === rack).map((h) => [h.name, { scenario: 'clean', ssh: { address: h.ssh }, bmc: { address: h.bmc } }]),
            ),
          },
        ]),
      ),
      [JUNK_HOST.rack]: { number: JUNK_RACK_NUMBER, hosts: { [JUNK_HOST.name]: { scenario: 'clean', ssh: { address: JUNK_HOST.ssh } } } },
    },
  };
  const secrets = {
    hosts: Object.fromEntries(
      hosts.map((h) => [h.name, { bmc: { accounts: [{ user: BENCH_BMC_USER, password: BENCH_BMC_PASSWORD, privilege: 'administrator' }] } }]),
    ),
  };
  // The lab's provider policy (backup networks, vendor catalogues), without its systems: those are
  // rack P15's backup, billing and staff servers, which this lab does not boot.
  const labInventory = parse(await readFile(join(repo, 'inventory/lab.yaml'), 'utf8')) as { provider: { systems?: unknown } };
  const { systems: _labSystems, ...provider } = labInventory.provider;
  const inventory = {
    version: 1,
    defaults: {
      ssh: {
        user: 'root',
        port: 22,
        identity: join(stateDir, 'keys/scanner_ed25519'),
        knownHosts: join(stateDir, 'known_hosts'),
        connectTimeout: '20s',
        commandTimeout: '60s',
      },
      // The built-in retry count, as an operator's inventory has it: with none, a BMC that answers a
      // request later than one send's second (ipmi_sim on cores the SSH audit saturates) is `error`.
      bmc: { port: 623, cipherSuite: 3, timeout: '10s', retries: 1 },
      hostTimeout: '120s',
      concurrency: { global: concurrency, perRack: concurrency, bmc: concurrency },
    },
    secrets: { file: join(dir, 'secrets.yaml') },
    provider,
    racks: Object.fromEntries(
      racks.map((rack) => [
        rack,
        { hosts: Object.fromEntries(hosts.filter((h) => h.rack === rack).map((h) => [h.name, { ssh: { address: h.ssh }, bmc: { address: h.bmc } }])) },
      ]),
    ),
  };
  const header = '# Generated by bench/generate-fleet.ts for `npm run bench`; rewritten on every run.\n';
  const fleetFile = join(dir, 'fleet.yaml');
  const inventoryFile = join(dir, 'inventory-clean.yaml');
  const junkInventoryFile = join(dir, 'inventory.yaml');
  const secretsFile = join(dir, 'secrets.yaml');
  const withJunk = { ...inventory, racks: { ...inventory.racks, [JUNK_HOST.rack]: { hosts: { [JUNK_HOST.name]: { ssh: { address: JUNK_HOST.ssh } } } } } };
  await writeFile(fleetFile, header + stringify(fleet));
  await writeFile(inventoryFile, header + stringify(inventory));
  await writeFile(junkInventoryFile, header + stringify(withJunk));
  await writeFile(secretsFile, header + stringify(secrets), { mode: 0o600 });
  return { dir, fleetFile, inventoryFile, junkInventoryFile, junkKiB: 0, secretsFile, stateDir, hosts };
}
