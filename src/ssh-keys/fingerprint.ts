// OpenSSH-style SHA256 fingerprints, the one key identity every check and message uses.
import { createHash } from 'node:crypto';

/** The `SHA256:…` fingerprint OpenSSH prints for a public key blob (unpadded base64). */
export function fingerprintOfBlob(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** The key type named inside a public key blob (its first SSH string), or undefined if malformed. */
export function keyTypeOfBlob(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) return undefined;
  const type = blob.subarray(4, 4 + len).toString('latin1');
  return /^[\x21-\x7e]+$/.test(type) ? type : undefined;
}

/** Decodes the base64 part of a key line strictly: undefined unless it is a well-formed blob of `type`. */
export function decodeKeyBlob(type: string, base64: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const blob = Buffer.from(base64, 'base64');
  return keyTypeOfBlob(blob) === type ? blob : undefined;
}

/** Normalises a user-written fingerprint ("SHA256:abc", "sha256:abc=") to OpenSSH's spelling. */
export function normaliseFingerprint(text: string): string | undefined {
  const m = /^sha256:([A-Za-z0-9+/]{43})=?$/i.exec(text.trim());
  return m ? `SHA256:${m[1]}` : undefined;
}
