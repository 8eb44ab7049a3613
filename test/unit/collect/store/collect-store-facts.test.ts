import { describe, expect, it } from 'vitest';
import { collectStoreFacts } from '../../../../src/collect/store/collect-store-facts.js';
import type { SecretStore } from '../../../../src/secrets/secret-store.js';
import { testHost } from '../../support/hosts.js';

const storeAnswering = (answer: Awaited<ReturnType<SecretStore['forHost']>>): SecretStore => ({ description: 'test', forHost: async () => answer });

describe('collectStoreFacts', () => {
  it('reads a host with no entry as a store that keeps nothing about it', async () => {
    const facts = await collectStoreFacts(testHost(), ['store.host-secrets'], storeAnswering({ ok: false, reason: 'secret-absent', message: 'no secrets stored under key' }));
    expect(facts['store.host-secrets']).toEqual({ ok: true, value: { bmcAccounts: [], osCredentials: [], diskPassphrases: [] } });
  });

  it('keeps a store that cannot be read a failure', async () => {
    const failure = { ok: false as const, reason: 'secret' as const, message: 'cannot decrypt' };
    const facts = await collectStoreFacts(testHost(), ['store.host-secrets'], storeAnswering(failure));
    expect(facts['store.host-secrets']).toEqual(failure);
  });

  it('asks the store nothing when no store fact is needed', async () => {
    const facts = await collectStoreFacts(testHost(), ['ssh.authorized-keys'], { description: 'x', forHost: () => { throw new Error('asked'); } });
    expect(facts).toEqual({});
  });
});
