import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingAgent } from '../../../../src/transport/ssh/recording-agent.js';
import { planAuthentication } from '../../../../src/transport/ssh/ssh-auth.js';
import type { SshEndpoint } from '../../../../src/transport/ssh/ssh-endpoint.js';
import { TransportError } from '../../../../src/transport/transport-error.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-auth-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const endpoint = (overrides: Partial<SshEndpoint>): SshEndpoint => ({
  host: 'h1',
  address: '127.0.0.1',
  port: 22,
  user: 'root',
  agent: false,
  knownHosts: '/dev/null',
  acceptNewHostKeys: false,
  connectTimeoutMs: 1000,
  ...overrides,
});

async function authError(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TransportError);
  expect((error as TransportError).reason).toBe('auth');
  return error as TransportError;
}

describe('planAuthentication', () => {
  it('needs an identity or an agent', async () => {
    const error = await authError(planAuthentication(endpoint({}), 'h1', {}));
    expect(error.message).toBe('h1: no identity file configured and SSH_AUTH_SOCK is not set');
  });

  it('names a missing identity file', async () => {
    const error = await authError(planAuthentication(endpoint({ identity: join(dir, 'absent') }), 'h1', {}));
    expect(error.message).toContain(`cannot read identity ${join(dir, 'absent')} (not found)`);
  });

  it('refuses a file that is not a private key without quoting it', async () => {
    const path = join(dir, 'not-a-key');
    await writeFile(path, 'SECRET-LOOKING-CONTENT\n');
    const error = await authError(planAuthentication(endpoint({ identity: path }), 'h1', {}));
    expect(error.message).toContain(`identity ${path} is not a usable private key`);
    expect(error.message).not.toContain('SECRET-LOOKING-CONTENT');
  });

  it('uses the agent when asked, and reports what was tried', async () => {
    const plan = await planAuthentication(endpoint({ agent: true }), 'h1', { SSH_AUTH_SOCK: '/run/agent.sock' });
    const picked: unknown[] = [];
    plan.handler(null as unknown as [], false, (m) => picked.push(m));
    plan.handler(['publickey'], false, (m) => picked.push(m));
    expect(picked).toEqual([{ type: 'agent', username: 'root', agent: expect.any(RecordingAgent) }, false]);
    expect(plan.refusal('h1').message).toBe('h1: authentication refused; tried agent (/run/agent.sock); server accepts: publickey');
  });

  it('skips key methods when the server does not accept publickey', async () => {
    const plan = await planAuthentication(endpoint({ agent: true }), 'h1', { SSH_AUTH_SOCK: '/run/agent.sock' });
    const picked: unknown[] = [];
    plan.handler(['password'], false, (m) => picked.push(m));
    expect(picked).toEqual([false]);
    expect(plan.refusal('h1').message).toContain('server accepts: password');
  });
});
