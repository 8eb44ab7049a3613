import { describe, expect, it } from 'vitest';
import { classifySshError } from '../../../../src/transport/ssh/classify-ssh-error.js';

const withProps = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

describe('classifySshError', () => {
  it.each([
    ['refused', withProps('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED', level: 'client-socket' }), 'tcp', 'unreachable'],
    ['no route', withProps('x', { code: 'EHOSTUNREACH' }), 'tcp', 'unreachable'],
    ['net unreachable', withProps('x', { code: 'ENETUNREACH' }), 'tcp', 'unreachable'],
    ['unknown name', withProps('getaddrinfo ENOTFOUND nowhere', { code: 'ENOTFOUND' }), 'tcp', 'unreachable'],
    ['kernel timeout', withProps('x', { code: 'ETIMEDOUT' }), 'tcp', 'timeout'],
    ['ssh2 ready timeout', withProps('Timed out while waiting for handshake', { level: 'client-timeout' }), 'kex', 'timeout'],
    ['reset', withProps('read ECONNRESET', { code: 'ECONNRESET' }), 'kex', 'protocol'],
    ['disconnect in kex', withProps('bye', { code: 11 }), 'kex', 'protocol'],
    ['disconnect in auth', withProps('Too many authentication failures', { code: 2 }), 'auth', 'auth'],
    ['handshake', withProps('Handshake failed: no matching C->S cipher', { level: 'handshake' }), 'kex', 'protocol'],
    ['anything else', new Error('weird'), 'session', 'protocol'],
    ['not an error at all', 'string thrown', 'session', 'protocol'],
  ])('%s → %s', (_name, error, phase, reason) => {
    const classified = classifySshError(error, 'h1 (root@127.0.0.1:22)', phase as 'tcp');
    expect(classified.reason).toBe(reason);
    expect(classified.message.startsWith('h1 (root@127.0.0.1:22): ')).toBe(true);
    expect(classified.cause).toBe(error);
  });

  it('strips control characters from peer-supplied text', () => {
    const classified = classifySshError(withProps('evil\u001b[2J\r\nline', { code: 2 }), 'h1', 'kex');
    expect(classified.message).not.toMatch(/[\x00-\x1f\x7f]/);
    expect(classified.message).toContain('evil?[2J??line');
  });
});
