// The socket's own rules, below any protocol: one exchange at a time, and every wait ends (by an
// answer, by cancellation, by closing) without leaving state that a later exchange would trip on.
import { afterEach, describe, expect, it } from 'vitest';
import { UdpExchange, type ReplyVerdict } from '../../../../../src/transport/ipmi/rmcp/udp-exchange.js';
import { scriptedBmc, type ScriptedBmc } from './scripted-bmc.js';

let peer: ScriptedBmc | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

/** Long enough that no test here ends by a timer. */
const POLICY = { packetTimeoutMs: 5000, retries: 0 };
/** Takes any datagram as the answer, as its text. */
const anything = (reply: Buffer): ReplyVerdict<string> => ({ ok: true, value: reply.toString() });

async function exchangeTo(port: number): Promise<UdpExchange> {
  const exchange = await UdpExchange.connect('127.0.0.1', port);
  if (!exchange.ok) throw new Error(exchange.message);
  return exchange.value;
}

describe('UdpExchange', () => {
  it('refuses a second request while one waits, and the first still gets its own answer', async () => {
    peer = await scriptedBmc((d) => Buffer.from(`answer to ${d.toString()}`));
    const exchange = await exchangeTo(peer.port);
    const first = exchange.request(Buffer.from('one'), anything, 'the first request', POLICY);
    const second = await exchange.request(Buffer.from('two'), anything, 'the second request', POLICY);
    expect(second).toEqual({ ok: false, reason: 'protocol', kind: 'socket', message: 'the second request: asked while the first request was waiting for its answer' });
    expect(await first).toEqual({ ok: true, value: 'answer to one' });
    expect(peer.received.map(String)).toEqual(['one']);
    exchange.close();
  });

  it('ends a cancelled wait at once, and the next exchange on the socket works', async () => {
    // The first datagram is never answered; later ones are.
    peer = await scriptedBmc((d, index) => (index === 0 ? undefined : Buffer.from(`answer to ${d.toString()}`)));
    const exchange = await exchangeTo(peer.port);
    const controller = new AbortController();
    const started = performance.now();
    const cancelled = exchange.request(Buffer.from('one'), anything, 'the first request', POLICY, controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect(await cancelled).toMatchObject({ ok: false, reason: 'interrupted', message: 'the first request: cancelled' });
    // At once: long before the packet timeout would have ended the wait.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await exchange.request(Buffer.from('two'), anything, 'the second request', POLICY)).toEqual({ ok: true, value: 'answer to two' });
    exchange.close();
  });

  // The socket's one timer is left armed when an answer comes first. A later wait must last its own
  // whole packet timeout: the time asserted is a lower bound, which a loaded machine only lengthens.
  it.each([
    ["while the first request's wait would still be running", 600, 450],
    ['after the first wait has run out with nothing in flight', 200, 300],
  ])('an unanswered request waits its whole packet timeout %s', async (_when, packetTimeoutMs, pause) => {
    peer = await scriptedBmc((d, index) => (index === 0 ? Buffer.from(`answer to ${d.toString()}`) : undefined));
    const exchange = await exchangeTo(peer.port);
    try {
      const policy = { packetTimeoutMs, retries: 0 };
      expect(await exchange.request(Buffer.from('one'), anything, 'the first request', policy)).toEqual({ ok: true, value: 'answer to one' });
      await new Promise((resolve) => setTimeout(resolve, pause));
      const started = performance.now();
      const second = await exchange.request(Buffer.from('two'), anything, 'the second request', policy);
      expect(second).toMatchObject({ ok: false, reason: 'unreachable', kind: 'no-answer' });
      // Timers may fire a millisecond early by the clock read here.
      expect(performance.now() - started).toBeGreaterThanOrEqual(packetTimeoutMs - 5);
    } finally {
      exchange.close();
    }
  });

  it('ends a waiting exchange when the socket is closed, and refuses any after', async () => {
    peer = await scriptedBmc(() => undefined);
    const exchange = await exchangeTo(peer.port);
    const waiting = exchange.request(Buffer.from('one'), anything, 'the request', POLICY);
    exchange.close();
    expect(await waiting).toMatchObject({ ok: false, reason: 'protocol', kind: 'socket', message: 'the exchange was closed' });
    expect(await exchange.request(Buffer.from('two'), anything, 'a later request', POLICY)).toMatchObject({ ok: false, message: 'a later request: the exchange is closed' });
  });
});
