// The store.host-secrets fact: what the provider keeps for one host; values stay wrapped in Secret.
import type { BmcPrivilege } from '../model/bmc-privilege.js';
import type { Secret } from '../model/secret.js';

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
