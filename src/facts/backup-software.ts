// The ssh.backup-software fact: traces of catalogued backup software.
import type { DumpedFile } from './dumped-file.js';

/** An installed package as the host's package database reports it. */
export interface InstalledPackage {
  manager: 'dpkg' | 'rpm';
  name: string;
  version: string;
  /** dpkg's abbreviated status (`ii `, `rc `, …) or `installed` for rpm. */
  status: string;
}

/** Every trace of catalogued backup software found on one host. */
export interface BackupSoftwareFact {
  /** Catalogued packages that are installed (or half-installed); removed ones are left out. */
  packages: InstalledPackage[];
  /** Paths of catalogued programs that exist: in the catalogue's directories, or run by path by an enabled service. */
  binaries: string[];
  /** Catalogued unit files that exist, and whether a `.wants` link enables them. */
  units: Array<{ path: string; name: string; enabled: boolean }>;
  /** Running processes with a catalogued name; `args` is the raw command line (may hold secrets). */
  processes: Array<{ pid: number; name: string; args: string }>;
  /** Running processes whose executable (/proc/<pid>/exe) has a catalogued program's name, wherever it lives. */
  executables: Array<{ pid: number; path: string }>;
  /** Catalogued configuration files, as read (may hold secrets). */
  configs: DumpedFile[];
  /** Parts of the collection that could not run; a non-empty list makes the check an error. */
  problems: string[];
}
