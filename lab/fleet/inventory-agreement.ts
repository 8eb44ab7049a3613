// Compares the lab fleet with inventory/lab.yaml so the scanner is pointed at exactly the hosts the lab runs:
// rented hosts in racks, the provider's own systems under provider.systems.
import type { LabFleet } from './plan-fleet.js';

interface InventoryView {
  /** The rack, or undefined for a provider system. */
  rack: string | undefined;
  /** A provider system's role, or undefined for a rented host. */
  role: unknown;
  sshAddress: unknown;
  sshPort: unknown;
  sshUser: unknown;
  sshAccess: unknown;
  bmcAddress: unknown;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function inventoryHosts(inventory: unknown): Map<string, InventoryView> {
  const doc = record(inventory);
  const defaultSsh = record(record(doc.defaults).ssh);
  const hosts = new Map<string, InventoryView>();
  for (const [rack, rackSpec] of Object.entries(record(doc.racks))) {
    for (const [name, hostSpec] of Object.entries(record(record(rackSpec).hosts))) {
      const ssh = record(record(hostSpec).ssh);
      const bmc = record(hostSpec).bmc;
      hosts.set(name, {
        rack,
        role: undefined,
        sshAddress: ssh.address,
        sshPort: ssh.port ?? defaultSsh.port ?? 22,
        sshUser: ssh.user ?? defaultSsh.user,
        sshAccess: ssh.access ?? defaultSsh.access ?? 'login',
        bmcAddress: bmc === undefined ? undefined : record(bmc).address,
      });
    }
  }
  // Provider systems are lab hosts too; they are logged in to always, so there is no ssh.access.
  for (const [name, systemSpec] of Object.entries(record(record(doc.provider).systems))) {
    const ssh = record(record(systemSpec).ssh);
    hosts.set(name, {
      rack: undefined,
      role: record(systemSpec).role,
      sshAddress: ssh.address,
      sshPort: ssh.port ?? defaultSsh.port ?? 22,
      sshUser: ssh.user ?? defaultSsh.user,
      sshAccess: 'login',
      bmcAddress: undefined,
    });
  }
  return hosts;
}

/** Every disagreement between the fleet and a parsed inventory document; empty when they match. */
export function inventoryDisagreements(fleet: LabFleet, inventory: unknown): string[] {
  const problems: string[] = [];
  const listed = inventoryHosts(inventory);
  for (const host of fleet.hosts) {
    const inv = listed.get(host.name);
    if (!inv) {
      problems.push(`${host.name}: in the fleet but not in the inventory`);
      continue;
    }
    const expect = (what: string, actual: unknown, wanted: unknown): void => {
      if (actual !== wanted) problems.push(`${host.name}: inventory ${what} is ${String(actual)}, fleet has ${String(wanted)}`);
    };
    if (host.role) {
      if (inv.rack !== undefined) problems.push(`${host.name}: a provider system (role ${host.role}) belongs under provider.systems, not in rack ${inv.rack}`);
      else expect('role', inv.role, host.role);
    } else if (inv.rack === undefined) {
      problems.push(`${host.name}: a rented host belongs in rack ${host.rack}, not under provider.systems`);
    } else {
      expect('rack', inv.rack, host.rack);
    }
    expect('ssh address', inv.sshAddress, host.ssh.address);
    expect('ssh port', inv.sshPort, host.ssh.port);
    expect('ssh user', inv.sshUser, host.ssh.user);
    // Without the scanner's key a login cannot work: such a host must be one fleetcheck does not log in to.
    if (!host.ssh.scannerKey && inv.sshAccess !== 'none') {
      problems.push(`${host.name}: the fleet installs no scanner key, so the inventory must say ssh.access: none (it says ${String(inv.sshAccess)})`);
    }
    // A Redfish-only BMC (IPMI over LAN off) is reached at its simulator's address.
    expect('bmc address', inv.bmcAddress, host.bmc?.address ?? host.redfish?.address);
  }
  for (const name of listed.keys()) {
    if (!fleet.hosts.some((h) => h.name === name)) problems.push(`${name}: in the inventory but not in the fleet`);
  }
  return problems;
}
