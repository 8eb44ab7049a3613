// The handshake steps against ipmi_sim's captured answers: the native client sends what ipmitool
// sent, byte for byte (message tags aside), completes only for a password RAKP 2 confirmed, and
// leaves every other handshake without a RAKP 3.
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../../../src/model/secret.js';
import { SUITE_3 } from '../../../../../src/transport/ipmi/rmcp/cipher-suite.js';
import { beginHandshake } from '../../../../../src/transport/ipmi/rmcp/rmcp-handshake.js';
import { PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import { inspect } from 'node:util';
import { capture, payloadOf, payloadTypeOf } from './capture-fixture.js';
import { connectTo, replayCapture, untagged } from './replay-support.js';
import type { ScriptedBmc } from './scripted-bmc.js';

let peer: ScriptedBmc | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

/** A handshake as ADMIN at administrator level against a capture's answers, up to its RAKP 2 challenge. */
async function challengeOf(captureName: string) {
  const replay = await replayCapture(captureName);
  peer = replay.peer;
  const connection = await connectTo(peer.port, replay.random);
  const start = await beginHandshake(connection, { user: 'ADMIN', privilege: 'administrator', suite: SUITE_3 });
  if (!start.ok || start.value.step !== 'challenge') throw new Error(JSON.stringify(start));
  return { replay, bmc: replay.peer, connection, challenge: start.value.challenge };
}

describe('the RMCP+ handshake against captured ipmi_sim answers', () => {
  it('completes the stored password into a session, sending what ipmitool sent', async () => {
    const { replay, bmc, connection, challenge } = await challengeOf('admin-session');
    expect(challenge.confirms(new Secret('initPass1'))).toBe(true);
    expect(challenge.confirms(new Secret('ADMIN'))).toBe(false);
    const session = await challenge.complete(new Secret('initPass1'));
    expect(session.ok).toBe(true);
    expect(bmc.received.map(untagged)).toEqual(replay.ipmitoolSent.map(untagged));
    // The RAKP 2 code and the session keys are password-equivalent: no view of either object shows them.
    const code = payloadOf(capture('admin-session').find((d) => payloadTypeOf(d.bytes) === PAYLOAD.rakp2)!.bytes).subarray(40).toString('hex');
    if (!session.ok) throw new Error(session.message);
    for (const view of [inspect(challenge, { depth: 10 }), inspect(session.value, { depth: 10 }), JSON.stringify(challenge), JSON.stringify(session.value)]) {
      expect(view).not.toContain(code);
      expect(view).not.toMatch(/initPass1/);
    }
    expect(connection.ledger.counts).toMatchObject({ begun: 1, finished: 1, unfinished: 0 });
    connection.close();
  });

  it('sends no RAKP 3 for a password the RAKP 2 code refutes, and counts the handshake unfinished', async () => {
    const { bmc, connection, challenge } = await challengeOf('wrong-password');
    for (const wrong of ['notThePassword', '', 'ADMIN', 'x'.repeat(21)]) {
      const result = await challenge.complete(new Secret(wrong));
      expect(result).toMatchObject({ ok: false, reason: 'auth' });
    }
    expect(bmc.received.some((d) => payloadTypeOf(d) === PAYLOAD.rakp3)).toBe(false);
    challenge.abandon();
    expect(connection.ledger.counts).toMatchObject({ begun: 1, finished: 0, unfinished: 1, rakp3Sent: 0 });
    connection.close();
  });

  it('after confirming the right password, still sends no RAKP 3 for a wrong one', async () => {
    // The challenge remembers the password its code last confirmed, to skip computing it again on
    // completion; only that very password may skip the check.
    const { bmc, connection, challenge } = await challengeOf('admin-session');
    expect(challenge.judge(new Secret('initPass1'))).toBe('confirmed');
    expect(await challenge.complete(new Secret('ADMIN'))).toMatchObject({ ok: false, reason: 'auth' });
    expect(bmc.received.some((d) => payloadTypeOf(d) === PAYLOAD.rakp3)).toBe(false);
    connection.close();
  });

  it('reads an unknown user as a RAKP 2 refusal, with no RAKP 3', async () => {
    const replay = await replayCapture('unknown-user');
    peer = replay.peer;
    const connection = await connectTo(peer.port, replay.random);
    const start = await beginHandshake(connection, { user: 'nosuchuser', privilege: 'user', suite: SUITE_3 });
    expect(start).toMatchObject({ ok: true, value: { step: 'rakp2-refused', status: 0x0d } });
    expect(peer.received.some((d) => payloadTypeOf(d) === PAYLOAD.rakp3)).toBe(false);
    connection.close();
  });
});
