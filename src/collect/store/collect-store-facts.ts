// Facts kept on the provider's side: what its secret store still holds for a host, and which of
// fleetcheck's own saved reports name it.
import type { Host } from '../../inventory/types.js';
import { NO_SAVED_REPORTS, type SavedReportsIndex } from './saved-reports-index.js';
import type { SavedReportsFact } from '../../facts/saved-reports.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { HostSecrets } from '../../facts/host-secrets.js';
import type { FactResult } from '../../facts/fact-result.js';
import type { FactKey, Facts } from '../../facts/facts.js';
import type { Collector } from '../collector.js';

/** What the store holds for a host it has no entry for: nothing, which is what policy wants after hand-over. */
const NOTHING_STORED: HostSecrets = { bmcAccounts: [], osCredentials: [], diskPassphrases: [] };

/** Where the provider keeps things about hosts: its secret store and, when the inventory names one, fleetcheck's report directory. */
export interface ProviderStores {
  secrets: SecretStore;
  /** Read once per run (the index caches the directory), whatever the number of hosts. */
  savedReports?: SavedReportsIndex;
}

/** Collects the requested `store.*` facts; local I/O only, never throws. */
export async function collectStoreFacts(host: Host, keys: readonly FactKey[], stores: ProviderStores): Promise<Facts> {
  const facts: Facts = {};
  if (keys.includes('store.host-secrets')) {
    const held: FactResult<HostSecrets> = await stores.secrets.forHost(host.secretsKey);
    // An entry that cannot be read is unproven; an entry that does not exist holds nothing.
    facts['store.host-secrets'] = !held.ok && held.reason === 'secret-absent' ? { ok: true, value: NOTHING_STORED } : held;
  }
  if (keys.includes('store.saved-reports')) {
    const index = stores.savedReports;
    // No `reports.dir` in the inventory: fleetcheck keeps no reports, so none can name the host.
    const reports: FactResult<SavedReportsFact> = index ? await index.forHost(host.name) : { ok: true, value: NO_SAVED_REPORTS };
    facts['store.saved-reports'] = reports;
  }
  return facts;
}

/** The store collector: what the provider keeps about a host, read locally. */
export const storeCollector: Collector = {
  name: 'store',
  serves: new Set(['store.host-secrets', 'store.saved-reports']),
  collect: (host, keys, context) =>
    collectStoreFacts(host, keys, { secrets: context.secrets, ...(context.savedReports ? { savedReports: context.savedReports } : {}) }),
};
