// Gathers a host's BMC facts: reads the stored secrets, then talks to the BMC, one session at a
// time (the runner holds one BMC slot for the whole host, so no BMC sees two of our sessions).
import type { BmcSettings, Host } from '../../inventory/types.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { runIpmitool } from '../../transport/ipmi/ipmitool-session.js';
import type { withRedfish } from '../../transport/redfish/redfish-session.js';
import type { Collector } from '../collector.js';
import type { FactResult } from '../../facts/fact-result.js';
import type { FactKey, Facts } from '../../facts/facts.js';
import { BmcProber } from './bmc-prober.js';
import { defaultBmcCredentials, type DefaultCredential } from './default-credentials-catalogue.js';
import { collectInitialSession } from './initial-logins.js';
import type { BmcUsersFact } from '../../facts/bmc-users.js';
import { probeAnonymous, probeCipherZero, probeDefaultCredentials } from './login-probes.js';
import type { NativeProber } from './native-prober.js';
import { RmcpProber } from './rmcp-prober.js';
import { collectRedfishFacts, REDFISH_FACT_KEYS, type BiosWrite } from './redfish-collect.js';

/** What the BMC collector needs; injected so tests can swap the transport. */
export interface BmcCollectorOptions {
  runIpmitool: typeof runIpmitool;
  withRedfish: typeof withRedfish;
  secrets: SecretStore;
  /** The vendor default catalogue; read from catalogue/ when absent. */
  defaultCredentials?: readonly DefaultCredential[];
  /** Whether the BIOS password probe (a write over Redfish) may run; not without contract-end rules or the flag. */
  biosWrite?: BiosWrite;
  /** Opens the native RMCP+ prober for a BMC; rmcp-prober.ts unless a test gives a BMC in memory. */
  openNative?: (bmc: BmcSettings, signal?: AbortSignal) => Promise<NativeProber>;
}

/**
 * Collects the requested `bmc.*` facts for a host with a BMC; never throws. A BMC with a
 * `redfish:` block gives its account and BIOS facts over Redfish, the IPMI probes over IPMI
 * (unless IPMI over LAN is off), one after the other.
 */
export async function collectBmcFacts(host: Host, keys: readonly FactKey[], options: BmcCollectorOptions, signal?: AbortSignal): Promise<Facts> {
  const redfish = host.bmc?.redfish;
  if (!host.bmc || !redfish) return collectIpmiFacts(host, keys, options, signal);
  const biosWrite = options.biosWrite ?? { allowed: false, why: 'writing to the BMC was not allowed' };
  const viaRedfish = keys.filter((k) => REDFISH_FACT_KEYS.has(k));
  const facts = viaRedfish.length > 0 ? await collectRedfishFacts(host, redfish, viaRedfish, { withRedfish: options.withRedfish, secrets: options.secrets, biosWrite }, signal) : {};
  const viaIpmi = host.bmc.ipmi ? keys.filter((k) => !REDFISH_FACT_KEYS.has(k)) : [];
  return viaIpmi.length > 0 ? { ...(await collectIpmiFacts(host, viaIpmi, options, signal)), ...facts } : facts;
}

/** The `bmc.*` facts over IPMI: the native prober for every handshake, ipmitool for the stored administrator's session. */
async function collectIpmiFacts(host: Host, keys: readonly FactKey[], options: BmcCollectorOptions, signal?: AbortSignal): Promise<Facts> {
  const facts: Facts = {};
  if (!host.bmc) return facts;
  const want = (k: FactKey): boolean => keys.includes(k);
  const prober = new BmcProber(host.bmc, options.runIpmitool, signal);
  const stored = await options.secrets.forHost(host.secretsKey);
  const accounts = stored.ok ? stored.value.bmcAccounts : [];
  const native = await (options.openNative ?? RmcpProber.open)(host.bmc, signal);
  const suite = host.bmc.cipherSuite;
  try {
    let users: FactResult<BmcUsersFact> | undefined;
    if (want('bmc.initial-logins') || want('bmc.users') || want('bmc.anonymous') || want('bmc.default-logins')) {
      if (stored.ok) {
        const session = await collectInitialSession(prober, native, accounts, want('bmc.users') || want('bmc.anonymous') || want('bmc.default-logins'), host.bmc.channel);
        users = session.users;
        if (want('bmc.initial-logins')) facts['bmc.initial-logins'] = session.logins;
      } else {
        users = stored;
        if (want('bmc.initial-logins')) facts['bmc.initial-logins'] = stored;
      }
      if (want('bmc.users')) facts['bmc.users'] = users;
    }
    // The vendor defaults come before the empty-password probe, so the handshakes they make for
    // enabled names serve it too. Which defaults to leave out depends on the stored accounts:
    // without them a stored initial login that is also a factory default would be tried, open,
    // and read as a violation.
    const defaults = want('bmc.cipher-zero') || want('bmc.default-logins') ? (options.defaultCredentials ?? defaultBmcCredentials()) : [];
    if (want('bmc.default-logins')) {
      facts['bmc.default-logins'] = stored.ok ? await probeDefaultCredentials(native, suite, defaults, accounts, users) : { ok: false, reason: stored.reason, message: stored.message };
    }
    // Without the user table bmc.anonymous examines only the null user (and says so).
    if (want('bmc.anonymous')) facts['bmc.anonymous'] = await probeAnonymous(native, suite, users);
    if (want('bmc.cipher-zero')) facts['bmc.cipher-zero'] = await probeCipherZero(native, accounts, users, defaults);
  } finally {
    facts['bmc.handshakes'] = { ok: true, value: native.finish() };
  }
  return facts;
}

/** The BMC collector: every `bmc.*` fact, over IPMI or Redfish, under the run-wide BMC limit. */
export const bmcCollector: Collector = {
  name: 'bmc',
  serves: new Set(['bmc.initial-logins', 'bmc.users', 'bmc.anonymous', 'bmc.cipher-zero', 'bmc.default-logins', 'bmc.bios-password']),
  limit: 'bmc',
  collect: (host, keys, context, signal) =>
    collectBmcFacts(
      host,
      keys,
      {
        runIpmitool: context.transports.runIpmitool,
        withRedfish: context.transports.withRedfish,
        openNative: context.transports.openRmcp,
        secrets: context.secrets,
        biosWrite: context.biosWrite,
        ...(context.defaultCredentials ? { defaultCredentials: context.defaultCredentials } : {}),
      },
      signal,
    ),
};
