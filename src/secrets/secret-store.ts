// What the provider keeps per host, and the interface every secret backend offers.
import type { FactResult } from '../collect/fact-result.js';
import type { BmcPrivilege } from '../model/bmc-privilege.js';
import type { Secret } from './secret.js';

/** An initial BMC account as the provider stored it at hand-over. */
export interface StoredBmcAccount {
  user: string;
  password: Secret;
  privilege: BmcPrivilege;
}

/** An OS login the provider still holds; policy says it must be gone after hand-over. */
export interface StoredOsCredential {
  user: string;
  password: Secret;
  /** ISO date the credential was handed to the customer, when known. */
  handover?: string;
}

/** A disk encryption passphrase the provider still holds; policy says it must be gone after hand-over. */
export interface StoredDiskPassphrase {
  device: string;
  passphrase: Secret;
  handover?: string;
}

/** Everything the store holds for one host. */
export interface HostSecrets {
  bmcAccounts: StoredBmcAccount[];
  biosPassword?: Secret;
  osCredentials: StoredOsCredential[];
  diskPassphrases: StoredDiskPassphrase[];
}

/** A secret backend. A missing or unreadable entry is a failed result naming the key, never a throw. */
export interface SecretStore {
  /** Where the secrets come from, for messages (a path, never a value). */
  readonly description: string;
  forHost(key: string): Promise<FactResult<HostSecrets>>;
}
