// The ssh.backup-targets fact: network mounts and backup repositories named on the host.

/** A network file system, mounted now or configured in fstab. */
export interface NetworkMount {
  /** `/etc/fstab:12` or `/proc/mounts:3`. */
  origin: string;
  source: string;
  target: string;
  type: string;
  /** Mount options as written (may hold `password=`). */
  options: string;
}

/** A setting that names a place a backup tool writes to. */
export interface RepositorySetting {
  origin: string;
  /** What names it: `RESTIC_REPOSITORY`, `BORG_REPO`, `borgmatic repositories`, `rclone remote NAME`, `iSCSI session`, … */
  kind: string;
  /** The repository, remote or target as written (may hold credentials). */
  value: string;
}

/** Every remote target found on the host. */
export interface BackupTargetsFact {
  mounts: NetworkMount[];
  repositories: RepositorySetting[];
  unreadable: string[];
  truncated: string[];
}
