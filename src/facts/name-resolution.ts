// The ssh.name-resolution fact: what the host's own resolver (/etc/hosts, DNS) answers for the host names its backup targets and jobs name.

/** One name as `getent ahosts` answered it on the host. */
export interface ResolvedName {
  name: string;
  /** `resolved` with its addresses; `unknown` the resolver knows no such name (exit 2); `failed` it could not say (timeout, other exit). */
  outcome: 'resolved' | 'unknown' | 'failed';
  addresses: string[];
  /** Why it could not say, for `failed`: `timed out`, `getent exit 1`. */
  why?: string;
}

/** Every name asked, and those left unasked at the limits (count, time budget). */
export interface NameResolutionFact {
  names: ResolvedName[];
  /** Names found but not asked: past the per-host name limit or the time budget. */
  notAsked: Array<{ name: string; why: string }>;
}
