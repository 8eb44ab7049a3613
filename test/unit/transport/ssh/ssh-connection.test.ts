import { randomBytes } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fingerprintOfBlob } from '../../../../src/ssh-keys/fingerprint.js';
import { TransportError } from '../../../../src/transport/transport-error.js';
import { openSsh, type RemoteShell, type SshEndpoint } from '../../../../src/transport/ssh/ssh-connection.js';
import { closedPort, startFakeSshServer, startStallingPeer, type FakeSshServer } from './fake-ssh-server.js';
import { ssh2KeyPair, type Ssh2KeyPair } from '../../../support/ssh2-key-pair.js';

const RUN = { timeoutMs: 2000, maxStdoutBytes: 1024 * 1024 };

let dir: string;
let hostKey: Ssh2KeyPair;
let clientKey: Ssh2KeyPair;
let server: FakeSshServer;
let identity: string;
const shells: RemoteShell[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-ssh-'));
  hostKey = ssh2KeyPair();
  clientKey = ssh2KeyPair();
  server = await startFakeSshServer(hostKey, clientKey);
  identity = join(dir, 'id_ed25519');
  await writeFile(identity, clientKey.private, { mode: 0o600 });
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  for (const shell of shells.splice(0)) shell.close();
});

let files = 0;
async function knownHostsWith(text: string | undefined): Promise<string> {
  const path = join(dir, `known_hosts.${++files}`);
  if (text !== undefined) await writeFile(path, text);
  return path;
}

function endpoint(overrides: Partial<SshEndpoint> & { knownHosts: string }): SshEndpoint {
  return {
    host: 'fake-01',
    address: '127.0.0.1',
    port: server.port,
    user: 'root',
    identity,
    agent: false,
    acceptNewHostKeys: false,
    connectTimeoutMs: 2000,
    ...overrides,
  };
}

const recordedLine = () => `[127.0.0.1]:${server.port} ssh-ed25519 ${hostKey.blob.toString('base64')}\n`;

async function open(overrides: Partial<SshEndpoint> & { knownHosts: string }, signal?: AbortSignal): Promise<RemoteShell> {
  const shell = await openSsh(endpoint(overrides), signal ? { signal } : {});
  shells.push(shell);
  return shell;
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError);
    return error as TransportError;
  }
  throw new Error('expected a TransportError');
}

describe('commands over a verified connection', () => {
  it('runs a command and reports its exit code', async () => {
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) });
    const result = await shell.run('echo hello', RUN);
    expect(result.stdout.toString()).toBe('hello\n');
    expect(result).toMatchObject({ stderr: '', exitCode: 0, signal: null });
    expect(result.durationMs).toEqual(expect.any(Number));
  });

  it('reports a connection lost mid-command as protocol', async () => {
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) });
    const error = await failure(shell.run('drop', RUN));
    expect(error.reason).toBe('protocol');
    expect(error.message).toContain('connection closed');
  });

  it('treats a non-zero exit and a signal as data, on the same connection', async () => {
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) });
    expect(await shell.run('fail', RUN)).toMatchObject({ stderr: 'boom\n', exitCode: 3, signal: null });
    expect(await shell.run('killed', RUN)).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
    expect((await shell.run('echo hello', RUN)).exitCode).toBe(0);
  });

  it('delivers stdin and ends it', async () => {
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) });
    // Bytes that differ at every offset, over several of the blocks stdout is gathered in, so a
    // block boundary that dropped, doubled or moved one byte would show.
    const input = randomBytes(900 * 1024 + 17);
    const result = await shell.run('cat', { ...RUN, stdin: input });
    expect(result.stdout.length).toBe(input.length);
    expect(result.stdout.equals(input)).toBe(true);
    expect((await shell.run('cat', RUN)).stdout.length).toBe(0);
  });

  it('caps stderr silently and flags it', async () => {
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) });
    const result = await shell.run('noisy-stderr', { ...RUN, maxStderrBytes: 1000 });
    expect(result.stderr.length).toBe(1000);
    expect(result.stderrTruncated).toBe(true);
    expect(result.stdout.toString()).toBe('ok');
  });
});

