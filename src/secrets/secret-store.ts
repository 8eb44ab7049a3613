// What the provider keeps per host, and the interface every secret backend offers.
import type { FactResult } from '../facts/fact-result.js';
import type { BmcPrivilege } from '../model/bmc-privilege.js';
import type { Secret } from '../model/secret.js';
import type { HostSecrets } from '../facts/host-secrets.js';

/** A secret backend. A missing or unreadable entry is a failed result naming the key, never a throw. */
export interface SecretStore {
  /** Where the secrets come from, for messages (a path, never a value). */
  readonly description: string;
  forHost(key: string): Promise<FactResult<HostSecrets>>;
}
