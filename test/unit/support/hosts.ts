// In-memory inventory pieces for unit tests.
import type { Host, ProviderPolicy } from '../../../src/inventory/types.js';

/** A host with every setting filled, overridable per test. */
export function testHost(overrides: Partial<Host> = {}): Host {
  return {
    name: 'a3-01',
    rack: 'A3',
    ssh: { address: '127.0.0.1', port: 22, user: 'root', agent: false, knownHosts: '/dev/null', connectTimeoutMs: 1000, commandTimeoutMs: 1000, access: 'login', probeAccounts: [] },
    bmc: { address: '127.0.0.2', port: 623, cipherSuite: 3, channel: 1, timeoutMs: 1000, retries: 0 },
    secretsKey: 'a3-01',
    hostTimeoutMs: 5000,
    aliases: [],
    ...overrides,
  };
}

/** A provider policy naming the given key fingerprints. */
export function testProvider(fingerprints: Record<string, string> = {}): ProviderPolicy {
  return {
    sshKeys: Object.entries(fingerprints).map(([label, fingerprint]) => ({ fingerprint, label })),
    accounts: [],
    backup: { hosts: [], cidrs: [], domains: [], agents: [] },
    systems: [],
  };
}
