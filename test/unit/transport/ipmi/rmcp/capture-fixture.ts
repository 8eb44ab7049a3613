// Reads one recorded RMCP+ conversation from fixtures/ipmi/captures/<case>.jsonl (capture.sh).
import { readFileSync } from 'node:fs';
import { PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import type { RakpTranscript } from '../../../../../src/transport/ipmi/rmcp/rakp-hmac.js';

const ROOT = new URL('../../../../../fixtures/ipmi/captures/', import.meta.url);

/** One datagram as recorded, in order. */
export interface CapturedDatagram {
  dir: 'client' | 'bmc';
  bytes: Buffer;
}

/** The datagrams of capture `name`. */
export function capture(name: string): CapturedDatagram[] {
  return readFileSync(new URL(`${name}.jsonl`, ROOT), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const { dir, hex } = JSON.parse(line) as { dir: 'client' | 'bmc'; hex: string };
      return { dir, bytes: Buffer.from(hex, 'hex') };
    });
}

/** The RMCP+ payload of a v2.0 datagram (no trailer). */
export function payloadOf(datagram: Buffer): Buffer {
  return datagram.subarray(16, 16 + datagram.readUInt16LE(14));
}

/** The payload type (low 6 bits) of a v2.0 datagram, or -1 for a v1.5 one. */
export function payloadTypeOf(datagram: Buffer): number {
  return datagram[4] === 0x06 ? datagram[5]! & 0x3f : -1;
}

/** The RAKP transcript of a capture, from its Open Session, RAKP 1 and RAKP 2 payloads. */
export function transcriptOf(name: string): { t: RakpTranscript; rakp2: Buffer; rakp3?: Buffer; rakp4?: Buffer } {
  const d = capture(name).map((x) => x.bytes);
  const byType = (type: number) => d.find((x) => payloadTypeOf(x) === type);
  const open = payloadOf(byType(PAYLOAD.openSessionResponse)!);
  const r1 = payloadOf(byType(PAYLOAD.rakp1)!);
  const r2 = payloadOf(byType(PAYLOAD.rakp2)!);
  const r3 = byType(PAYLOAD.rakp3);
  const r4 = byType(PAYLOAD.rakp4);
  const t: RakpTranscript = {
    consoleSessionId: open.readUInt32LE(4),
    bmcSessionId: open.readUInt32LE(8),
    consoleRandom: r1.subarray(8, 24),
    role: r1[24]!,
    userName: r1.subarray(28, 28 + r1[27]!),
    bmcRandom: r2.subarray(8, 24),
    bmcGuid: r2.subarray(24, 40),
  };
  return { t, rakp2: r2, ...(r3 ? { rakp3: payloadOf(r3) } : {}), ...(r4 ? { rakp4: payloadOf(r4) } : {}) };
}
