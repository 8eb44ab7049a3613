// The one generator of key pairs for ssh2 in unit and integration tests (the fault lab's peers too). ssh2 1.17
// cannot parse back about one in 250 of the ed25519 private keys its own generateKeyPairSync makes
// (a public key starting with a zero byte is written one byte short: "Malformed OpenSSH private
// key"), which would fail a fake server's start at random; such a pair is made again.
import ssh2, { type ParsedKey } from 'ssh2';

const { utils } = ssh2;

/** A key pair as ssh2 writes it: the private key in OpenSSH format and the public one as a line. */
export interface RawKeyPair {
  private: string;
  public: string;
}

/** A key pair ssh2 parses back: both halves as text, the parsed public half and its wire blob. */
export interface Ssh2KeyPair extends RawKeyPair {
  parsed: ParsedKey;
  blob: Buffer;
}

/** The key types the tests use. */
export type Ssh2KeyType = 'ed25519' | 'ecdsa';

/** How a pair is made; tests of this module inject one that yields bad pairs. */
export type KeyPairSource = (type: Ssh2KeyType, passphrase: string | undefined) => RawKeyPair;

/** ssh2's own generator; a passphrase encrypts the private key (aes256-ctr, one bcrypt round: tests only). */
export const ssh2Generator: KeyPairSource = (type, passphrase) => {
  const encrypted = { passphrase: passphrase ?? '', cipher: 'aes256-ctr', rounds: 1 };
  if (type === 'ed25519') return passphrase === undefined ? utils.generateKeyPairSync('ed25519') : utils.generateKeyPairSync('ed25519', encrypted);
  return passphrase === undefined ? utils.generateKeyPairSync('ecdsa', { bits: 256 }) : utils.generateKeyPairSync('ecdsa', { bits: 256, ...encrypted });
};

/** More refusals in a row than this mean the generator is broken, not unlucky (1 in 250 each). */
export const MAX_KEY_ATTEMPTS = 20;

/** Why ssh2 refuses `pair`, or undefined when it parses both halves back (the private one with `passphrase`). */
export function ssh2Refusal(pair: RawKeyPair, passphrase?: string): string | undefined {
  const secret = utils.parseKey(pair.private, passphrase);
  if (secret instanceof Error) return `private key: ${secret.message}`;
  const pub = utils.parseKey(pair.public);
  if (pub instanceof Error) return `public key: ${pub.message}`;
  if (Array.isArray(pub)) return 'public key: more than one key';
  return undefined;
}

/** A key pair ssh2 parses back, made again while ssh2 refuses it. */
export function ssh2KeyPair(type: Ssh2KeyType = 'ed25519', options: { passphrase?: string; source?: KeyPairSource } = {}): Ssh2KeyPair {
  const source = options.source ?? ssh2Generator;
  const refusals: string[] = [];
  while (refusals.length < MAX_KEY_ATTEMPTS) {
    const pair = source(type, options.passphrase);
    const refusal = ssh2Refusal(pair, options.passphrase);
    if (refusal !== undefined) {
      refusals.push(refusal);
      continue;
    }
    const parsed = utils.parseKey(pair.public) as ParsedKey;
    return { private: pair.private, public: pair.public, parsed, blob: parsed.getPublicSSH() };
  }
  throw new Error(`no ${type} key pair that ssh2 parses back in ${MAX_KEY_ATTEMPTS} attempts; the last: ${refusals.at(-1)}`);
}
