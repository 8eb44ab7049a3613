// What we offer in the SSH handshake. The client pays for the key exchange on every one of
// thousands of hosts, so the cheap one goes first (LAB.md: sntrup761x25519 ~80 ms of CPU per
// connection, curve25519-sha256 ~6 ms); the rest is a fallback so older real servers connect.
import type { Algorithms, CipherAlgorithm, KexAlgorithm, MacAlgorithm, ServerHostKeyAlgorithm } from 'ssh2';

/** Key exchange, cheapest first; no SHA-1 groups. */
export const KEX_ALGORITHMS: KexAlgorithm[] = [
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp521',
  'diffie-hellman-group-exchange-sha256',
  'diffie-hellman-group14-sha256',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group18-sha512',
];

/** Ciphers: AEAD first (AES-GCM is hardware-accelerated on server CPUs), CTR as fallback. */
export const CIPHER_ALGORITHMS: CipherAlgorithm[] = [
  'aes128-gcm@openssh.com',
  'chacha20-poly1305@openssh.com',
  'aes256-gcm@openssh.com',
  'aes128-ctr',
  'aes192-ctr',
  'aes256-ctr',
];

/** MACs, only used with the CTR fallback ciphers. */
export const MAC_ALGORITHMS: MacAlgorithm[] = [
  'hmac-sha2-256-etm@openssh.com',
  'hmac-sha2-512-etm@openssh.com',
  'hmac-sha2-256',
  'hmac-sha2-512',
  'hmac-sha1',
];

/** Host key algorithms asked for when known_hosts has no entry; ssh-rsa (SHA-1) and DSA are not offered. */
export const DEFAULT_HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
];

const HOST_KEY_ALGORITHMS_BY_KEY_TYPE: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256'],
};

/**
 * The host key algorithms that can produce a key of the recorded types, in our preference
 * order; empty when none of the recorded types is one this client can verify.
 */
export function hostKeyAlgorithmsForKeyTypes(keyTypes: Iterable<string>): ServerHostKeyAlgorithm[] {
  const wanted = new Set<ServerHostKeyAlgorithm>();
  for (const type of keyTypes) for (const algorithm of HOST_KEY_ALGORITHMS_BY_KEY_TYPE[type] ?? []) wanted.add(algorithm);
  return DEFAULT_HOST_KEY_ALGORITHMS.filter((algorithm) => wanted.has(algorithm));
}

/** The full ssh2 `algorithms` offer for one connection. Compression is off: no CPU cost, no inflation. */
export function algorithmOffer(serverHostKey: ServerHostKeyAlgorithm[]): Algorithms {
  return {
    kex: KEX_ALGORITHMS,
    cipher: CIPHER_ALGORITHMS,
    hmac: MAC_ALGORITHMS,
    serverHostKey,
    compress: ['none'],
  };
}
