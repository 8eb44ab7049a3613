// Host key trust for connections that do not log in (the key acceptance probe): the same
// known_hosts reading, host matching, verdict and refusal wording as openSsh, packaged for one
// connection. A key that is not recorded is refused: a probe never records one.
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { TransportError } from '../transport-error.js';
import { checkHostKey, recordedKeyTypes } from './host-key-check.js';
import { hostKeyRefusal } from './host-key-refusal.js';
import { entriesForHost, knownHostsName, readKnownHostsFile, type KnownHostsFile } from './known-hosts.js';
import { hostKeyAlgorithmsForKeyTypes } from './ssh-algorithms.js';

/** What one connection needs to trust a host: the algorithms to ask for and a verifier for ssh2. */
export interface RecordedHostKey {
  serverHostKey: ServerHostKeyAlgorithm[];
  /** ssh2 `hostVerifier`; a re-key must present the key verified first. */
  verify(key: Buffer, done: (valid: boolean) => void): void;
  /** Why the last presented key was refused, once `verify` said no. */
  failure(): TransportError | undefined;
}

/** Reads `knownHostsPath` and prepares the check for `address:port`; rejects with a 'host-key-unknown' TransportError. */
export async function recordedHostKey(knownHostsPath: string, address: string, port: number, label: string): Promise<RecordedHostKey> {
  let file: KnownHostsFile;
  try {
    file = await readKnownHostsFile(knownHostsPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new TransportError('host-key-unknown', `${label}: cannot read known_hosts ${knownHostsPath} (${code})`, { cause: error });
  }
  const hostName = knownHostsName(address, port);
  const recorded = entriesForHost(file, hostName);
  const types = recordedKeyTypes(recorded);
  if (types.length === 0) {
    throw new TransportError(
      'host-key-unknown',
      `${label}: no host key recorded for ${hostName} in ${knownHostsPath}${file.missing ? ' (file does not exist)' : ''}; the key acceptance probe never records one`,
    );
  }
  // Like OpenSSH, ask a known host for the key type we hold, so the comparison is meaningful.
  const serverHostKey = hostKeyAlgorithmsForKeyTypes(types);
  if (serverHostKey.length === 0) {
    throw new TransportError('host-key-unknown', `${label}: ${knownHostsPath} records ${hostName} only with key types this client cannot verify (${types.join(', ')})`);
  }
  let verified: Buffer | undefined;
  let refused: TransportError | undefined;
  return {
    serverHostKey,
    failure: () => refused,
    verify(key, done) {
      if (verified) return done(key.equals(verified));
      const verdict = checkHostKey(recorded, key);
      if (verdict.kind === 'match') {
        verified = Buffer.from(key);
        return done(true);
      }
      refused = hostKeyRefusal(verdict, key, { label, hostName, path: knownHostsPath, missing: file.missing });
      done(false);
    },
  };
}
