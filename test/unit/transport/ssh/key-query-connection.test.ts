import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../../../src/transport/ssh/key-query-connection.js';
import { startClosingPeer } from './fake-key-server.js';
import { ssh2KeyPair } from '../../../support/ssh2-key-pair.js';
import { dir, keys, server, strict, target, useKeyProbeServers } from './key-probe-servers.js';

useKeyProbeServers();

describe('queryKeys', () => {
  it('reads PK_OK as accepted and a refusal as refused, and never sends a signature', async () => {
    const before = server.requests.length;
    const result = await queryKeys(await target(server), 'root', [keys[0]!.parsed, keys[1]!.parsed, keys[2]!.parsed]);
    expect(result.ended).toBeUndefined();
    expect(result.answers).toEqual(['refused', 'accepted', 'refused']);
    expect(result.sourceAddress).toBe('127.0.0.1');
    const seen = server.requests.slice(before);
    expect(seen.map((r) => r.signed)).toEqual([false, false, false]);
    expect(new Set(seen.map((r) => r.connection)).size).toBe(1);
    expect(seen.map((r) => r.key)).toEqual([keys[0]!.blob, keys[1]!.blob, keys[2]!.blob]);
  });

  it('refuses a host whose key is not the recorded one, before offering anything', async () => {
    const before = server.requests.length;
    const result = await queryKeys(await target(server, ssh2KeyPair()), 'root', [keys[1]!.parsed]);
    expect(result.answers).toEqual([]);
    expect(result.ended?.reason).toBe('host-key-mismatch');
    expect(server.requests.length).toBe(before);
  });

  it('never asks a host that known_hosts does not record, and never records it', async () => {
    const before = server.connections();
    const path = join(dir, 'empty-known-hosts');
    await writeFile(path, '');
    const result = await queryKeys({ ...(await target(server)), knownHosts: path }, 'root', [keys[1]!.parsed]);
    expect(result.ended?.reason).toBe('host-key-unknown');
    expect(result.ended?.message).toMatch(/never records one/);
    expect(server.connections()).toBe(before);
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  it('reports a connection closed before the banner as ended (a penalised address), never as refusals', async () => {
    const peer = await startClosingPeer();
    try {
      const result = await queryKeys(await target(peer), 'root', [keys[0]!.parsed]);
      expect(result.answers).toEqual([]);
      expect(result.ended?.message).toMatch(/PerSourcePenalties/);
    } finally {
      await peer.stop();
    }
  });

  it('keeps the answers given before sshd cut the connection at MaxAuthTries', async () => {
    const result = await queryKeys(await target(strict), 'root', keys.slice(0, 5).map((k) => k.parsed));
    expect(result.answers).toEqual(['refused', 'refused']);
    expect(result.ended).toBeDefined();
  });

  it('refuses to offer a private key', async () => {
    const { utils } = (await import('ssh2')).default;
    const parsed = utils.parseKey(keys[0]!.private);
    if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('parse');
    await expect(queryKeys(await target(server), 'root', [parsed])).rejects.toThrow(/public keys only/);
  });
});
