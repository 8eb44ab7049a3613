// A public key line turned into the key ssh2 offers; only public halves are ever parsed here.
import ssh2, { type ParsedKey } from 'ssh2';

/** A parsed public key, or why ssh2 cannot offer it (an unsupported type such as sk-* or a certificate). */
export type OfferableKey = { ok: true; key: ParsedKey } | { ok: false; why: string };

/** Parses `"<type> <base64>"`; refuses anything ssh2 reads as a private key, so none can slip in. */
export function offerableKey(line: string): OfferableKey {
  const parsed = ssh2.utils.parseKey(line.trim());
  if (parsed instanceof Error) return { ok: false, why: 'ssh2 cannot offer this key type' };
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (!key) return { ok: false, why: 'ssh2 cannot offer this key type' };
  if (key.isPrivateKey()) return { ok: false, why: 'not a public key' };
  return { ok: true, key };
}
