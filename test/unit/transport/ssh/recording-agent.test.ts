import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOfBlob } from '../../../../src/ssh-keys/fingerprint.js';
import { openSsh } from '../../../../src/transport/ssh/ssh-connection.js';
import { startFakeSshServer, type FakeSshServer } from './fake-ssh-server.js';
import { ssh2KeyPair, type Ssh2KeyPair } from '../../../support/ssh2-key-pair.js';

// Servers, keys and agents start in the hooks; on a loaded machine that can outlast the 10 s default.
const HOOK_TIMEOUT_MS = 30_000;

// A real OpenSSH ssh-agent (openssh-client) holding a key the fake server accepts.
let dir = '';
let agentPid: number | undefined;
let socket = '';
let server: FakeSshServer;
let hostKey: Ssh2KeyPair;
let clientKey: Ssh2KeyPair;
let knownHosts = '';
let identity = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-agent-'));
  hostKey = ssh2KeyPair();
  clientKey = ssh2KeyPair();
  server = await startFakeSshServer(hostKey, clientKey);
  knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${server.port} ssh-ed25519 ${hostKey.blob.toString('base64')}\n`);
  identity = join(dir, 'id_ed25519');
  await writeFile(identity, clientKey.private, { mode: 0o600 });
  socket = join(dir, 'agent.sock');
  const out = execFileSync('ssh-agent', ['-s', '-a', socket], { encoding: 'utf8' });
  agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)![1]);
  // A key the server refuses first, so the accepted one is not merely the only one.
  const other = join(dir, 'other');
  await writeFile(other, ssh2KeyPair().private, { mode: 0o600 });
  execFileSync('ssh-add', ['-q', other, identity], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  if (agentPid) process.kill(agentPid, 'SIGTERM');
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

describe('the login names the key sshd accepted', () => {
  it('through the agent: the key the agent signed with last', async () => {
    const saved = process.env['SSH_AUTH_SOCK'];
    process.env['SSH_AUTH_SOCK'] = socket;
    try {
      const shell = await openSsh({ host: 'fake', address: '127.0.0.1', port: server.port, user: 'root', agent: true, knownHosts, acceptNewHostKeys: false, connectTimeoutMs: 3000 });
      expect(shell.authenticatedKey).toBe(fingerprintOfBlob(clientKey.blob));
      shell.close();
    } finally {
      if (saved === undefined) delete process.env['SSH_AUTH_SOCK'];
      else process.env['SSH_AUTH_SOCK'] = saved;
    }
  });

  it('through an identity file: that key', async () => {
    const shell = await openSsh({ host: 'fake', address: '127.0.0.1', port: server.port, user: 'root', identity, agent: false, knownHosts, acceptNewHostKeys: false, connectTimeoutMs: 3000 });
    expect(shell.authenticatedKey).toBe(fingerprintOfBlob(clientKey.blob));
    shell.close();
  });
});
