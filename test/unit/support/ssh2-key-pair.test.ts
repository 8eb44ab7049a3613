// The shared test key generator never lets out a pair ssh2 cannot parse back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { MAX_KEY_ATTEMPTS, ssh2Generator, ssh2KeyPair, ssh2Refusal, type KeyPairSource, type RawKeyPair } from '../../support/ssh2-key-pair.js';

const REPO = join(import.meta.dirname, '../../..');
/** A pair ssh2's generator really made and ssh2 refuses (fixtures/ssh/README.md). */
const UNPARSEABLE: RawKeyPair = {
  private: readFileSync(join(REPO, 'fixtures/ssh/ssh2-unparseable-ed25519.key'), 'utf8'),
  public: readFileSync(join(REPO, 'fixtures/ssh/ssh2-unparseable-ed25519.key.pub'), 'utf8'),
};

/** A source that yields `bad` pairs first, then ssh2's own, counting every pair it made. */
function badFirst(bad: number): { source: KeyPairSource; made: () => number } {
  let made = 0;
  return {
    source: (type, passphrase) => (++made <= bad ? UNPARSEABLE : ssh2Generator(type, passphrase)),
    made: () => made,
  };
}

describe('ssh2KeyPair', () => {
  it('knows the captured pair as one ssh2 refuses', () => {
    expect(ssh2Refusal(UNPARSEABLE)).toBe('private key: Malformed OpenSSH private key');
  });

  it('makes a refused pair again and returns the first one ssh2 parses back', () => {
    const { source, made } = badFirst(3);
    const pair = ssh2KeyPair('ed25519', { source });
    expect(made()).toBe(4);
    expect(pair.private).not.toBe(UNPARSEABLE.private);
    expect(ssh2.utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
    expect(pair.blob.equals(pair.parsed.getPublicSSH())).toBe(true);
    expect(pair.parsed.type).toBe('ssh-ed25519');
  });

  it('gives up, saying why, on a generator that never makes a parseable pair', () => {
    const { source, made } = badFirst(Number.POSITIVE_INFINITY);
    expect(() => ssh2KeyPair('ed25519', { source })).toThrow(`no ed25519 key pair that ssh2 parses back in ${MAX_KEY_ATTEMPTS} attempts; the last: private key: Malformed OpenSSH private key`);
    expect(made()).toBe(MAX_KEY_ATTEMPTS);
  });

  it('checks a passphrase-protected pair with its passphrase', () => {
    const pair = ssh2KeyPair('ed25519', { passphrase: 'secret' });
    expect(ssh2.utils.parseKey(pair.private)).toBeInstanceOf(Error);
    expect(ssh2.utils.parseKey(pair.private, 'secret')).not.toBeInstanceOf(Error);
  });

  it('lets out no refused pair among a thousand from the real generator (about four would be refused)', () => {
    for (let i = 0; i < 1000; i++) expect(ssh2Refusal(ssh2KeyPair())).toBeUndefined();
    expect(ssh2Refusal(ssh2KeyPair('ecdsa'))).toBeUndefined();
  });
});
