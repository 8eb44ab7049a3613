// The ssh.authorized-keys fact: every way sshd may let a key in, as collected.
import type { AuthorizedKey } from '../ssh-keys/authorized-key-line.js';

/** One authorized_keys file as found on the host. */
export interface AuthorizedKeysFile {
  path: string;
  /** The account whose login reads it; `*` for a fixed AuthorizedKeysFile path every account reads. */
  user: string;
  /** `unreadable` when the collecting user could not read it: checks must not treat it as empty. */
  state: 'read' | 'unreadable';
  keys: Array<{ line: number; key: AuthorizedKey }>;
  /** Lines that are neither blank, a comment nor a key fleetcheck can read: sshd might read them (the first 50; the parser keeps no more). */
  unparsedLines: number[];
  /** How many such lines there are in all, listed or not. */
  unparsedCount: number;
  truncated: boolean;
}

/** A TrustedUserCAKeys file: every key in it may sign user certificates sshd accepts. */
export interface TrustedCaFile {
  path: string;
  state: 'read' | 'unreadable';
  keys: Array<{ line: number; key: AuthorizedKey }>;
  /** As for AuthorizedKeysFile: the first lines listed, all of them counted. */
  unparsedLines: number[];
  unparsedCount: number;
  truncated: boolean;
}

/** An AuthorizedPrincipalsFile of one account: the certificate principals that may log in as it (the first 100). */
export interface PrincipalsFile {
  path: string;
  user: string;
  state: 'read' | 'unreadable';
  principals: Array<{ line: number; name: string }>;
  truncated: boolean;
}

/** An auth-related option line (AuthorizedKeys*, AuthorizedPrincipals*, TrustedUserCAKeys) in an sshd config file. */
export interface SshdAuthOption {
  file: string;
  line: number;
  /** Lower-case keyword, as sshd compares them. */
  keyword: string;
  value: string;
  /** True when it sits inside a Match block: it applies to some connections only. */
  conditional: boolean;
}

/** Everything sshd would consult to let a key or certificate in. */
export interface AuthorizedKeysFact {
  files: AuthorizedKeysFile[];
  /** The sshd config files read: the running sshd's (its -f) and every Include. */
  config: Array<{ path: string; state: 'read' | 'unreadable' }>;
  options: SshdAuthOption[];
  trustedCaFiles: TrustedCaFile[];
  principalsFiles: PrincipalsFile[];
}
