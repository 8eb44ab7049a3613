// The session headers' numeric fields across their whole range: the encoder writes and the decoder
// reads them byte by byte, so the top bit of a 32-bit id and both bytes of a length are checked here.
import { describe, expect, it } from 'vitest';
import { decodePacket, encodeV15, encodeV20, PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';

describe('RMCP packet headers', () => {
  it.each([
    [0, 0, 0],
    [0xfedcba98, 0x80000001, 300],
    [0xffffffff, 0xffffffff, 0x1f0], // 512 bytes in all: the longest reply allowed
  ])('a v2.0 header with session id %i, sequence %i and a %i-byte payload reads back as written', (sessionId, sequence, length) => {
    const payload = Buffer.alloc(length, 0xa5);
    const datagram = encodeV20(PAYLOAD.ipmi, sessionId, sequence, payload);
    // The same bytes Buffer's own little-endian writers would have put there.
    const expected = Buffer.alloc(10);
    expected.writeUInt32LE(sessionId, 0);
    expected.writeUInt32LE(sequence, 4);
    expected.writeUInt16LE(length, 8);
    expect(datagram.subarray(6, 16).equals(expected)).toBe(true);
    expect(decodePacket(datagram)).toMatchObject({ ok: true, value: { format: 'v20', payloadType: PAYLOAD.ipmi, sessionId, sequence, payload } });
  });

  it('refuses a datagram longer than any reply before reading its header', () => {
    expect(decodePacket(encodeV20(PAYLOAD.ipmi, 1, 1, Buffer.alloc(0x1ff)))).toMatchObject({ ok: false, kind: 'oversized' });
  });

  it('reads a v1.5 header with its session id and sequence as sent', () => {
    const datagram = encodeV15(Buffer.from([1, 2, 3]));
    datagram.writeUInt32LE(0x89abcdef, 5);
    datagram.writeUInt32LE(0xf0000001, 9);
    expect(decodePacket(datagram)).toMatchObject({ ok: true, value: { format: 'v15', sequence: 0x89abcdef, sessionId: 0xf0000001, payload: Buffer.from([1, 2, 3]) } });
  });
});
