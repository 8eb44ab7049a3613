// The validated inventory: the only shape of fleet data the rest of fleetcheck consumes.

/** How to reach and log in to one host over SSH, after defaults are applied. */
export interface SshSettings {
  address: string;
  port: number;
  user: string;
  /** Absolute path of the private key; absent means the ssh-agent is used. */
  identity?: string;
  /** Use the ssh-agent ($SSH_AUTH_SOCK), even when an identity is set. */
  agent: boolean;
  /** Absolute path of the known_hosts file the host key is checked against. */
  knownHosts: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** `login`: fleetcheck logs in as `user`; `none`: it never logs in, only asks sshd about keys from outside. */
  access: SshAccess;
  /** Extra account names the key acceptance probe asks about (root, provider.accounts and `user` always are). */
  probeAccounts: string[];
}

/** Whether fleetcheck logs in to a host at all. */
export type SshAccess = 'login' | 'none';

/** How to reach one host's BMC over IPMI, after defaults are applied. */
export interface BmcSettings {
  address: string;
  port: number;
  /** IPMI cipher suite, 0..17; the native prober speaks 3 and 17 and never falls back to another. */
  cipherSuite: number;
  /** The BMC's LAN channel (1 on most, 2 on HPE iLO and Fujitsu iRMC, 3 on Intel): every probe and ipmitool command uses it. */
  channel: number;
  timeoutMs: number;
  retries: number;
  /** False when the BMC's IPMI over LAN is off: IPMI-only checks do not apply, account checks go over Redfish. */
  ipmi: boolean;
  /** Set when the BMC speaks Redfish; the account checks (and bios.*) then go over it. */
  redfish?: RedfishSettings;
}

/**
 * How a Redfish BMC's certificate is trusted: a pinned SHA-256 fingerprint (written in the
 * inventory or read from a file, absolute path, when the host is scanned), a CA file, or nothing
 * at all (`insecure: true`, flagged by `bmc.redfish-tls`).
 */
export type RedfishTrustSetting =
  | { kind: 'pinned'; sha256: string }
  | { kind: 'pinned-file'; file: string }
  | { kind: 'ca'; caFile: string }
  | { kind: 'insecure' };

/** How to reach one BMC's Redfish service, after defaults are applied. */
export interface RedfishSettings {
  /** The BMC's address unless the inventory gives Redfish its own. */
  address: string;
  port: number;
  trust: RedfishTrustSetting;
  timeoutMs: number;
}

/** The rental contract a host belongs to; dates are ISO YYYY-MM-DD. */
export interface Contract {
  id: string;
  customer: string;
  start?: string;
  end: string;
  handover?: string;
}

/** One server to scan, with every inherited setting resolved. */
export interface Host {
  name: string;
  rack: string;
  ssh: SshSettings;
  bmc?: BmcSettings;
  contract?: Contract;
  /** The host's key in the secret store (the host name unless set). */
  secretsKey: string;
  hostTimeoutMs: number;
  /** Other names and addresses the host is known by (`aliases:`), so a copy on a provider system filed under one is still found. */
  aliases: string[];
}

/** A group of hosts that share defaults and a concurrency limit. */
export interface Rack {
  name: string;
  hosts: Host[];
  /** How many of this rack's hosts may be scanned at once (perRack after inheritance). */
  concurrency: number;
}

/** A provider SSH key that must not remain on a handed-over host. */
export interface ProviderKey {
  fingerprint: string;
  /** `<type> <base64>` when the inventory gave the full key line: only then can sshd be asked about it. */
  publicKey?: string;
  /** The comment of the key line, or the fingerprint when none was given. */
  label: string;
}

/** What counts as provider residue: keys, accounts and backup endpoints. */
export interface ProviderPolicy {
  sshKeys: ProviderKey[];
  accounts: string[];
  backup: { hosts: string[]; cidrs: string[]; domains: string[]; agents: string[] };
  /** How long anything about a host may be kept after its contract ends; unset means the default of 3 months. */
  retention?: Retention;
  /** The provider's own systems (`provider.systems`), read once per run; empty when the inventory names none. */
  systems: ProviderSystem[];
}

/** A store reference `SYSTEM/NAME`: the `systems.SYSTEM.NAME` entry of the secret store (a repository password). */
export interface SystemSecretRef {
  system: string;
  name: string;
}

