// In-memory inventory pieces for unit tests.
import type { CheckContext } from '../../../src/checks/check.js';
import type { Host, ProviderPolicy } from '../../../src/inventory/types.js';

/** A host with every setting filled, overridable per test. */
export function testHost(overrides: Partial<Host> = {}): Host {
  return {
    name: 'a3-01',
    rack: 'A3',
    ssh: { address: '127.0.0.1', port: 22, user: 'root', agent: false, knownHosts: '/dev/null', connectTimeoutMs: 1000, commandTimeoutMs: 1000, access: 'login', probeAccounts: [] },
    bmc: { address: '127.0.0.2', port: 623, cipherSuite: 3, channel: 1, timeoutMs: 1000, retries: 0, ipmi: true },
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

/** A check context under contract rules (the mode in force before contract end), overridable per test. */
export function testContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return { host: testHost(), provider: testProvider(), now: new Date(), mode: 'contract', modeReason: 'contract C-1 runs until 2027-12-31', ...overrides };
}
