import { describe, expect, it } from 'vitest';
import { certificateSha256, formatSha256Fingerprint, parseSha256Fingerprint, sameFingerprint } from '../../../src/text/certificate-fingerprint.js';

const HEX = '57f8fda48a8e7e7e175edadd1328c51a5c95c5ae799d4035b7bf28b32dcd4436';
const COLONS = '57:F8:FD:A4:8A:8E:7E:7E:17:5E:DA:DD:13:28:C5:1A:5C:95:C5:AE:79:9D:40:35:B7:BF:28:B3:2D:CD:44:36';

describe('SHA-256 certificate fingerprints', () => {
  it('reads the forms people paste: openssl output, colon pairs, bare hex, a sha256: prefix', () => {
    for (const text of [COLONS, COLONS.toLowerCase(), HEX, `sha256 Fingerprint=${COLONS}`, `SHA256:${HEX}`, `  ${COLONS}\n`]) {
      expect(parseSha256Fingerprint(text)?.toString('hex')).toBe(HEX);
    }
  });

  it('rejects anything that is not 32 bytes of hex', () => {
    for (const text of ['', HEX.slice(2), `${HEX}00`, COLONS.replace(/:/, ''), 'SHA256:V/jtfp', `sha1 Fingerprint=${COLONS}`, HEX.replace('a', 'g')]) {
      expect(parseSha256Fingerprint(text)).toBeUndefined();
    }
  });

  it('prints uppercase colon pairs, as openssl does', () => {
    expect(formatSha256Fingerprint(Buffer.from(HEX, 'hex'))).toBe(COLONS);
  });

  it('hashes DER bytes and compares digests', () => {
    const a = certificateSha256(Buffer.from('der'));
    expect(a).toHaveLength(32);
    expect(sameFingerprint(a, certificateSha256(Buffer.from('der')))).toBe(true);
    expect(sameFingerprint(a, certificateSha256(Buffer.from('other')))).toBe(false);
    expect(sameFingerprint(a, a.subarray(0, 16))).toBe(false);
  });
});
