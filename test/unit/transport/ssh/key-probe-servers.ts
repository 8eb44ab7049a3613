// The fake sshd pair both key-probe test files ask: a lenient server (MaxAuthTries 6) with keys for
// root and provops, and a strict one (MaxAuthTries 3). Started in the hooks `useKeyProbeServers`
// registers; the bindings below are filled in by then.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { KeyQueryTarget } from '../../../../src/transport/ssh/key-query-connection.js';
import { startFakeKeyServer, type FakeKeyServer } from './fake-key-server.js';
import { ssh2KeyPair, type Ssh2KeyPair } from '../../../support/ssh2-key-pair.js';

// Servers, keys and agents start in the hooks; on a loaded machine that can outlast the 10 s default.
const HOOK_TIMEOUT_MS = 30_000;

export let dir: string;
export let hostKey: Ssh2KeyPair;
/** Eight client keys: root accepts keys[1], provops keys[0] and keys[7]; the strict server's root keys[6]. */
export let keys: Ssh2KeyPair[];
export let server: FakeKeyServer;
export let strict: FakeKeyServer;

/** A known_hosts file naming `key` for the server on `port`. */
export async function knownHosts(port: number, key: Ssh2KeyPair, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `[127.0.0.1]:${port} ssh-ed25519 ${key.blob.toString('base64')}\n`);
  return path;
}

/** A probe target for the server on `s.port`, trusting `key` as its host key. */
export async function target(s: { port: number }, key = hostKey): Promise<KeyQueryTarget> {
  return { host: 'fake-01', address: '127.0.0.1', port: s.port, knownHosts: await knownHosts(s.port, key, `kh-${s.port}-${Math.random()}`), timeoutMs: 3000 };
}

/** Starts both servers before the file's tests and stops them after. */
export function useKeyProbeServers(): void {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetcheck-probe-'));
    hostKey = ssh2KeyPair();
    keys = Array.from({ length: 8 }, () => ssh2KeyPair());
    server = await startFakeKeyServer(hostKey, { root: [keys[1]!.blob], provops: [keys[0]!.blob, keys[7]!.blob] });
    strict = await startFakeKeyServer(hostKey, { root: [keys[6]!.blob] }, 3);
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await server.stop();
    await strict.stop();
    await rm(dir, { recursive: true, force: true });
  }, HOOK_TIMEOUT_MS);
}
