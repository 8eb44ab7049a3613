import { describe, expect, it } from 'vitest';
import { collectStoreFacts } from '../../../../src/collect/store/collect-store-facts.js';
import { NO_SAVED_REPORTS, SavedReportsIndex } from '../../../../src/collect/store/saved-reports-index.js';
import type { SecretStore } from '../../../../src/secrets/secret-store.js';
import { testHost } from '../../support/hosts.js';

const storeAnswering = (answer: Awaited<ReturnType<SecretStore['forHost']>>): SecretStore => ({ description: 'test', forHost: async () => answer });

describe('collectStoreFacts', () => {
  it('reads a host with no entry as a store that keeps nothing about it', async () => {
    const facts = await collectStoreFacts(testHost(), ['store.host-secrets'], { secrets: storeAnswering({ ok: false, reason: 'secret-absent', message: 'no secrets stored under key' }) });
    expect(facts['store.host-secrets']).toEqual({ ok: true, value: { bmcAccounts: [], osCredentials: [], diskPassphrases: [] } });
  });

  it('keeps a store that cannot be read a failure', async () => {
    const failure = { ok: false as const, reason: 'secret' as const, message: 'cannot decrypt' };
    const facts = await collectStoreFacts(testHost(), ['store.host-secrets'], { secrets: storeAnswering(failure) });
    expect(facts['store.host-secrets']).toEqual(failure);
  });

  it('asks the store nothing when no store fact is needed', async () => {
    const facts = await collectStoreFacts(testHost(), ['ssh.authorized-keys'], { secrets: { description: 'x', forHost: () => { throw new Error('asked'); } } });
    expect(facts).toEqual({});
  });
});

describe('collectStoreFacts: saved reports', () => {
  const nothing: SecretStore = { description: 'x', forHost: async () => ({ ok: false, reason: 'secret-absent', message: 'none' }) };

  it('reports no saved reports when the inventory keeps none', async () => {
    const facts = await collectStoreFacts(testHost(), ['store.saved-reports'], { secrets: nothing });
    expect(facts['store.saved-reports']).toEqual({ ok: true, value: NO_SAVED_REPORTS });
  });

  it('answers from the run’s index, read once for every host', async () => {
    let reads = 0;
    const index = new SavedReportsIndex('/nonexistent');
    const spy = { forHost: async (name: string) => (reads++, index.forHost(name)) } as unknown as SavedReportsIndex;
    const facts = await collectStoreFacts(testHost(), ['store.host-secrets', 'store.saved-reports'], { secrets: nothing, savedReports: spy });
    expect(facts['store.saved-reports']).toEqual({ ok: true, value: { dir: '/nonexistent', naming: [], unreadable: [] } });
    expect(facts['store.host-secrets']).toMatchObject({ ok: true });
    expect(reads).toBe(1);
  });
});
