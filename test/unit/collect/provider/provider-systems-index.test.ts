// The provider systems are read once per run, however many hosts ask for them.
import { describe, expect, it } from 'vitest';
import { providerCollector } from '../../../../src/collect/provider/collect-provider-facts.js';
import { ProviderSystemsIndex } from '../../../../src/collect/provider/provider-systems-index.js';
import type { CollectContext } from '../../../../src/collect/collector.js';
import type { ProviderSystem } from '../../../../src/inventory/types.js';
import { testHost } from '../../support/hosts.js';
import { localOpenSsh } from './local-shell.js';

const system = (name: string): ProviderSystem => ({
  name,
  role: 'storage',
  ssh: { address: '127.0.0.1', port: 22, user: 'root', agent: false, knownHosts: '/dev/null', connectTimeoutMs: 5000, commandTimeoutMs: 60_000, access: 'login', probeAccounts: [] },
  hostTimeoutMs: 60_000,
  restic: [],
  borg: [],
  trees: ['/nonexistent-tree-root'],
  snapshotRoots: [],
  files: [],
});

describe('ProviderSystemsIndex', () => {
  it('opens one connection per system for a run of six hosts asking at once, and answers all of them alike', async () => {
    const ssh = localOpenSsh();
    const index = new ProviderSystemsIndex([system('storage01'), system('storage02')], { openSsh: ssh.open, secrets: { description: 'none', forHost: async () => ({ ok: false, reason: 'secret-absent', message: '' }) }, acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    const context = { providerSystems: index } as unknown as CollectContext;
    const hosts = ['p15-01', 'p15-02', 'p15-03', 'p15-04', 'p15-05', 'p15-06'].map((name) => testHost({ name }));
    const facts = await Promise.all(hosts.map((h) => providerCollector.collect(h, ['provider.systems'], context, new AbortController().signal)));
    expect(ssh.connections()).toBe(2);
    expect(index.systemReads).toBe(2);
    const first = facts[0]!['provider.systems'];
    expect(first?.ok && first.value.systems.map((s) => [s.system, s.reached])).toEqual([['storage01', true], ['storage02', true]]);
    for (const f of facts) expect(f['provider.systems']?.ok && f['provider.systems'].value).toBe(first?.ok && first.value);
    // A later host (a second wave) is answered from memory too.
    await providerCollector.collect(testHost({ name: 'p15-07' }), ['provider.systems'], context, new AbortController().signal);
    expect(ssh.connections()).toBe(2);
  }, 60_000);

  it('without provider systems the fact is empty and nothing is connected to', async () => {
    const facts = await providerCollector.collect(testHost(), ['provider.systems'], {} as CollectContext, new AbortController().signal);
    expect(facts['provider.systems']).toEqual({ ok: true, value: { systems: [] } });
  });
});
