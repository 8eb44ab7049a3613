// The RMCP and IPMI session headers around every datagram (IPMI v2.0 §13.1-13.8): one encoder and
// one strict decoder for the pre-session packets fleetcheck sends and reads. Authenticated and
// encrypted in-session packets are built in session-packet.ts on top of `v20Packet`.
import { getUInt32LE, putUInt32LE } from './little-endian.js';
import { protocolFailure, type RmcpResult } from './rmcp-failure.js';

/** RMCP header: version 6, reserved, sequence 0xff (no RMCP ACK), class IPMI. */
export const RMCP_HEADER = Buffer.from([0x06, 0x00, 0xff, 0x07]);
/** The session header's authentication type for an IPMI v2.0/RMCP+ packet. */
export const AUTH_TYPE_RMCPP = 0x06;
/** No authentication: the IPMI v1.5 header of Get Channel Authentication Capabilities. */
export const AUTH_TYPE_NONE = 0x00;

/** RMCP+ payload types (§13.27.3) fleetcheck speaks. */
export const PAYLOAD = {
  ipmi: 0x00,
  openSessionRequest: 0x10,
  openSessionResponse: 0x11,
  rakp1: 0x12,
  rakp2: 0x13,
  rakp3: 0x14,
  rakp4: 0x15,
} as const;

/** Bits of the payload type byte. */
export const PAYLOAD_ENCRYPTED = 0x80;
export const PAYLOAD_AUTHENTICATED = 0x40;

/** Longest datagram any reply fleetcheck waits for can be; anything longer is refused unread. */
export const MAX_REPLY_BYTES = 512;

/** A decoded packet: which header it had and what it carries. */
export type DecodedPacket =
  | { format: 'v15'; authType: number; sequence: number; sessionId: number; payload: Buffer }
  | { format: 'v20'; payloadType: number; encrypted: boolean; authenticated: boolean; sessionId: number; sequence: number; payload: Buffer; trailer: Buffer };

/** An IPMI v1.5 packet without authentication (only Get Channel Authentication Capabilities uses it). */
export function encodeV15(payload: Buffer): Buffer {
  // Sequence and session id stay 0: no session.
  const packet = Buffer.alloc(4 + 10 + payload.length);
  packet.set(RMCP_HEADER, 0);
  packet[4] = AUTH_TYPE_NONE;
  packet[13] = payload.length;
  packet.set(payload, 14);
  return packet;
}

/**
 * A zeroed IPMI v2.0 packet with its RMCP and session headers written, for a payload of
 * `payloadLength` bytes and `trailerLength` bytes after it; the caller writes both from byte 16 on.
 */
export function v20Packet(typeByte: number, sessionId: number, sequence: number, payloadLength: number, trailerLength: number): Buffer {
  const packet = Buffer.alloc(4 + 12 + payloadLength + trailerLength);
  packet.set(RMCP_HEADER, 0);
  packet[4] = AUTH_TYPE_RMCPP;
  packet[5] = typeByte;
  putUInt32LE(packet, 6, sessionId);
  putUInt32LE(packet, 10, sequence);
  packet[14] = payloadLength & 0xff;
  packet[15] = payloadLength >>> 8;
  return packet;
}

/** An IPMI v2.0 packet outside a session, or with a plain payload inside a suite-0 session. */
export function encodeV20(payloadType: number, sessionId: number, sequence: number, payload: Buffer): Buffer {
  const packet = v20Packet(payloadType, sessionId, sequence, payload.length, 0);
  packet.set(payload, 16);
  return packet;
}

/**
 * Decodes one datagram. Lengths are checked against what arrived: a payload length past the end is
 * 'malformed'; bytes after an unauthenticated payload are 'malformed' too (except the one legacy pad
 * byte v1.5 BMCs may add), since a well-formed reply has none.
 */
export function decodePacket(datagram: Buffer): RmcpResult<DecodedPacket> {
  if (datagram.length > MAX_REPLY_BYTES) return protocolFailure('oversized', `a ${datagram.length}-byte datagram, more than the ${MAX_REPLY_BYTES} bytes any reply may have`);
  if (datagram.length < 4 + 10) return protocolFailure('malformed', `a ${datagram.length}-byte datagram is too short for RMCP and session headers`);
  if (datagram[0] !== 0x06 || datagram[2] !== 0xff || (datagram[3]! & 0x1f) !== 0x07) {
    return protocolFailure('malformed', 'not an RMCP IPMI-class packet (bad RMCP header)');
  }
  return (datagram[4]! & 0x0f) === AUTH_TYPE_RMCPP ? decodeV20(datagram) : decodeV15(datagram);
}

/** An IPMI v1.5 session header: auth type, sequence (4), session id (4), [auth code (16)], length (1). */
function decodeV15(datagram: Buffer): RmcpResult<DecodedPacket> {
  const authType = datagram[4]! & 0x0f;
  const hasCode = authType !== AUTH_TYPE_NONE;
  const lengthAt = 4 + 9 + (hasCode ? 16 : 0);
  if (datagram.length <= lengthAt) return protocolFailure('malformed', 'IPMI v1.5 session header cut short');
  const length = datagram[lengthAt]!;
  const start = lengthAt + 1;
  const extra = datagram.length - start - length;
  if (extra < 0) return protocolFailure('malformed', `IPMI v1.5 payload length ${length} runs past the datagram's end`);
  if (extra > 1) return protocolFailure('malformed', `${extra} stray bytes after an IPMI v1.5 payload`);
  return { ok: true, value: { format: 'v15', authType, sequence: getUInt32LE(datagram, 5), sessionId: getUInt32LE(datagram, 9), payload: datagram.subarray(start, start + length) } };
}

/** An IPMI v2.0 session header: auth type, payload type, session id (4), sequence (4), length (2). */
function decodeV20(datagram: Buffer): RmcpResult<DecodedPacket> {
  if (datagram.length < 4 + 12) return protocolFailure('malformed', 'IPMI v2.0 session header cut short');
  const typeByte = datagram[5]!;
  const payloadType = typeByte & 0x3f;
  if (payloadType === 0x02) return protocolFailure('malformed', 'an OEM-explicit payload, which no fleetcheck request asks for');
  const length = datagram[14]! | (datagram[15]! << 8);
  const start = 16;
  if (start + length > datagram.length) return protocolFailure('malformed', `IPMI v2.0 payload length ${length} runs past the datagram's end`);
  const authenticated = (typeByte & PAYLOAD_AUTHENTICATED) !== 0;
  const trailer = datagram.subarray(start + length);
  if (!authenticated && trailer.length > 0) return protocolFailure('malformed', `${trailer.length} stray bytes after an unauthenticated IPMI v2.0 payload`);
  return {
    ok: true,
    value: {
      format: 'v20',
      payloadType,
      encrypted: (typeByte & PAYLOAD_ENCRYPTED) !== 0,
      authenticated,
      sessionId: getUInt32LE(datagram, 6),
      sequence: getUInt32LE(datagram, 10),
      payload: datagram.subarray(start, start + length),
      trailer,
    },
  };
}
