import { describe, expect, it } from 'vitest';
import type { ParsedKey } from 'ssh2';
import { collectKeyAcceptance } from '../../../../src/collect/probe/collect-key-acceptance.js';
import type { ProbeOutcome } from '../../../../src/transport/ssh/key-acceptance-probe.js';
import { fingerprintOfBlob } from '../../../../src/ssh-keys/fingerprint.js';
import { ssh2KeyPair } from '../../../support/ssh2-key-pair.js';
import { testHost, testProvider } from '../../support/hosts.js';

const ops = ssh2KeyPair();
const own = ssh2KeyPair();
const opsLine = `ssh-ed25519 ${ops.blob.toString('base64')}`;

describe('collectKeyAcceptance', () => {
  it('offers full provider key lines for root, provider accounts, the login user and extra names; names fingerprint-only keys', async () => {
    const calls: { accounts: readonly string[]; keys: readonly ParsedKey[] }[] = [];
    const probe = async (_t: unknown, accounts: readonly string[], keys: readonly ParsedKey[]): Promise<ProbeOutcome> => {
      calls.push({ accounts, keys });
      return { answers: accounts.map((account) => ({ account, key: 0, answer: account === 'provops' ? 'accepted' : 'refused' })), sourceAddress: '127.0.0.1', connections: accounts.length };
    };
    const provider = { ...testProvider(), accounts: ['provops'], sshKeys: [
      { fingerprint: fingerprintOfBlob(ops.blob), publicKey: opsLine, label: 'ops' },
      { fingerprint: 'SHA256:' + 'F'.repeat(43), label: 'SHA256:' + 'F'.repeat(43) },
    ] };
    const host = testHost({ ssh: { ...testHost().ssh, user: 'audit', probeAccounts: ['deploy', 'root'] } });
    const facts = await collectKeyAcceptance(host, provider, { probe: probe as never, ownKeys: async () => ({ keys: [own.parsed], problems: [] }) });
    const fact = facts['probe.ssh-key-acceptance'];
    expect(fact?.ok).toBe(true);
    if (!fact?.ok) return;
    expect(calls[0]?.accounts).toEqual(['root', 'provops', 'audit', 'deploy']);
    // A login host: fleetcheck's own key is its declared way in and is not asked about.
    expect(calls[0]?.keys.map((k) => k.isPrivateKey())).toEqual([false]);
    expect(fact.value.keys).toEqual([{ fingerprint: fingerprintOfBlob(ops.blob), label: 'ops', owner: 'provider' }]);
    expect(fact.value.unoffered.map((k) => k.fingerprint)).toEqual(['SHA256:' + 'F'.repeat(43)]);
    expect(fact.value.sourceAddress).toBe('127.0.0.1');
  });

  it('asks about fleetcheck’s own key too on an ssh.access: none host, and records a key it could not find', async () => {
    let offered = 0;
    const probe = async (_t: unknown, accounts: readonly string[], keys: readonly ParsedKey[]): Promise<ProbeOutcome> => {
      offered = keys.length;
      return { answers: accounts.flatMap((account) => keys.map((_, key) => ({ account, key, answer: 'refused' as const }))), connections: 1 };
    };
    const provider = { ...testProvider(), sshKeys: [{ fingerprint: fingerprintOfBlob(ops.blob), publicKey: opsLine, label: 'ops' }] };
    const host = testHost({ ssh: { ...testHost().ssh, access: 'none' } });
    const found = await collectKeyAcceptance(host, provider, { probe: probe as never, ownKeys: async () => ({ keys: [own.parsed], problems: [] }) });
    expect(offered).toBe(2);
    const fact = found['probe.ssh-key-acceptance'];
    expect(fact?.ok && fact.value.keys.map((k) => k.owner)).toEqual(['provider', 'fleetcheck']);
    const missing = await collectKeyAcceptance(host, provider, { probe: probe as never, ownKeys: async () => ({ keys: [], problems: ['/k.pub cannot be read (ENOENT)'] }) });
    const m = missing['probe.ssh-key-acceptance'];
    expect(m?.ok && m.value.ownKeyProblem).toContain('ENOENT');
  });
});
