// RAKP messages 1 to 4 (IPMI v2.0 §13.20-13.23): their bytes and strict decoders. RAKP 2's code
// and RAKP 4's check value are returned as-is for rakp-hmac.ts to compare; never shown anywhere.
import type { CipherSuite } from './cipher-suite.js';
import { protocolFailure, type RmcpResult } from './rmcp-failure.js';
import { getUInt32LE, putUInt32LE } from './little-endian.js';

/** RAKP 1's lookup bit: find the user by name only (ipmitool's default), not by name and privilege. */
export const NAME_ONLY_LOOKUP = 0x10;

/** RAKP 2 as received: refused with a status, or the BMC's random number, GUID and code. */
export type Rakp2Reply = { accepted: true; bmcRandom: Buffer; bmcGuid: Buffer; code: Buffer } | { accepted: false; status: number };

/** RAKP 4 as received. */
export type Rakp4Reply = { status: number; code: Buffer };

/** RAKP 1: tag, BMC session id, the console's random number, role byte, user name (0-16 bytes). */
export function encodeRakp1(tag: number, bmcSessionId: number, consoleRandom: Buffer, role: number, userName: Buffer): Buffer {
  const b = Buffer.alloc(28 + userName.length);
  b[0] = tag;
  putUInt32LE(b, 4, bmcSessionId);
  b.set(consoleRandom, 8);
  b[24] = role;
  b[27] = userName.length;
  b.set(userName, 28);
  return b;
}

/** RAKP 3: tag, status 0, BMC session id, the console's code. */
export function encodeRakp3(tag: number, bmcSessionId: number, code: Buffer): Buffer {
  const b = Buffer.alloc(8 + code.length);
  b[0] = tag;
  putUInt32LE(b, 4, bmcSessionId);
  b.set(code, 8);
  return b;
}

function checkHead(what: string, payload: Buffer, tag: number, consoleSessionId: number): RmcpResult<number> {
  if (payload.length < 2) return protocolFailure('malformed', `a ${what} of ${payload.length} bytes`);
  if (payload[0] !== tag) return protocolFailure('out-of-order', `${what} with message tag ${payload[0]}, expected ${tag}`);
  if (payload.length >= 8 && getUInt32LE(payload, 4) !== consoleSessionId >>> 0) return protocolFailure('out-of-order', `${what} for another console session id`);
  return { ok: true, value: payload[1]! };
}

/** Decodes RAKP 2: the tag and console session id must match; on success exactly 40 + code bytes. */
export function decodeRakp2(payload: Buffer, tag: number, consoleSessionId: number, suite: CipherSuite): RmcpResult<Rakp2Reply> {
  const head = checkHead('RAKP 2', payload, tag, consoleSessionId);
  if (!head.ok) return head;
  if (head.value !== 0) {
    // ipmi_sim sends a refusal at full length (zeros after the session id); more is never valid.
    if (payload.length > 40 + suite.rakpCodeLength) return protocolFailure('oversized', `a RAKP 2 refusal of ${payload.length} bytes`);
    return { ok: true, value: { accepted: false, status: head.value } };
  }
  const want = 40 + suite.rakpCodeLength;
  if (payload.length !== want) return protocolFailure(payload.length > want ? 'oversized' : 'malformed', `a RAKP 2 of ${payload.length} bytes, not ${want} for suite ${suite.id}`);
  return { ok: true, value: { accepted: true, bmcRandom: Buffer.from(payload.subarray(8, 24)), bmcGuid: Buffer.from(payload.subarray(24, 40)), code: Buffer.from(payload.subarray(40)) } };
}

/** Decodes RAKP 4: the tag and console session id must match; on success exactly 8 + check value bytes. */
export function decodeRakp4(payload: Buffer, tag: number, consoleSessionId: number, suite: CipherSuite): RmcpResult<Rakp4Reply> {
  const head = checkHead('RAKP 4', payload, tag, consoleSessionId);
  if (!head.ok) return head;
  if (head.value !== 0) {
    if (payload.length > 8 + suite.rakp4CodeLength) return protocolFailure('oversized', `a RAKP 4 refusal of ${payload.length} bytes`);
    return { ok: true, value: { status: head.value, code: Buffer.alloc(0) } };
  }
  const want = 8 + suite.rakp4CodeLength;
  if (payload.length !== want) return protocolFailure(payload.length > want ? 'oversized' : 'malformed', `a RAKP 4 of ${payload.length} bytes, not ${want} for suite ${suite.id}`);
  return { ok: true, value: { status: 0, code: Buffer.from(payload.subarray(8)) } };
}
