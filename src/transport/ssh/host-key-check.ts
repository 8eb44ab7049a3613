// Deciding whether a presented host key is the recorded one. Pure: the entries were read
// before connecting, the blob comes from the handshake.
import { keyTypeOfBlob } from '../../ssh-keys/fingerprint.js';
import type { KnownHostsEntry } from './known-hosts.js';

/** The verdict on one presented host key. */
export type HostKeyVerdict =
  | { kind: 'match'; entry: KnownHostsEntry }
  | { kind: 'unknown' }
  | { kind: 'revoked'; entry: KnownHostsEntry }
  | { kind: 'mismatch'; recorded: KnownHostsEntry };

/**
 * Compares `presented` byte for byte with the plain entries recorded for the host. A key
 * marked @revoked loses even if it is also recorded as a plain entry; @cert-authority
 * entries are not host keys and are ignored.
 */
export function checkHostKey(entriesForHost: KnownHostsEntry[], presented: Buffer): HostKeyVerdict {
  const revoked = entriesForHost.find((e) => e.marker === 'revoked' && e.blob.equals(presented));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = entriesForHost.filter((e) => e.marker === undefined);
  const match = plain.find((e) => e.blob.equals(presented));
  if (match) return { kind: 'match', entry: match };
  const presentedType = keyTypeOfBlob(presented);
  const recorded = plain.find((e) => e.keyType === presentedType) ?? plain[0];
  return recorded ? { kind: 'mismatch', recorded } : { kind: 'unknown' };
}

/** The distinct key types of the plain (unmarked) entries, in file order. */
export function recordedKeyTypes(entriesForHost: KnownHostsEntry[]): string[] {
  return [...new Set(entriesForHost.filter((e) => e.marker === undefined).map((e) => e.keyType))];
}
