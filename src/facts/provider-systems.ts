// The provider.systems fact: what the provider's own systems (backup servers, storage, billing,
// staff machines) hold, read once per run and judged for every rented host.
import type { Secret } from '../model/secret.js';

/** What kind of place on a provider system names a host. */
export type HoldingKind =
  | 'bacula-job'
  | 'bacula-client'
  | 'restic-snapshot'
  | 'borg-archive'
  | 'rsnapshot-backup'
  | 'rsync-tree'
  | 'snapshot-root'
  | 'zfs'
  | 'btrfs'
  | 'lvm'
  | 'nfs-export'
  | 'smb-share';

/**
 * One place on a provider system that may hold or make a copy of a rented host's data. `copy` is
 * true for a kept copy (a catalog job, a snapshot, an archive, a tree), false for configuration
 * that would make one (a Client resource, an rsnapshot `backup` line, an export to the host).
 */
export interface ProviderHolding {
  kind: HoldingKind;
  copy: boolean;
  /** Where it is, for evidence: "catalog JobId 3", "/srv/restic/main snapshot 1a2b3c4d", a path. */
  place: string;
  /** When the copy was made (ISO 8601), when the tool records it. */
  date?: string;
  /** The words a host may be named by here: client names, addresses, hostnames, paths. */
  names: string[];
  /** A short note: files and bytes of a job, the repository's paths. */
  detail?: string;
}

/** One source of a provider system (a catalog, a repository, a tool) and whether it was read. */
export interface SourceRead {
  /** e.g. "bacula catalog /var/lib/bacula/bacula.db", "restic /srv/restic/main", "zfs". */
  source: string;
  /** `read`: read in full; `absent`: the tool or file is not on the system (said, never a pass by silence); `failed`: could not be read. */
  state: 'read' | 'absent' | 'failed';
  /** Why it is absent or failed; never a secret. */
  message?: string;
}

/** A file read on a billing or staff system, kept wrapped so only an in-memory comparison reveals it. */
export interface ProviderFile {
  path: string;
  state: 'read' | 'unreadable';
  truncated: boolean;
  content: Secret;
}

/** Everything read on one provider system. */
export interface ProviderSystemRead {
  system: string;
  role: string;
  /** What the system is searched for: kept copies (backup sources), stored secrets (billing and staff files), or both. */
  searched: { copies: boolean; secrets: boolean };
  /** False when the system could not be reached or its collecting command failed: nothing it holds is known. */
  reached: boolean;
  /** Why it was not reached; never a secret. */
  message?: string;
  sources: SourceRead[];
  holdings: ProviderHolding[];
  /** Histories, home directories and configuration, read on `billing` and `staff` systems only. */
  files: ProviderFile[];
}

/** Every provider system of the inventory, as read in this run (the same value for every host). */
export interface ProviderSystemsFact {
  systems: ProviderSystemRead[];
}

/** The source name of the files read on billing and staff systems. */
export const FILES_SOURCE = 'histories, home directories and configuration';

/** Whether a system was read in full for a purpose: reached, and every source of that purpose read or absent. */
export function readInFull(system: ProviderSystemRead, purpose: 'copies' | 'secrets'): boolean {
  return system.reached && system.sources.every((s) => s.state !== 'failed' || (s.source === FILES_SOURCE) !== (purpose === 'secrets'));
}
