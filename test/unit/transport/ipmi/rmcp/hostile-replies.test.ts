// Replies a broken or hostile BMC might send: each ends its step as a classified error within the
// deadline, never as a crash, a refusal read as proof, or a session; and no RAKP 3 follows.
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../../../src/model/secret.js';
import { SUITE_3 } from '../../../../../src/transport/ipmi/rmcp/cipher-suite.js';
import { RmcpConnection } from '../../../../../src/transport/ipmi/rmcp/rmcp-connection.js';
import { beginHandshake } from '../../../../../src/transport/ipmi/rmcp/rmcp-handshake.js';
import { encodeV15, encodeV20, PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import { payloadOf, payloadTypeOf } from './capture-fixture.js';
import { bmcAnsweringRakp1, fittedRakp2, SIM } from './handshake-peer.js';
import { connectTo } from './replay-support.js';
import { scriptedBmc, type ScriptedBmc } from './scripted-bmc.js';

let peer: ScriptedBmc | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

/** Runs one handshake against `peer` and returns its result and whether a RAKP 3 was sent. */
async function handshake(p: ScriptedBmc) {
  const connection = await connectTo(p.port);
  const result = await beginHandshake(connection, { user: 'ADMIN', privilege: 'administrator', suite: SUITE_3 });
  if (result.ok && result.value.step === 'challenge') await result.value.challenge.complete(new Secret('initPass1'));
  connection.close();
  return { result, rakp3: p.received.some((d) => payloadTypeOf(d) === PAYLOAD.rakp3) };
}

describe('hostile RAKP 2 replies', () => {
  const cases: Array<[string, (rakp1: Buffer, sidm: Buffer) => Buffer | Buffer[], string]> = [
    ['truncated payload', (r, s) => fittedRakp2(r, s, (p) => p.subarray(0, 30)), 'malformed'],
    ['length past the datagram', (r, s) => { const d = fittedRakp2(r, s); d.writeUInt16LE(200, 14); return d; }, 'malformed'],
    ['oversized datagram', (r, s) => Buffer.concat([fittedRakp2(r, s), Buffer.alloc(600)]), 'oversized'],
    ['code longer than the suite', (r, s) => fittedRakp2(r, s, (p) => Buffer.concat([p, Buffer.alloc(12)])), 'oversized'],
    ['a tag never sent', (r, s) => fittedRakp2(r, s, (p) => { p[0] = (p[0]! + 100) & 0xff; return p; }), 'out-of-order'],
    ['another console session id', (r, s) => fittedRakp2(r, s, (p) => { p.writeUInt32LE((s.readUInt32LE() ^ 1) >>> 0, 4); return p; }), 'out-of-order'],
    ['a RAKP 4 where RAKP 2 belongs', (r, s) => { const d = fittedRakp2(r, s); d[5] = PAYLOAD.rakp4; return d; }, 'out-of-order'],
    ['session fields set', (r, s) => { const d = fittedRakp2(r, s); d.writeUInt32LE(5, 6); return d; }, 'malformed'],
    ['not RMCP at all', () => Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), 'malformed'],
    ['a v1.5 packet', () => encodeV15(Buffer.alloc(8)), 'out-of-order'],
  ];

  it.each(cases)('%s: a protocol error, no RAKP 3', async (_name, make, kind) => {
    peer = await bmcAnsweringRakp1(make);
    const p = peer;
    const outcome = await (async () => {
      const connection = await connectTo(p.port);
      const result = await beginHandshake(connection, { user: 'ADMIN', privilege: 'administrator', suite: SUITE_3 });
      connection.close();
      return result;
    })();
    expect(outcome).toMatchObject({ ok: false, reason: 'protocol', kind });
    expect(p.received.some((d) => payloadTypeOf(d) === PAYLOAD.rakp3)).toBe(false);
  });

  it('a BMC that goes silent after Open Session is unreachable within the resends, saying it had answered', async () => {
    peer = await bmcAnsweringRakp1(() => undefined);
    const { result, rakp3 } = await handshake(peer);
    expect(result).toMatchObject({ ok: false, reason: 'unreachable', kind: 'no-answer', message: expect.stringMatching(/it had answered before: it may be blocking this address/) });
    // Given up after the one resend the policy allows, not waiting for more.
    expect(peer.received.filter((d) => payloadTypeOf(d) === PAYLOAD.rakp1)).toHaveLength(2); // one send, one resend
    expect(rakp3).toBe(false);
  });

  it('a BMC that never answers is unreachable after the bounded resends', async () => {
    peer = await scriptedBmc(() => undefined);
    const { result } = await handshake(peer);
    expect(result).toMatchObject({ ok: false, reason: 'unreachable', kind: 'no-answer' });
    // One send and the one resend the policy allows, then nothing more.
    expect(peer.received).toHaveLength(2);
  });

  it('ignores a late duplicate of an earlier answer and takes the right one', async () => {
    let openReply: Buffer | undefined;
    let sidm = Buffer.alloc(4);
    peer = await scriptedBmc((datagram) => {
      const p = payloadOf(datagram);
      if (payloadTypeOf(datagram) === PAYLOAD.openSessionRequest) {
        sidm = Buffer.from(p.subarray(4, 8));
        openReply = encodeV20(PAYLOAD.openSessionResponse, 0, 0, Buffer.concat([Buffer.from([p[0]!, 0, 4, 0]), sidm, Buffer.from([2, 1, 0, 0]), p.subarray(8, 32)]));
        return openReply;
      }
      // The Open Session answer again (as after a resend), then the real RAKP 2.
      if (payloadTypeOf(datagram) === PAYLOAD.rakp1) return [openReply!, fittedRakp2(datagram, sidm)];
      return undefined;
    });
    const connection = await connectTo(peer.port);
    const result = await beginHandshake(connection, { user: 'ADMIN', privilege: 'administrator', suite: SUITE_3 });
    expect(result).toMatchObject({ ok: true, value: { step: 'challenge' } });
    connection.close();
  });

  it("ends a whole handshake at the BMC's deadline, whatever resends are left", async () => {
    peer = await bmcAnsweringRakp1(() => undefined);
    const deadline = { at: performance.now() + 200, ms: 200 };
    const slow = await RmcpConnection.open({ address: '127.0.0.1', port: peer.port, policy: { packetTimeoutMs: 150, retries: 5 } });
    if (!slow.ok) throw new Error(slow.message);
    const result = await slow.value.within(deadline, () => beginHandshake(slow.value, { user: 'ADMIN', privilege: 'administrator', suite: SUITE_3 }));
    expect(result).toMatchObject({ ok: false, reason: 'timeout', kind: 'deadline', message: 'RAKP 1 was not answered before the deadline of 200 ms' });
    // Resent every 150 ms, RAKP 1 goes out at most twice before 200 ms: the resends the policy
    // would still allow are left unsent.
    const rakp1Sent = () => peer!.received.filter((d) => payloadTypeOf(d) === PAYLOAD.rakp1).length;
    expect(rakp1Sent()).toBeGreaterThanOrEqual(1);
    expect(rakp1Sent()).toBeLessThanOrEqual(2);
    slow.value.close();
  });

  it('a Get Channel Authentication Capabilities answer with a bad checksum is malformed', async () => {
    const caps = Buffer.from(SIM[1]!);
    caps[caps.length - 1] = caps[caps.length - 1]! ^ 0xff;
    peer = await scriptedBmc((datagram) => {
      const reply = Buffer.from(caps);
      reply[14 + 4] = datagram[14 + 4]!; // echo the request's sequence byte
      return reply;
    });
    const connection = await connectTo(peer.port);
    expect(await connection.authCapabilities(1)).toMatchObject({ ok: false, reason: 'protocol', kind: 'malformed' });
    connection.close();
  });

  it('ignores a late Get Channel Authentication Capabilities answer that arrives during the handshake', async () => {
    /** ipmi_sim's captured answer fitted to a request's sequence byte, its checksum made again. */
    const capsFor = (request: Buffer): Buffer => {
      const reply = Buffer.from(SIM[1]!);
      reply[14 + 4] = request[14 + 4]!;
      let sum = 0;
      for (let i = 14 + 3; i < reply.length - 1; i++) sum += reply[i]!;
      reply[reply.length - 1] = -sum & 0xff;
      return reply;
    };
    let caps: Buffer | undefined;
    let sidm = Buffer.alloc(4);
    peer = await scriptedBmc((datagram) => {
      const p = payloadOf(datagram);
      if (datagram[4] === 0x00) {
        caps = capsFor(datagram);
        return caps;
      }
      if (payloadTypeOf(datagram) === PAYLOAD.openSessionRequest) {
        sidm = Buffer.from(p.subarray(4, 8));
        const open = encodeV20(PAYLOAD.openSessionResponse, 0, 0, Buffer.concat([Buffer.from([p[0]!, 0, 4, 0]), sidm, Buffer.from([2, 1, 0, 0]), p.subarray(8, 32)]));
        // The capabilities answer once more (as when the first one was slow and the request resent), then Open Session's.
        return [caps!, open];
      }
      if (payloadTypeOf(datagram) === PAYLOAD.rakp1) return [caps!, fittedRakp2(datagram, sidm)];
      return undefined;
    });
    const connection = await connectTo(peer.port);
    expect(await connection.authCapabilities(1)).toMatchObject({ ok: true });
    const result = await beginHandshake(connection, { user: 'ADMIN', privilege: 'administrator', suite: SUITE_3 });
    expect(result).toMatchObject({ ok: true, value: { step: 'challenge' } });
    connection.close();
  });

  it('still refuses a v1.5 answer during the handshake when nothing sessionless was ever asked', async () => {
    peer = await bmcAnsweringRakp1(() => Buffer.from(SIM[1]!));
    const connection = await connectTo(peer.port);
    const result = await beginHandshake(connection, { user: 'ADMIN', privilege: 'administrator', suite: SUITE_3 });
    expect(result).toMatchObject({ ok: false, reason: 'protocol', kind: 'out-of-order', message: expect.stringContaining('v1.5 reply during session setup') });
    connection.close();
  });
});
