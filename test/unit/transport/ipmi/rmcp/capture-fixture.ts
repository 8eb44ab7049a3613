// Reads one recorded RMCP+ conversation from fixtures/ipmi/captures/<case>.jsonl (capture.sh).
import { readFileSync } from 'node:fs';

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
