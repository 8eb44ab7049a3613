// Provider SSH keys as listed in the inventory, turned into fingerprints at load.
import { decodeKeyBlob, fingerprintOfBlob, normaliseFingerprint } from '../ssh-keys/fingerprint.js';
import type { Checked } from './checked.js';
import { safeText } from './safe-text.js';
import type { ProviderKey } from './types.js';

const KEY_TYPE = /^(?:ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|sk-[a-z0-9-]+@openssh\.com)(?:-cert-v01@openssh\.com)?$/;
const EXPECTED = 'expected "<type> <base64> [comment]" or a SHA256: fingerprint';

/** A provider key entry: a full OpenSSH public key line (type, base64, comment) or a SHA256 fingerprint. */
export function parseProviderKey(line: string): Checked<ProviderKey> {
  const text = line.trim();
  if (/^sha256:/i.test(text)) {
    const fingerprint = normaliseFingerprint(text);
    return fingerprint
      ? { ok: true, value: { fingerprint, label: fingerprint } }
      : { ok: false, message: 'expected a SHA256: fingerprint of 43 base64 characters' };
  }
  const tokens = text.split(/\s+/);
  const [type = '', base64 = ''] = tokens;
  if (!KEY_TYPE.test(type)) {
    if (tokens.some((token) => KEY_TYPE.test(token))) {
      return { ok: false, message: 'options before the key type are not allowed here; write "<type> <base64> [comment]"' };
    }
    return { ok: false, message: EXPECTED };
  }
  if (base64 === '') return { ok: false, message: `${EXPECTED}; the key data is missing` };
  const blob = decodeKeyBlob(type, base64);
  if (!blob) return { ok: false, message: `key data is not a valid ${safeText(type, 40)} public key` };
  const fingerprint = fingerprintOfBlob(blob);
  const comment = safeText(tokens.slice(2).join(' '), 80);
  return { ok: true, value: { fingerprint, publicKey: `${type} ${base64}`, label: comment === '' ? fingerprint : comment } };
}
