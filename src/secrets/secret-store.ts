// What the provider keeps per host, and the interface every secret backend offers.
import type { FactResult } from '../facts/fact-result.js';
import type { BmcPrivilege } from '../model/bmc-privilege.js';
import type { Secret } from '../model/secret.js';
import type { HostSecrets } from '../facts/host-secrets.js';
import type { SystemSecretRef } from '../inventory/types.js';

/** A secret backend. A missing or unreadable entry is a failed result naming the key, never a throw. */
export interface SecretStore {
  /** Where the secrets come from, for messages (a path, never a value). */
  readonly description: string;
  forHost(key: string): Promise<FactResult<HostSecrets>>;
  /**
   * A provider system's repository password (`systems.SYSTEM.NAME`); `secret-absent` when the store
   * has none. Every backend has it; a test double without it makes the repository `error`.
   */
  forSystem?(ref: SystemSecretRef): Promise<FactResult<Secret>>;
}