/** A restic or borg repository on a provider system, and the store entry of its password (borg: absent for an unencrypted one). */
export interface ProviderRepository {
  repository: string;
  password?: SystemSecretRef;
}

/**
 * One of the provider's own systems (`provider.systems`): reached over SSH like a host (the same
 * settings, inheriting `defaults.ssh`), with a role and where to look when that cannot be found alone.
 */
export interface ProviderSystem {
  name: string;
  /** `backup`, `storage`, `billing`, `staff` or any other name; `billing` and `staff` systems are searched for stored secrets. */
  role: string;
  ssh: SshSettings;
  hostTimeoutMs: number;
  /** Bacula or Bareos director configuration, sqlite catalog and bconsole configuration (for other catalogs); the Debian paths are looked at when absent. */
  bacula?: { config?: string; catalog?: string; bconsole?: string };
  restic: ProviderRepository[];
  borg: ProviderRepository[];
  /** rsnapshot.conf; /etc/rsnapshot.conf is looked at when absent. */
  rsnapshot?: { config: string };
  /** Directories whose entries are plain rsync trees named after hosts. */
  trees: string[];
  /** ZFS datasets, btrfs or plain directories whose snapshots and entries are named after hosts. */
  snapshotRoots: string[];
  /** Extra files or directories searched for stored secrets on billing and staff systems. */
  files: string[];
}

/** A retention window after a contract's end, in calendar days or months (`90d`, `3mo`). */
export interface Retention {
  amount: number;
  unit: 'days' | 'months';
}

/** Where the age identity is read from (a file or an environment variable), never the identity itself. */
export type AgeIdentitySource = { kind: 'file'; path: string /* absolute */ } | { kind: 'env'; name: string };

/** Where host secrets (BMC credentials, BIOS password, …) are read from; paths are absolute. */
export type SecretsSource =
  | { kind: 'file'; path: string }
  | { kind: 'age'; path: string; identity: AgeIdentitySource; /** age1… keys `fleetcheck secrets` encrypts to, besides the identity's own. */ recipients: string[] }
  | { kind: 'pass'; prefix: string; dir?: string; timeoutMs: number }
  | { kind: 'command'; run: string[]; timeoutMs: number };

/** fleetcheck's own saved reports: one JSON report per `scan --save`, named by its UTC start time. */
export interface SavedReportsSettings {
  /** Absolute path of the directory. */
  dir: string;
}

/** An accepted exception: failures of matching checks on matching hosts are reported but not counted, until `expires`. */
export interface Waiver {
  /** A check id or a glob over ids (`*` matches any run of characters). */
  check: string;
  /** Host name globs; empty means the waiver is scoped by racks only. */
  hosts: string[];
  /** Rack name globs; empty means the waiver is scoped by hosts only. */
  racks: string[];
  reason: string;
  /** ISO date; the waiver applies through this day and is reported as expired after it. */
  expires: string;
  /** Dotted inventory path (e.g. "waivers.0"), for messages. */
  path: string;
}

/** Fleet-wide concurrency limits. */
export interface Concurrency {
  global: number;
  bmc: number;
}

/** A place in the inventory file, for messages that point the operator at a line. */
export interface SourceRef {
  /** As given by the user, e.g. inventory/fleet.yaml. */
  file: string;
  line: number;
}

/** A loaded, validated inventory. */
export interface Inventory {
  /** Path as given. */
  file: string;
  provider: ProviderPolicy;
  secrets: SecretsSource;
  /** Where `scan --save` writes reports (absolute path); absent when the inventory keeps none. */
  reports?: SavedReportsSettings;
  /** Accepted exceptions, in file order; the first that matches a finding applies. */
  waivers: Waiver[];
  racks: Rack[];
  /** All hosts, in file order. */
  hosts: Host[];
  concurrency: Concurrency;
  /** How the top-level defaults say fleetcheck gets in; reports point out hosts examined otherwise. */
  defaultAccess: { access: SshAccess; user: string };
  /**
   * Where a dotted path (e.g. "racks.A3.hosts.a3-02.ssh.identity") was written, or where it was
   * inherited from, for later error messages (e.g. a missing identity file).
   */
  locate(path: string): SourceRef | undefined;
}

/** One problem found in an inventory, pointing at its place in the file. */
export interface InventoryIssue {
  file: string;
  line?: number;
  column?: number;
  /** Dotted, '' for the root. */
  path: string;
  message: string;
}
