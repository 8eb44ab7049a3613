// Facts from the provider's own secret store: what it still holds for a host.
import type { Host } from '../../inventory/types.js';
import type { HostSecrets, SecretStore } from '../../secrets/secret-store.js';
import type { FactResult } from '../fact-result.js';
import type { FactKey, Facts } from '../facts.js';

/** What the store holds for a host it has no entry for: nothing, which is what policy wants after hand-over. */
const NOTHING_STORED: HostSecrets = { bmcAccounts: [], osCredentials: [], diskPassphrases: [] };

/** Collects the requested `store.*` facts; local I/O only, never throws. */
export async function collectStoreFacts(host: Host, keys: readonly FactKey[], secrets: SecretStore): Promise<Facts> {
  const facts: Facts = {};
  if (keys.includes('store.host-secrets')) {
    const held: FactResult<HostSecrets> = await secrets.forHost(host.secretsKey);
    // An entry that cannot be read is unproven; an entry that does not exist holds nothing.
    facts['store.host-secrets'] = !held.ok && held.reason === 'secret-absent' ? { ok: true, value: NOTHING_STORED } : held;
  }
  return facts;
}
