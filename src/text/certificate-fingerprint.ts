// SHA-256 certificate fingerprints: reading the pin the inventory holds, computing the one a
// BMC presents, and printing both the way `openssl x509 -fingerprint -sha256` does.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Parses a SHA-256 fingerprint: 64 hex digits, optionally in colon-separated pairs, optionally
 * after `sha256:`, `SHA256 ` or openssl's `sha256 Fingerprint=`. Undefined for anything else.
 */
export function parseSha256Fingerprint(text: string): Buffer | undefined {
  const body = text.trim().replace(/^(sha-?256)(\s+fingerprint)?\s*[:= ]\s*/i, '');
  const hex = /^[0-9a-f]{2}(:[0-9a-f]{2}){31}$/i.test(body) ? body.replace(/:/g, '') : body;
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  return Buffer.from(hex, 'hex');
}

/** `AB:CD:…:EF`, 32 colon-separated uppercase pairs. */
export function formatSha256Fingerprint(digest: Buffer): string {
  return digest.toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

/** SHA-256 over a certificate's DER bytes. */
export function certificateSha256(der: Buffer): Buffer {
  return createHash('sha256').update(der).digest();
}

/** True when two fingerprints are the same 32 bytes. */
export function sameFingerprint(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