describe('host key verification', () => {
  it('refuses a host with no recorded key and names the presented fingerprint', async () => {
    const path = await knownHostsWith(`127.0.0.1 ssh-ed25519 ${ssh2KeyPair().blob.toString('base64')}\n`);
    const error = await failure(open({ knownHosts: path }));
    expect(error.reason).toBe('host-key-unknown');
    expect(error.message).toContain(fingerprintOfBlob(hostKey.blob));
    expect(error.message).toContain(path);
  });

  it('refuses a changed key, even with acceptNewHostKeys, naming both fingerprints and the line', async () => {
    const other = ssh2KeyPair();
    const path = await knownHostsWith(`# lab\n[127.0.0.1]:${server.port} ssh-ed25519 ${other.blob.toString('base64')}\n`);
    const error = await failure(open({ knownHosts: path, acceptNewHostKeys: true }));
    expect(error.reason).toBe('host-key-mismatch');
    expect(error.message).toContain(fingerprintOfBlob(hostKey.blob));
    expect(error.message).toContain(fingerprintOfBlob(other.blob));
    expect(error.message).toContain(`${path}:2`);
    expect(await readFile(path, 'utf8')).not.toContain(hostKey.blob.toString('base64'));
  });

  it('asks only for the recorded key type: a host without it is a mismatch', async () => {
    const ecdsa = ssh2KeyPair('ecdsa');
    const path = await knownHostsWith(`[127.0.0.1]:${server.port} ecdsa-sha2-nistp256 ${ecdsa.blob.toString('base64')}\n`);
    const error = await failure(open({ knownHosts: path, acceptNewHostKeys: true }));
    expect(error.reason).toBe('host-key-mismatch');
    expect(error.message).toContain('none of the recorded host key types (ecdsa-sha2-nistp256)');
    expect(error.message).toContain(`${path}:1`);
  });

  it('treats a @revoked key as a mismatch', async () => {
    const path = await knownHostsWith(`${recordedLine()}@revoked * ssh-ed25519 ${hostKey.blob.toString('base64')}\n`);
    const error = await failure(open({ knownHosts: path }));
    expect(error.reason).toBe('host-key-mismatch');
    expect(error.message).toContain('@revoked');
    expect(error.message).toContain(`${path}:2`);
  });

  it('accepts a new key once by appending it, then verifies against it', async () => {
    const path = await knownHostsWith(undefined);
    const first = await open({ knownHosts: path, acceptNewHostKeys: true });
    expect((await first.run('echo hello', RUN)).exitCode).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(recordedLine());
    const second = await open({ knownHosts: path });
    expect((await second.run('echo hello', RUN)).exitCode).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(recordedLine());
  });

  it('names an unreadable known_hosts file', async () => {
    const error = await failure(open({ knownHosts: dir }));
    expect(error.reason).toBe('host-key-unknown');
    expect(error.message).toContain(dir);
  });
});

describe('authentication', () => {
  it('reports refused keys as auth, saying what was tried without key material', async () => {
    const stranger = ssh2KeyPair();
    const path = join(dir, 'id_stranger');
    await writeFile(path, stranger.private, { mode: 0o600 });
    const error = await failure(open({ knownHosts: await knownHostsWith(recordedLine()), identity: path }));
    expect(error.reason).toBe('auth');
    expect(error.message).toContain(`publickey (identity ${path}`);
    expect(error.message).toContain(fingerprintOfBlob(stranger.blob));
    expect(error.message).not.toContain(stranger.private.split('\n')[1] ?? 'x');
  });

  it('says a passphrase-protected identity needs the agent', async () => {
    const pair = ssh2KeyPair('ed25519', { passphrase: 'secret' });
    const path = join(dir, 'id_locked');
    await writeFile(path, pair.private, { mode: 0o600 });
    const error = await failure(open({ knownHosts: await knownHostsWith(recordedLine()), identity: path }));
    expect(error.reason).toBe('auth');
    expect(error.message).toContain(`identity ${path} is passphrase-protected; use ssh-agent`);
  });
});

