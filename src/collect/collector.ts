// One collector per way of reaching a host: the fact keys it serves, and how it collects them.
import type { FactKey, Facts } from '../facts/facts.js';
import type { Host, ProviderPolicy } from '../inventory/types.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { BiosWrite } from './bmc/redfish-collect.js';
import type { DefaultCredential } from './bmc/default-credentials-catalogue.js';
import type { SavedReportsIndex } from './store/saved-reports-index.js';
import type { Transports } from './transports.js';
import type { ProviderSystemsIndex } from './provider/provider-systems-index.js';

/** Everything a collector may use for one host besides the host itself. */
export interface CollectContext {
  transports: Transports;
  secrets: SecretStore;
  /** What counts as provider access: the keys and accounts the outside probe asks about. */
  provider: ProviderPolicy;
  /** fleetcheck's saved reports, when the inventory names `reports.dir`. */
  savedReports?: SavedReportsIndex;
  /** The provider's own systems, read once per run; absent when the inventory names none. */
  providerSystems?: ProviderSystemsIndex;
  /** Record unknown SSH host keys instead of refusing them (`--accept-new-host-keys`). */
  acceptNewHostKeys: boolean;
  /** Output cap for the SSH collecting command: a host that sends more costs one error, not our memory. */
  maxOutputBytes: number;
  /** Whether the BIOS password probe (a write over Redfish) may run for this host. */
  biosWrite: BiosWrite;
  /** The vendor default BMC logins; read from catalogue/ when absent. */
  defaultCredentials?: readonly DefaultCredential[];
}

/** A source of facts. The runner gives each the keys it serves, under the host deadline; it never throws. */
export interface Collector {
  name: string;
  /** The fact keys it collects; every key is served by exactly one collector. */
  serves: ReadonlySet<FactKey>;
  /** The run-wide limit its work waits for besides the host's own slot: a BMC takes few sessions at once. */
  limit?: 'bmc';
  /** The name of a collector that must have finished on this host before this one starts. */
  after?: string;
  collect(host: Host, keys: readonly FactKey[], context: CollectContext, signal: AbortSignal): Promise<Facts>;
}
