// Dell iDRAC 9's read-only proof of the BIOS setup password: its Bios attributes carry
// SHA256SetupPassword and SHA256SetupPasswordSalt (real capture, fixtures/redfish-mockups/dell).
// Dell documents sha256(password + salt) for iDRAC user passwords (iDRAC9 user's guide,
// "Generating hash password"); that the BIOS uses the same formula, and whether the salt enters
// as its hex text or as the bytes it spells, is unverified, so both readings are tried. A match
// under either proves the password (no other password gives that digest); a mismatch only says
// that the formula, or the password, differs. Pure; the digests never leave this file.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../../../model/secret.js';

/** What the comparison found. */
export type DellSetupHashResult =
  /** sha256(stored + salt) equals SHA256SetupPassword: the stored password is the setup password. */
  | 'match'
  /** It does not (under either reading of the formula): not proof of a change. */
  | 'mismatch'
  /** SHA256SetupPassword is empty: the BIOS has no setup password at all. */
  | 'not-set'
  /** The attributes are missing or malformed: nothing to compare. */
  | 'absent';

const HEX64 = /^[0-9A-Fa-f]{64}$/;
const HEX = /^(?:[0-9A-Fa-f]{2})+$/;

function equalHex(a: Buffer, hex: string): boolean {
  const b = Buffer.from(hex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Compares the stored password with the Bios attributes' SHA256SetupPassword. */
export function compareDellSetupHash(attributes: unknown, password: Secret): DellSetupHashResult {
  const a = typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : {};
  const hash = a['SHA256SetupPassword'];
  const salt = a['SHA256SetupPasswordSalt'];
  if (hash === '') return 'not-set';
  if (typeof hash !== 'string' || !HEX64.test(hash) || typeof salt !== 'string') return 'absent';
  const text = Buffer.from(password.reveal(), 'utf8');
  const candidates = [createHash('sha256').update(Buffer.concat([text, Buffer.from(salt, 'utf8')])).digest()];
  if (HEX.test(salt)) candidates.push(createHash('sha256').update(Buffer.concat([text, Buffer.from(salt, 'hex')])).digest());
  return candidates.some((d) => equalHex(d, hash)) ? 'match' : 'mismatch';
}
