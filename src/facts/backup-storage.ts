// The ssh.backup-storage fact: snapshots, DRBD resources and md arrays with network members.

/** A snapshot or copy of a volume kept on the host. */
export interface VolumeSnapshot {
  /** `lvs`, `zfs list`, `btrfs subvolume list <mount>`. */
  tool: string;
  name: string;
  /** What it is a snapshot of, when the tool says. */
  origin?: string;
  created?: string;
}

/** An md array and the members that live on another machine (nbd, iSCSI). */
export interface MdArray {
  name: string;
  level: string;
  members: string[];
  networkMembers: string[];
}

/** A DRBD resource and the addresses of its peers, from drbd.conf / *.res text. */
export interface DrbdResource {
  name: string;
  origin: string;
  /** `address` lines as written (`10.250.1.5:7789`, `ipv6 [fd00::1]:7789`). */
  addresses: string[];
}

/** Storage-level copies found on the host. */
export interface BackupStorageFact {
  snapshots: VolumeSnapshot[];
  drbd: DrbdResource[];
  /** True when the DRBD kernel module is loaded (/proc/drbd exists). */
  drbdLoaded: boolean;
  mdArrays: MdArray[];
  /** A tool needed here was missing or failed (device-mapper volumes but no lvs, a btrfs mount but no btrfs, …). */
  problems: string[];
  /** /proc/mdstat, /proc/drbd or DRBD configuration files only partly read because they were too large. */
  truncated: string[];
}
