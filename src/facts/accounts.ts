// The ssh.accounts fact: local accounts, password state (never the hash), sudoers and process owners.

/** One /etc/passwd entry. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  /**
   * What /etc/passwd's own password field says when it is not `x`: a hash or an empty field there
   * overrides /etc/shadow. Undefined when the field defers to shadow. The hash itself is not kept.
   */
  password?: PasswordState;
}

/** Whether an account's /etc/shadow entry allows a password login: a hash, nothing at all, or locked. */
export type PasswordState = 'set' | 'empty' | 'locked';

/** A sudoers line that is not a comment, with where it was. */
export interface SudoersLine {
  file: string;
  line: number;
  text: string;
}

/** The local accounts and what makes them usable or privileged. */
export interface AccountsFact {
  passwd: PasswdEntry[];
  /** Group name to members, the primary group's members included. */
  groups: Map<string, { gid: number; members: string[] }>;
  /** Undefined when /etc/shadow could not be read: password state unknown. */
  passwords?: Map<string, PasswordState>;
  sudoers: SudoersLine[];
  /** Passwd, group or sudoers files (those included too) that exist but could not be read, are no regular file, or an include that is missing. */
  unreadable: string[];
  /** Sudoers files included deeper than sudo follows (its 128 levels): not read, and sudo itself refuses such a chain. */
  tooDeep?: string[];
  /** Passwd, group or sudoers files cut at the read limit: what follows the cut is unknown. */
  truncated: string[];
  /** Number of processes per uid, read from the owners of /proc/<pid>. */
  processesByUid: Map<number, number>;
}