describe('limits and deadlines', () => {
  it('fails with output-limit at the limit, closes the channel, and keeps the connection usable', async () => {
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) });
    const closed = server.channelClosed('flood');
    // The flood never ends and the deadline is an hour away: only the output limit can end this run.
    const error = await failure(shell.run('flood', { timeoutMs: 3_600_000, maxStdoutBytes: 256 * 1024 }));
    expect(error.reason).toBe('output-limit');
    await closed;
    expect((await shell.run('echo hello', RUN)).stdout.toString()).toBe('hello\n');
  });

  it('fails a command at its deadline, not before, and closes the connection', async () => {
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) });
    const closed = server.channelClosed('hang');
    const started = server.commandStarted('hang');
    // Only timers are faked, and ssh2 sets none on an open connection: the deadline's own clock
    // decides when the run ends, not how fast this machine is.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let error: TransportError | undefined;
    try {
      const pending = failure(shell.run('hang', { timeoutMs: 300, maxStdoutBytes: 1024 })).then((e) => (error = e));
      await started;
      await vi.advanceTimersByTimeAsync(299);
      expect(error).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await pending;
    } finally {
      vi.useRealTimers();
    }
    expect(error).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/: command did not finish within 300 ms$/) });
    await closed;
    expect((await failure(shell.run('echo hello', RUN))).reason).toBe('timeout');
  });

  it('times out a peer that accepts TCP but never sends a banner', async () => {
    const peer = await startStallingPeer('silent');
    try {
      // The peer never sends a byte nor closes: only the connect deadline can end this, and it closes the socket.
      const error = await failure(open({ knownHosts: await knownHostsWith(''), port: peer.port, connectTimeoutMs: 300 }));
      expect(error.reason).toBe('timeout');
      expect(error.message).toContain('no SSH banner arrived within 300 ms');
      await peer.clientClosed;
    } finally {
      await peer.stop();
    }
  });

  it('times out a peer that stalls after its banner', async () => {
    const peer = await startStallingPeer('banner-only');
    try {
      const error = await failure(open({ knownHosts: await knownHostsWith(''), port: peer.port, connectTimeoutMs: 300 }));
      expect(error.reason).toBe('timeout');
      expect(error.message).toMatch(/key exchange.* within 300 ms$/);
      await peer.clientClosed;
    } finally {
      await peer.stop();
    }
  });

  it('reports a closed port as unreachable', async () => {
    const error = await failure(open({ knownHosts: await knownHostsWith(''), port: await closedPort() }));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('interruption', () => {
  it('refuses to start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(open({ knownHosts: await knownHostsWith(recordedLine()) }, controller.signal));
    expect(error.reason).toBe('interrupted');
  });

  it('ends the connection and the running command when the signal aborts', async () => {
    const controller = new AbortController();
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) }, controller.signal);
    const running = shell.run('hang', { timeoutMs: 5000, maxStdoutBytes: 1024 });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(running);
    expect(error.reason).toBe('interrupted');
    expect((await failure(shell.run('echo hello', RUN))).reason).toBe('interrupted');
  });

  it('adds one listener to a signal shared by many connections, and removes their interest on close', async () => {
    const controller = new AbortController();
    const path = await knownHostsWith(recordedLine());
    const opened = await Promise.all(Array.from({ length: 12 }, () => open({ knownHosts: path }, controller.signal)));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    for (const shell of opened.slice(1)) shell.close();
    controller.abort();
    expect((await failure(opened[0]!.run('echo hello', RUN))).reason).toBe('interrupted');
    expect((await failure(opened[1]!.run('echo hello', RUN))).reason).toBe('protocol');
  });

  it('close() is idempotent and later runs fail cleanly', async () => {
    const shell = await open({ knownHosts: await knownHostsWith(recordedLine()) });
    shell.close();
    shell.close();
    expect((await failure(shell.run('echo hello', RUN))).reason).toBe('protocol');
  });
});
