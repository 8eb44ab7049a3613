import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryKeys, type KeyQueryTarget } from '../../../../src/transport/ssh/key-query-connection.js';
import { startFakeKeyServer, startClosingPeer, type FakeKeyServer } from './fake-key-server.js';
import { generateTestKey, type TestKey } from './fake-ssh-server.js';

// Servers, keys and agents start in the hooks; on a loaded machine that can outlast the 10 s default.
const HOOK_TIMEOUT_MS = 30_000;

let dir: string;
let hostKey: TestKey;
let keys: TestKey[];
let server: FakeKeyServer;
let strict: FakeKeyServer;

async function knownHosts(port: number, key: TestKey, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `[127.0.0.1]:${port} ssh-ed25519 ${key.blob.toString('base64')}\n`);
  return path;
}

async function target(s: { port: number }, key = hostKey): Promise<KeyQueryTarget> {
  return { host: 'fake-01', address: '127.0.0.1', port: s.port, knownHosts: await knownHosts(s.port, key, `kh-${s.port}-${Math.random()}`), timeoutMs: 3000 };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-probe-'));
  hostKey = generateTestKey();
  keys = Array.from({ length: 8 }, () => generateTestKey());
  server = await startFakeKeyServer(hostKey, { root: [keys[1]!.blob], provops: [keys[0]!.blob, keys[7]!.blob] });
  strict = await startFakeKeyServer(hostKey, { root: [keys[6]!.blob] }, 3);
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await server.stop();
  await strict.stop();
  await rm(dir, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

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
    const result = await queryKeys(await target(server, generateTestKey()), 'root', [keys[1]!.parsed]);
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
    const parsed = utils.parseKey(keys[0]!.privateKey);
    if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('parse');
    await expect(queryKeys(await target(server), 'root', [parsed])).rejects.toThrow(/public keys only/);
  });
});
