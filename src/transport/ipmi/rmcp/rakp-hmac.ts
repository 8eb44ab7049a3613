// The keyed codes of the RAKP handshake (IPMI v2.0 §13.28-13.32): what RAKP 2 must carry for a
// candidate password, what RAKP 3 sends, the session integrity key and RAKP 4's check value.
// Every value here is password-equivalent: it stays in memory and is compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CipherSuite } from './cipher-suite.js';
import { putUInt32LE } from './little-endian.js';

/** Everything both sides have seen once RAKP 2 arrived; the inputs of every code below. */
export interface RakpTranscript {
  consoleSessionId: number; // SIDm
  bmcSessionId: number; // SIDc
  consoleRandom: Buffer; // Rm, 16 bytes
  bmcRandom: Buffer; // Rc, 16 bytes
  bmcGuid: Buffer; // GUIDc, 16 bytes
  /** The RAKP 1 role byte as sent: privilege plus the name-only lookup bit. */
  role: number;
  userName: Buffer;
}

/** IPMI keys are at most 20 bytes (Kuid); HMAC pads shorter ones with zeros, as the spec's zero padding does. */
export const MAX_PASSWORD_BYTES = 20;

// Each code's input is laid out byte by byte as the specification lists it: Rm, Rc and GUIDc are
// 16 bytes, session ids 4 bytes little-endian, then ROLEm, ULENGTHm and UNAMEm.

/** ROLEm, ULENGTHm and UNAMEm written into `b` at `at`. */
function writeRoleAndName(b: Buffer, at: number, t: RakpTranscript): Buffer {
  b[at] = t.role;
  b[at + 1] = t.userName.length;
  b.set(t.userName, at + 2);
  return b;
}

function hmac(digest: 'sha1' | 'sha256', key: Buffer, data: Buffer): Buffer {
  return createHmac(digest, key).update(data).digest();
}

/** The password as Kuid: its UTF-8 bytes, or undefined when longer than IPMI allows. */
export function passwordKey(password: string): Buffer | undefined {
  const key = Buffer.from(password, 'utf8');
  return key.length <= MAX_PASSWORD_BYTES ? key : undefined;
}

/** What RAKP 2's code covers: SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm. The same bytes for every candidate password. */
export function rakp2Input(t: RakpTranscript): Buffer {
  const b = Buffer.alloc(58 + t.userName.length);
  putUInt32LE(b, 0, t.consoleSessionId);
  putUInt32LE(b, 4, t.bmcSessionId);
  b.set(t.consoleRandom, 8);
  b.set(t.bmcRandom, 24);
  b.set(t.bmcGuid, 40);
  return writeRoleAndName(b, 56, t);
}

/** HMAC_Kuid over `input` (`rakp2Input`): RAKP 2's key exchange authentication code for the password `key`. */
export function rakp2CodeOver(suite: CipherSuite, key: Buffer, input: Buffer): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  return hmac(suite.rakpDigest, key, input);
}

/** HMAC_Kuid(SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm): RAKP 2's key exchange authentication code. */
export function rakp2Code(suite: CipherSuite, key: Buffer, t: RakpTranscript): Buffer {
  return rakp2CodeOver(suite, key, rakp2Input(t));
}

/** HMAC_Kuid(Rc, SIDm, ROLEm, ULENGTHm, UNAMEm): RAKP 3's code, proving the console holds the password. */
export function rakp3Code(suite: CipherSuite, key: Buffer, t: RakpTranscript): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  const b = Buffer.alloc(22 + t.userName.length);
  b.set(t.bmcRandom, 0);
  putUInt32LE(b, 16, t.consoleSessionId);
  return hmac(suite.rakpDigest, key, writeRoleAndName(b, 20, t));
}

/** SIK = HMAC_KG(Rm, Rc, ROLEm, ULENGTHm, UNAMEm), with KG = Kuid (no BMC key set, as on every BMC fleetcheck knows). */
export function sessionIntegrityKey(suite: CipherSuite, key: Buffer, t: RakpTranscript): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  const b = Buffer.alloc(34 + t.userName.length);
  b.set(t.consoleRandom, 0);
  b.set(t.bmcRandom, 16);
  return hmac(suite.rakpDigest, key, writeRoleAndName(b, 32, t));
}

/** HMAC_SIK(Rm, SIDc, GUIDc), cut to the suite's length: what RAKP 4 must carry. */
export function rakp4Code(suite: CipherSuite, sik: Buffer, t: RakpTranscript): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  const b = Buffer.alloc(36);
  b.set(t.consoleRandom, 0);
  putUInt32LE(b, 16, t.bmcSessionId);
  b.set(t.bmcGuid, 20);
  return hmac(suite.rakpDigest, sik, b).subarray(0, suite.rakp4CodeLength);
}

/** K1 (integrity) and K2 (AES key: its first 16 bytes): HMAC_SIK of twenty 0x01 or 0x02 bytes. */
export function additionalKey(suite: CipherSuite, sik: Buffer, n: 1 | 2): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  return hmac(suite.rakpDigest, sik, Buffer.alloc(20, n));
}

/** Constant-time equality of two codes of possibly different length. */
export function codesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
