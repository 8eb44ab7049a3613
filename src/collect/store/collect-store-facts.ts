// Facts from the provider's own secret store: what it still holds for a host.
import type { Host } from '../../inventory/types.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { FactKey, Facts } from '../facts.js';

/** Collects the requested `store.*` facts; local I/O only, never throws. */
export async function collectStoreFacts(host: Host, keys: readonly FactKey[], secrets: SecretStore): Promise<Facts> {
  const facts: Facts = {};
  if (keys.includes('store.host-secrets')) facts['store.host-secrets'] = await secrets.forHost(host.secretsKey);
  return facts;
}
