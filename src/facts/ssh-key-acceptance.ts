// What a host's sshd answered, asked from outside without a login, about keys it might accept.

/** Whose key was offered: a provider key from the inventory, or fleetcheck's own (asked on `ssh.access: none` hosts). */
export type OfferedKeyOwner = 'provider' | 'fleetcheck';

/** One key that was to be offered, by fingerprint and label; never more than the public half. */
export interface OfferedKey {
  fingerprint: string;
  label: string;
  owner: OfferedKeyOwner;
}

/** sshd's answer for one account and key, or why there was none. */
export interface KeyAcceptanceAnswer {
  account: string;
  /** Index into `keys`. */
  key: number;
  answer: 'accepted' | 'refused' | 'unasked';
  /** For `unasked`: the connection that ended, the budget spent. */
  why?: string;
}

/** A provider key that could not be offered, and why (known only by fingerprint, a type ssh2 cannot send). */
export interface UnofferedKey {
  fingerprint: string;
  label: string;
  why: string;
}

/** The outside answers for one host (`probe.ssh-key-acceptance`). */
export interface SshKeyAcceptanceFact {
  /** The scanner's address as the host saw it: `from=` restrictions are judged against it. */
  sourceAddress?: string;
  accounts: string[];
  keys: OfferedKey[];
  answers: KeyAcceptanceAnswer[];
  unoffered: UnofferedKey[];
  /** Why fleetcheck's own key could not be asked about on an `ssh.access: none` host. */
  ownKeyProblem?: string;
  /** Whether the inventory lets fleetcheck log in (`login`) or not (`none`). */
  access: 'login' | 'none';
  connections: number;
}
