import { describe, expect, it } from 'vitest';
import { checkHostKey, recordedKeyTypes } from '../../../../src/transport/ssh/host-key-check.js';
import { entriesForHost, parseKnownHosts } from '../../../../src/transport/ssh/known-hosts.js';
import { DEFAULT_HOST_KEY_ALGORITHMS, hostKeyAlgorithmsForKeyTypes } from '../../../../src/transport/ssh/ssh-algorithms.js';

const A = 'AAAAC3NzaC1lZDI1NTE5AAAAIG7RSB8vPjO+PXnphqRG7+MlNlLlS17L9XfsJk+IgSw5';
const C = 'AAAAC3NzaC1lZDI1NTE5AAAAIF97cHa/bOiJyHFWwoMQOo6wpi5IJQkMg95XI0Ixi9oP';
const ECDSA =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHFKKnHrWTAJu03e3L25iSPFypdQZ9VVaaHQ77xoOlXYSIl3LQ4DsYQddaUze3KeBq4OPrV5nE3z7Bl/1SN3AAE=';
const blob = (b64: string) => Buffer.from(b64, 'base64');

function verdict(text: string, host: string, presented: string) {
  const v = checkHostKey(entriesForHost(parseKnownHosts(text), host), blob(presented));
  return v.kind === 'match' || v.kind === 'revoked' ? `${v.kind}@${v.entry.line}` : v.kind === 'mismatch' ? `mismatch@${v.recorded.line}` : v.kind;
}

describe('checkHostKey', () => {
  it.each([
    ['the recorded key', `h ssh-ed25519 ${A}\n`, A, 'match@1'],
    ['no entry for the host', `other ssh-ed25519 ${A}\n`, A, 'unknown'],
    ['only a cert-authority entry', `@cert-authority h ssh-ed25519 ${A}\n`, A, 'unknown'],
    ['a different key of the same type', `h ssh-ed25519 ${A}\n`, C, 'mismatch@1'],
    ['points at the entry of the presented type', `h ecdsa-sha2-nistp256 ${ECDSA}\nh ssh-ed25519 ${A}\n`, C, 'mismatch@2'],
    ['any recorded key of several', `h ecdsa-sha2-nistp256 ${ECDSA}\nh ssh-ed25519 ${A}\n`, A, 'match@2'],
    ['a revoked key, even when also recorded', `h ssh-ed25519 ${C}\n@revoked * ssh-ed25519 ${C}\n`, C, 'revoked@2'],
    ['a revoked key of another host pattern', `h ssh-ed25519 ${C}\n@revoked x ssh-ed25519 ${C}\n`, C, 'match@1'],
    ['a revoked key with no plain entry', `@revoked * ssh-ed25519 ${C}\n`, C, 'revoked@1'],
  ])('%s', (_name, text, presented, expected) => {
    expect(verdict(text, 'h', presented)).toBe(expected);
  });
});

describe('host key algorithms offered', () => {
  it('asks a host with recorded keys only for those types', () => {
    const entries = entriesForHost(parseKnownHosts(`h ssh-ed25519 ${A}\n@revoked h ecdsa-sha2-nistp256 ${ECDSA}\n`), 'h');
    expect(recordedKeyTypes(entries)).toEqual(['ssh-ed25519']);
    expect(hostKeyAlgorithmsForKeyTypes(recordedKeyTypes(entries))).toEqual(['ssh-ed25519']);
  });

  it.each([
    [['ssh-rsa'], ['rsa-sha2-512', 'rsa-sha2-256']],
    [['ssh-rsa', 'ssh-ed25519'], ['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256']],
    [['ecdsa-sha2-nistp384'], ['ecdsa-sha2-nistp384']],
    [['ssh-dss', 'sk-ssh-ed25519@openssh.com'], []],
  ])('%j → %j', (types, algorithms) => {
    expect(hostKeyAlgorithmsForKeyTypes(types)).toEqual(algorithms);
  });

  it('never offers SHA-1 RSA or DSA host keys by default', () => {
    expect(DEFAULT_HOST_KEY_ALGORITHMS).not.toContain('ssh-rsa');
    expect(DEFAULT_HOST_KEY_ALGORITHMS).not.toContain('ssh-dss');
  });
});
