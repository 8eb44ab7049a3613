// Open Session request and response (IPMI v2.0 §13.17-13.18): the console proposes one cipher
// suite's algorithms and its session id; the BMC accepts them with a session id of its own, or
// refuses with a status.
import type { CipherSuite } from './cipher-suite.js';
import { protocolFailure, type RmcpResult } from './rmcp-failure.js';
import { getUInt32LE, putUInt32LE } from './little-endian.js';

/** An accepted or refused Open Session. */
export type OpenSessionReply =
  | { accepted: true; bmcSessionId: number; maxPrivilege: number; auth: number; integrity: number; confidentiality: number }
  | { accepted: false; status: number };

/**
 * The request: message tag, requested maximum privilege 0 ("the highest the proposed algorithms
 * allow", what ipmitool sends: the privilege asked for is the one in RAKP 1), the console's
 * session id, then the three algorithm payloads of `suite` (each: type, 2 reserved, length 8,
 * algorithm, 3 reserved).
 */
export function encodeOpenSession(tag: number, consoleSessionId: number, suite: CipherSuite): Buffer {
  const b = Buffer.alloc(32);
  b[0] = tag;
  putUInt32LE(b, 4, consoleSessionId);
  [suite.auth, suite.integrity, suite.confidentiality].forEach((algorithm, kind) => {
    b[8 + kind * 8] = kind;
    b[8 + kind * 8 + 3] = 8;
    b[8 + kind * 8 + 4] = algorithm;
  });
  return b;
}

/**
 * Decodes the response and checks it answers the request: same tag; on success 36 bytes, the
 * console's session id echoed, a non-zero BMC session id and exactly the proposed algorithms.
 * A refusal may be as short as tag and status (ipmi_sim sends just those).
 */
export function decodeOpenSession(payload: Buffer, tag: number, consoleSessionId: number, suite: CipherSuite): RmcpResult<OpenSessionReply> {
  if (payload.length < 2) return protocolFailure('malformed', `an Open Session response of ${payload.length} bytes`);
  if (payload[0] !== tag) return protocolFailure('out-of-order', `Open Session response with message tag ${payload[0]}, expected ${tag}`);
  const status = payload[1]!;
  if (status !== 0) {
    if (payload.length > 36) return protocolFailure('oversized', `an Open Session refusal of ${payload.length} bytes`);
    if (payload.length >= 8 && getUInt32LE(payload, 4) !== consoleSessionId >>> 0) return protocolFailure('out-of-order', 'Open Session refusal for another console session id');
    return { ok: true, value: { accepted: false, status } };
  }
  if (payload.length !== 36) return protocolFailure('malformed', `an Open Session response of ${payload.length} bytes, not 36`);
  if (getUInt32LE(payload, 4) !== consoleSessionId >>> 0) return protocolFailure('out-of-order', 'Open Session response for another console session id');
  const bmcSessionId = getUInt32LE(payload, 8);
  if (bmcSessionId === 0) return protocolFailure('malformed', 'Open Session accepted with BMC session id 0');
  const algorithm = (at: number, kind: number): number | undefined => (payload[at] === kind && payload[at + 3] === 8 ? payload[at + 4]! & 0x3f : undefined);
  const auth = algorithm(12, 0);
  const integrity = algorithm(20, 1);
  const confidentiality = algorithm(28, 2);
  if (auth !== suite.auth || integrity !== suite.integrity || confidentiality !== suite.confidentiality) {
    return protocolFailure('malformed', `Open Session accepted algorithms other than suite ${suite.id}'s`);
  }
  return { ok: true, value: { accepted: true, bmcSessionId, maxPrivilege: payload[2]! & 0x0f, auth, integrity, confidentiality } };
}
