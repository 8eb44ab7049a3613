// Turns the validated fleet file and the secrets into a flat list of hosts to run, checking the address plan.
import { createHash } from 'node:crypto';
import type { AccountSpec, FleetFile, LabSecretsFile, SpecialFileSpec } from './fleet-schema.js';
import { redfishSimConfig, type RedfishSimConfig } from '../redfish/sim-config.js';

/** A local account with every default filled in. */
export interface LabAccount {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** A BMC user slot with the password ipmi_sim will hold. */
export interface LabBmcUser {
  id: number;
  name: string;
  privilege: 'user' | 'operator' | 'admin';
  password: string;
  /** True when the password is the initial one from the secrets file. */
  initial: boolean;
}

/**
 * A copy of a rented host that a provider backup server holds: the tool, the host and what of it the
 * build needs. `password` is the name of the repository password under `systems.<server>` in the
 * secrets file, never the password (a plan is hashed into pid records).
 */
export interface LabBackupCopy {
  tool: 'bacula' | 'restic' | 'borg' | 'rsnapshot';
  host: string;
  address: string;
  scenario: string;
  password?: string;
}

/** One lab host: everything `up` needs to start its container and its BMC. */
export interface LabHost {
  name: string;
  rack: string;
  rackNumber: number;
  scenario: string;
  /** Set on a provider system: the inventory lists it under provider.systems with this role, not in a rack. */
  role?: string;
  /** Copies of rented hosts this provider system holds (made once and cached). */
  backups: LabBackupCopy[];
  /** Commands run inside the container before sshd (daemons of the scenario). */
  services: string[];
  /** `scannerKey`: whether the scanner's public key goes into the login user's authorized_keys. */
  ssh: { address: string; port: number; user: string; scannerKey: boolean };
  accounts: LabAccount[];
  packages: string[];
  /** Files made in the upper layer at start that the scenario tree cannot hold (FIFOs, odd names, sparse files). */
  specialFiles: SpecialFileSpec[];
  bmc?: { address: string; port: number; simulated: boolean; anonymous: boolean; guid: string; users: LabBmcUser[] };
  /** A Redfish BMC simulator (fixtures/redfish-sim) on 127.<redfish>.<rack>.<n>:443. */
  redfish?: { address: string; port: number; config: RedfishSimConfig };
}

/** The whole lab: the base root filesystem and its hosts in fleet-file order. */
export interface LabFleet {
  base: { suite: string; packages: string[] };
  hosts: LabHost[];
}

/** A plan or the list of problems that prevent one. */
export type PlanResult = { fleet: LabFleet } | { errors: string[] };

/**
 * The BMC's GUID as RFC 4122 hex: derived from the host name so it is unique per BMC and stable across
 * runs, with the version-4 and variant bits set so `ipmitool mc guid` decodes it instead of dumping hex.
 */
export function bmcGuid(hostName: string): string {
  const hex = createHash('sha256').update(`fleetcheck-lab-bmc:${hostName}`).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[Number.parseInt(hex[16] ?? '0', 16) % 4] ?? '8';
  return hex.join('');
}

function account(spec: AccountSpec): LabAccount {
  return { name: spec.name, uid: spec.uid, gid: spec.uid, home: spec.home ?? `/home/${spec.name}`, shell: spec.shell };
}

function octets(address: string): number[] {
  return address.split('.').map(Number);
}

/** The second octet of SSH and BMC addresses: 127.<ssh>.<rack>.<n> and 127.<bmc>.<rack>.<n>. */
export interface AddressPlan {
  ssh: number;
  bmc: number;
  /** Second octet of Redfish BMC simulators; 14 when unset (127.14.0.0/24 stays the tests'). */
  redfish?: number;
}

/** The shared test lab's plan; a generated fleet (the benchmark's) uses its own so the two never meet. */
export const LAB_ADDRESS_PLAN: AddressPlan = { ssh: 10, bmc: 11 };

/** Resolves scenarios and initial passwords and enforces the address plan 127.10.<rack>.<n> / 127.11.<rack>.<n>. */
export function planFleet(file: FleetFile, secrets: LabSecretsFile, plan: AddressPlan = LAB_ADDRESS_PLAN): PlanResult {
  const errors: string[] = [];
  const hosts: LabHost[] = [];
  const seenAddress = new Map<string, string>();
  const seenRackNumber = new Map<number, string>();
  const seenHost = new Set<string>();
  const claim = (address: string, owner: string): void => {
    const other = seenAddress.get(address);
    if (other) errors.push(`${owner}: address ${address} is already used by ${other}`);
    else seenAddress.set(address, owner);
  };

  for (const [rack, rackSpec] of Object.entries(file.racks)) {
    const otherRack = seenRackNumber.get(rackSpec.number);
    if (otherRack) errors.push(`rack ${rack}: number ${rackSpec.number} is already used by rack ${otherRack}`);
    seenRackNumber.set(rackSpec.number, rack);

    for (const [name, spec] of Object.entries(rackSpec.hosts)) {
      if (seenHost.has(name)) errors.push(`${name}: host name appears in more than one rack`);
      seenHost.add(name);
      const scenario = file.scenarios[spec.scenario];
      if (!scenario) {
        errors.push(`${name}: unknown scenario "${spec.scenario}"`);
        continue;
      }
      const accounts = scenario.users.map(account);

      const [s0, s1, s2, s3] = octets(spec.ssh.address);
      if (s0 !== 127 || s1 !== plan.ssh || s2 !== rackSpec.number || s3 === undefined || s3 < 1 || s3 > 254) {
        errors.push(`${name}: ssh address ${spec.ssh.address} is outside the plan 127.${plan.ssh}.${rackSpec.number}.<1-254>`);
      }
      claim(spec.ssh.address, `${name} ssh`);
      if (spec.ssh.user !== 'root' && !accounts.some((a) => a.name === spec.ssh.user)) {
        errors.push(`${name}: ssh user "${spec.ssh.user}" is neither root nor an account of scenario ${spec.scenario}`);
      }

      const host: LabHost = {
        name,
        rack,
        rackNumber: rackSpec.number,
        scenario: spec.scenario,
        ssh: { address: spec.ssh.address, port: 22, user: spec.ssh.user, scannerKey: spec.ssh.scannerKey },
        accounts,
        packages: [...scenario.packages].sort(),
        specialFiles: scenario.specialFiles,
        backups: [],
        services: scenario.services,
        ...(spec.role ? { role: spec.role } : {}),
      };
      if (scenario.backups.length > 0 && !spec.role) errors.push(`${name}: scenario ${spec.scenario} holds backups, so the host must have a provider role`);

      if (spec.bmc) {
        const expected = `127.${plan.bmc}.${rackSpec.number}.${s3}`;
        if (spec.bmc.address !== expected) {
          errors.push(`${name}: bmc address ${spec.bmc.address} should be ${expected} (same <n> as its ssh address)`);
        }
        claim(spec.bmc.address, `${name} bmc`);
        const stored = secrets.hosts[name]?.bmc?.accounts ?? [];
        const users: LabBmcUser[] = [];
        for (const user of spec.bmc.users) {
          const initial = stored.find((a) => a.user === user.name)?.password;
          if (user.password === undefined && initial === undefined) {
            errors.push(`${name}: BMC user ${user.name} has no password here and none in the secrets file`);
            continue;
          }
          if (user.password !== undefined && user.password === initial) {
            errors.push(`${name}: BMC user ${user.name}'s changed password equals the stored one; omit it`);
          }
          users.push({
            id: user.id,
            name: user.name,
            privilege: user.privilege,
            password: user.password ?? initial ?? '',
            initial: user.password === undefined,
          });
        }
        if (new Set(users.map((u) => u.id)).size !== users.length) errors.push(`${name}: BMC user ids repeat`);
        host.bmc = { address: spec.bmc.address, port: 623, simulated: spec.bmc.simulated, anonymous: spec.bmc.anonymous, guid: bmcGuid(name), users };
      }
      if (spec.redfish) {
        const expected = `127.${plan.redfish ?? 14}.${rackSpec.number}.${s3}`;
        if (rackSpec.number === 0) errors.push(`${name}: Redfish BMCs cannot live in rack number 0 (127.14.0.0/24 is the tests')`);
        if (spec.redfish.address !== expected) errors.push(`${name}: redfish address ${spec.redfish.address} should be ${expected} (same <n> as its ssh address)`);
        claim(spec.redfish.address, `${name} redfish`);
        const planned = redfishSimConfig(name, spec.redfish, secrets.hosts[name], bmcGuid(`redfish:${name}`).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'));
        if ('errors' in planned) errors.push(...planned.errors);
        else host.redfish = { address: spec.redfish.address, port: 443, config: planned.config };
      }
      hosts.push(host);
    }
  }
  for (const name of Object.keys(secrets.hosts)) {
    if (!seenHost.has(name)) errors.push(`secrets file: host ${name} is not in the fleet`);
  }
  for (const host of hosts) errors.push(...resolveBackups(host, file, secrets, hosts));
  if (errors.length > 0) return { errors };
  return { fleet: { base: { suite: file.base.suite, packages: [...file.base.packages].sort() }, hosts } };
}

/** Fills `server.backups` from its scenario; every problem names the server and the copy. */
function resolveBackups(server: LabHost, file: FleetFile, secrets: LabSecretsFile, hosts: LabHost[]): string[] {
  const errors: string[] = [];
  for (const copy of file.scenarios[server.scenario]?.backups ?? []) {
    const what = `${server.name}: ${copy.tool} copy of ${copy.host}`;
    const client = hosts.find((h) => h.name === copy.host);
    if (!client) {
      errors.push(`${what}: no such host in the fleet`);
      continue;
    }
    if (client.role) errors.push(`${what}: ${copy.host} is a provider system, not a rented host`);
    if (server.backups.some((b) => b.tool === copy.tool)) errors.push(`${what}: only one ${copy.tool} copy per server`);
    const resolved: LabBackupCopy = { tool: copy.tool, host: copy.host, address: client.ssh.address, scenario: client.scenario };
    if ('password' in copy) {
      if (secrets.systems?.[server.name]?.[copy.password] === undefined) {
        errors.push(`${what}: the secrets file has no systems.${server.name}.${copy.password}`);
      }
      resolved.password = copy.password;
    }
    server.backups.push(resolved);
  }
  return errors;
}
