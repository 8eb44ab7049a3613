// Cipher suite 17 (RAKP-HMAC-SHA256) on vectors only: ipmi_sim lacks the suite, so the vectors in
// fixtures/ipmi/suite17/vectors.json were computed with the openssl CLI from the specification's
// byte layouts (make-vectors.sh), and a scripted BMC plays the BMC's side from them.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../../../src/model/secret.js';
import { SUITE_17 } from '../../../../../src/transport/ipmi/rmcp/cipher-suite.js';
import { additionalKey, rakp2Code, rakp3Code, rakp4Code, sessionIntegrityKey, type RakpTranscript } from '../../../../../src/transport/ipmi/rmcp/rakp-hmac.js';
import { beginHandshake } from '../../../../../src/transport/ipmi/rmcp/rmcp-handshake.js';
import { encodeV20, PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import { encodeSessionPacket } from '../../../../../src/transport/ipmi/rmcp/session-packet.js';
import { payloadOf, payloadTypeOf } from './capture-fixture.js';
import { connectTo, replayRandom } from './replay-support.js';
import { scriptedBmc, type ScriptedBmc } from './scripted-bmc.js';

const V = JSON.parse(readFileSync(new URL('../../../../../fixtures/ipmi/suite17/vectors.json', import.meta.url), 'utf8')) as Record<string, string>;
const hex = (k: string): Buffer => Buffer.from(V[k]!, 'hex');
const T: RakpTranscript = {
  consoleSessionId: hex('consoleSessionId').readUInt32LE(),
  bmcSessionId: hex('bmcSessionId').readUInt32LE(),
  consoleRandom: hex('consoleRandom'),
  bmcRandom: hex('bmcRandom'),
  bmcGuid: hex('bmcGuid'),
  role: Number.parseInt(V['role']!, 16),
  userName: Buffer.from(V['user']!),
};
const KEY = Buffer.from(V['password']!);

let peer: ScriptedBmc | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

describe('cipher suite 17 on independently computed vectors', () => {
  it('computes the RAKP 2 and 3 codes, the SIK, the RAKP 4 check value and K1/K2 as openssl did', () => {
    expect(rakp2Code(SUITE_17, KEY, T).toString('hex')).toBe(V['rakp2Code']);
    expect(rakp3Code(SUITE_17, KEY, T).toString('hex')).toBe(V['rakp3Code']);
    const sik = sessionIntegrityKey(SUITE_17, KEY, T);
    expect(sik.toString('hex')).toBe(V['sik']);
    expect(rakp4Code(SUITE_17, sik, T).toString('hex')).toBe(V['rakp4Code']);
    expect(additionalKey(SUITE_17, sik, 1).toString('hex')).toBe(V['k1']);
    expect(additionalKey(SUITE_17, sik, 2).toString('hex')).toBe(V['k2']);
  });

  it('runs a whole suite-17 handshake and Close Session against a BMC scripted from the vectors', async () => {
    peer = await scriptedBmc((datagram) => {
      const p = payloadOf(datagram);
      const tag = p[0]!;
      switch (payloadTypeOf(datagram)) {
        case PAYLOAD.openSessionRequest: {
          const reply = Buffer.concat([Buffer.from([tag, 0, 4, 0]), p.subarray(4, 8), hex('bmcSessionId'), p.subarray(8, 32)]);
          return encodeV20(PAYLOAD.openSessionResponse, 0, 0, reply);
        }
        case PAYLOAD.rakp1:
          return encodeV20(PAYLOAD.rakp2, 0, 0, Buffer.concat([Buffer.from([tag, 0, 0, 0]), hex('consoleSessionId'), hex('bmcRandom'), hex('bmcGuid'), hex('rakp2Code')]));
        case PAYLOAD.rakp3:
          return encodeV20(PAYLOAD.rakp4, 0, 0, Buffer.concat([Buffer.from([tag, 0, 0, 0]), hex('consoleSessionId'), hex('rakp4Code')]));
        default: {
          // Close Session's answer, sealed with openssl's K1/K2 for the console's session id.
          const keys = { suite: SUITE_17, random: () => Buffer.alloc(16, 7), k1: hex('k1'), aesKey: hex('k2').subarray(0, 16) };
          const response = Buffer.from([0x81, 0x1c, 0x63, 0x20, 0x04, 0x3c, 0x00]);
          const sum = (0x100 - (response.subarray(3).reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
          return encodeSessionPacket(keys, T.consoleSessionId, 1, Buffer.concat([response, Buffer.from([sum])]));
        }
      }
    });
    const connection = await connectTo(peer.port, replayRandom([hex('consoleSessionId'), hex('consoleRandom'), hex('iv')]));
    const start = await beginHandshake(connection, { user: 'ADMIN', privilege: 'administrator', suite: SUITE_17 });
    if (!start.ok || start.value.step !== 'challenge') throw new Error(JSON.stringify(start));
    expect(start.value.challenge.confirms(new Secret('Suite17-Vector'))).toBe(true);
    expect(start.value.challenge.confirms(new Secret('Suite17-Vectors'))).toBe(false);
    const session = await start.value.challenge.complete(new Secret('Suite17-Vector'));
    if (!session.ok) throw new Error(session.message);
    expect(payloadOf(peer.received[2]!).subarray(8).toString('hex')).toBe(V['rakp3Code']);
    expect(await session.value.close()).toEqual({ ok: true, value: undefined });
    expect(peer.received[3]!.toString('hex')).toBe(V['closeSessionRequest']);
    expect(connection.ledger.counts).toMatchObject({ begun: 1, finished: 1, unfinished: 0 });
    connection.close();
  });
});
