// An IPMI message inside an open RMCP+ session (IPMI v2.0 §13.28.4, §13.29): AES-CBC-128 around the
// message, HMAC-SHA1-96 or HMAC-SHA256-128 over the packet, or both absent under suite 0. What
// travels this way only reads or ends the session: Set Session Privilege Level, Get User Access,
// Get User Name and Close Session.
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import type { CipherSuite } from './cipher-suite.js';
import { encodeV20, PAYLOAD, PAYLOAD_AUTHENTICATED, PAYLOAD_ENCRYPTED, v20Packet, type DecodedPacket } from './rmcp-packet.js';
import { codesEqual } from './rakp-hmac.js';
import { protocolFailure, type RmcpResult } from './rmcp-failure.js';

/** The keys of one open session, derived from the SIK; never leave the process. */
export interface SessionKeys {
  suite: CipherSuite;
  /** The source of each packet's IV. */
  random: (size: number) => Buffer;
  /** K1: integrity key (empty under suite 0). */
  k1: Buffer;
  /** First 16 bytes of K2: the AES-128 key (empty under suite 0). */
  aesKey: Buffer;
}

/** The confidentiality trailer's pad bytes: 1, 2, 3, … (IPMI v2.0 §13.29). */
const AES_PAD = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

function encrypt(keys: SessionKeys, message: Buffer): Buffer {
  const padLength = (16 - ((message.length + 1) % 16)) % 16;
  const plain = Buffer.alloc(message.length + padLength + 1);
  plain.set(message, 0);
  plain.set(AES_PAD.subarray(0, padLength), message.length);
  plain[plain.length - 1] = padLength;
  const iv = keys.random(16);
  const cipher = createCipheriv('aes-128-cbc', keys.aesKey, iv).setAutoPadding(false);
  return Buffer.concat([iv, cipher.update(plain), cipher.final()]);
}

function integrityCode(keys: SessionKeys, covered: Buffer): Buffer {
  return createHmac(keys.suite.integrityDigest!, keys.k1).update(covered).digest().subarray(0, keys.suite.integrityLength);
}

/** The datagram carrying `message` to the BMC's session `bmcSessionId` as packet number `sequence`. */
export function encodeSessionPacket(keys: SessionKeys, bmcSessionId: number, sequence: number, message: Buffer): Buffer {
  const payload = keys.suite.aes ? encrypt(keys, message) : message;
  const authenticated = keys.suite.integrityDigest !== undefined;
  const typeByte = PAYLOAD.ipmi | (keys.suite.aes ? PAYLOAD_ENCRYPTED : 0) | (authenticated ? PAYLOAD_AUTHENTICATED : 0);
  if (!authenticated) return encodeV20(typeByte, bmcSessionId, sequence, payload);
  // The integrity trailer: 0xff pad to a multiple of 4 from the session header on, its length, next header 0x07, the code.
  const padLength = (4 - ((12 + payload.length + 2) % 4)) % 4;
  const coveredEnd = 16 + payload.length + padLength + 2;
  const packet = v20Packet(typeByte, bmcSessionId, sequence, payload.length, padLength + 2 + keys.suite.integrityLength);
  packet.set(payload, 16);
  packet.fill(0xff, 16 + payload.length, 16 + payload.length + padLength);
  packet[coveredEnd - 2] = padLength;
  packet[coveredEnd - 1] = 0x07;
  packet.set(integrityCode(keys, packet.subarray(4, coveredEnd)), coveredEnd);
  return packet;
}

/**
 * The IPMI message of a reply in the session: addressed to the console's session id, with the
 * suite's protections present and correct (integrity first, then the decrypted padding).
 */
export function decodeSessionPacket(keys: SessionKeys, packet: DecodedPacket, datagram: Buffer, consoleSessionId: number): RmcpResult<Buffer> {
  if (packet.format !== 'v20' || packet.payloadType !== PAYLOAD.ipmi) return protocolFailure('out-of-order', 'an in-session reply that is not an IPMI payload');
  if (packet.sessionId !== consoleSessionId >>> 0) return protocolFailure('out-of-order', 'an in-session reply for another session id');
  const wantAuth = keys.suite.integrityDigest !== undefined;
  if (packet.authenticated !== wantAuth || packet.encrypted !== keys.suite.aes) return protocolFailure('malformed', `an in-session reply without suite ${keys.suite.id}'s protections`);
  if (wantAuth) {
    const code = packet.trailer.subarray(packet.trailer.length - keys.suite.integrityLength);
    const covered = datagram.subarray(4, datagram.length - keys.suite.integrityLength);
    const padLength = packet.trailer.length - keys.suite.integrityLength - 2;
    if (padLength < 0 || padLength > 3 || covered[covered.length - 1] !== 0x07 || covered[covered.length - 2] !== padLength) {
      return protocolFailure('malformed', 'an in-session reply with a malformed integrity trailer');
    }
    if (!codesEqual(code, integrityCode(keys, covered))) return protocolFailure('malformed', 'an in-session reply whose integrity code does not verify');
  }
  if (!keys.suite.aes) return { ok: true, value: packet.payload };
  if (packet.payload.length < 32 || packet.payload.length % 16 !== 0) return protocolFailure('malformed', `an encrypted payload of ${packet.payload.length} bytes`);
  const decipher = createDecipheriv('aes-128-cbc', keys.aesKey, packet.payload.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(packet.payload.subarray(16)), decipher.final()]);
  const padLength = plain[plain.length - 1]!;
  if (padLength > 15 || padLength + 1 > plain.length) return protocolFailure('malformed', 'an encrypted payload with a bad pad length');
  return { ok: true, value: plain.subarray(0, plain.length - 1 - padLength) };
}
