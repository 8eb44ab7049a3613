// The one wording of a refused host key, shared by the login and the outside probe, so an
// operator reads the same message whichever connection met the key.
import { fingerprintOfBlob, keyTypeOfBlob } from '../../ssh-keys/fingerprint.js';
import { TransportError } from '../transport-error.js';
import type { HostKeyVerdict } from './host-key-check.js';

/** `ssh-ed25519 SHA256:…` for messages: type and fingerprint, never the key. */
export function describeHostKey(blob: Buffer): string {
  return `${keyTypeOfBlob(blob) ?? 'unknown-type'} ${fingerprintOfBlob(blob)}`;
}

/** Where the verdict was reached, for the message. */
export interface HostKeyPlace {
  label: string;
  hostName: string;
  /** The known_hosts path. */
  path: string;
  /** The known_hosts file does not exist. */
  missing: boolean;
}

/** The error for a verdict other than a match: unknown (`host-key-unknown`), revoked or changed (`host-key-mismatch`). */
export function hostKeyRefusal(verdict: Exclude<HostKeyVerdict, { kind: 'match' }>, presented: Buffer, place: HostKeyPlace): TransportError {
  const { label, hostName, path } = place;
  switch (verdict.kind) {
    case 'unknown':
      return new TransportError(
        'host-key-unknown',
        `${label}: no host key recorded for ${hostName} in ${path}${place.missing ? ' (file does not exist)' : ''}; the host presented ${describeHostKey(presented)}`,
      );
    case 'revoked':
      return new TransportError('host-key-mismatch', `${label}: the host presented ${describeHostKey(presented)}, which ${path}:${verdict.entry.line} marks @revoked`);
    case 'mismatch':
      return new TransportError(
        'host-key-mismatch',
        `${label}: HOST KEY CHANGED for ${hostName}: the host presented ${describeHostKey(presented)}, ` +
          `but ${path}:${verdict.recorded.line} records ${describeHostKey(verdict.recorded.blob)}`,
      );
  }
}
