// Gathers a host's BMC facts: reads the stored secrets, then talks to the BMC.
import type { Host } from '../../inventory/types.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { runIpmitool } from '../../transport/ipmi/ipmitool-session.js';
import type { FactKey, Facts } from '../facts.js';
import { collectInitialLogins } from './initial-logins.js';

/** What the BMC collector needs; injected so tests can swap the transport. */
export interface BmcCollectorOptions {
  runIpmitool: typeof runIpmitool;
  secrets: SecretStore;
}

/** Collects the requested `bmc.*` facts for a host with a BMC; never throws. */
export async function collectBmcFacts(host: Host, keys: readonly FactKey[], options: BmcCollectorOptions, signal?: AbortSignal): Promise<Facts> {
  const facts: Facts = {};
  if (!host.bmc || !keys.includes('bmc.initial-logins')) return facts;
  const stored = await options.secrets.forHost(host.secretsKey);
  if (!stored.ok) {
    facts['bmc.initial-logins'] = stored;
    return facts;
  }
  facts['bmc.initial-logins'] = await collectInitialLogins(host.bmc, stored.value.bmcAccounts, options.runIpmitool, signal);
  return facts;
}
