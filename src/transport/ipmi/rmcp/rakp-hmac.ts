// The keyed codes of the RAKP handshake (IPMI v2.0 §13.28-13.32): what RAKP 2 must carry for a
// candidate password, what RAKP 3 sends, the session integrity key and RAKP 4's check value.
// Every value here is password-equivalent: it stays in memory and is compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CipherSuite } from './cipher-suite.js';

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

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

function hmac(digest: 'sha1' | 'sha256', key: Buffer, ...parts: Buffer[]): Buffer {
  const h = createHmac(digest, key);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** The password as Kuid: its UTF-8 bytes, or undefined when longer than IPMI allows. */
export function passwordKey(password: string): Buffer | undefined {
  const key = Buffer.from(password, 'utf8');
  return key.length <= MAX_PASSWORD_BYTES ? key : undefined;
}

/** HMAC_Kuid(SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm): RAKP 2's key exchange authentication code. */
export function rakp2Code(suite: CipherSuite, key: Buffer, t: RakpTranscript): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  return hmac(suite.rakpDigest, key, u32(t.consoleSessionId), u32(t.bmcSessionId), t.consoleRandom, t.bmcRandom, t.bmcGuid, Buffer.from([t.role, t.userName.length]), t.userName);
}

/** HMAC_Kuid(Rc, SIDm, ROLEm, ULENGTHm, UNAMEm): RAKP 3's code, proving the console holds the password. */
export function rakp3Code(suite: CipherSuite, key: Buffer, t: RakpTranscript): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  return hmac(suite.rakpDigest, key, t.bmcRandom, u32(t.consoleSessionId), Buffer.from([t.role, t.userName.length]), t.userName);
}

/** SIK = HMAC_KG(Rm, Rc, ROLEm, ULENGTHm, UNAMEm), with KG = Kuid (no BMC key set, as on every BMC fleetcheck knows). */
export function sessionIntegrityKey(suite: CipherSuite, key: Buffer, t: RakpTranscript): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  return hmac(suite.rakpDigest, key, t.consoleRandom, t.bmcRandom, Buffer.from([t.role, t.userName.length]), t.userName);
}

/** HMAC_SIK(Rm, SIDc, GUIDc), cut to the suite's length: what RAKP 4 must carry. */
export function rakp4Code(suite: CipherSuite, sik: Buffer, t: RakpTranscript): Buffer {
  if (!suite.rakpDigest) return Buffer.alloc(0);
  return hmac(suite.rakpDigest, sik, t.consoleRandom, u32(t.bmcSessionId), t.bmcGuid).subarray(0, suite.rakp4CodeLength);
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
