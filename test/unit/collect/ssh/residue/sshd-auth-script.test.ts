// The authorized-keys snippet run by the real sh against a planted /etc, then read by the section's parser.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHORIZED_KEYS_READ_LIMIT, parseAuthorizedKeysSection } from '../../../../../src/collect/ssh/authorized-keys-section.js';
import { sshdAuthScript } from '../../../../../src/collect/ssh/residue/sshd-auth-script.js';
import { rooted, runSnippet } from '../run-snippet.js';

const M = '@@fc-sshd';
const keyDir = mkdtempSync(join(tmpdir(), 'fc-sshd-key-'));
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ops@provider.example', '-f', join(keyDir, 'k')]);
const KEY = readFileSync(join(keyDir, 'k.pub'), 'utf8').trim();
const FINGERPRINT = execFileSync('ssh-keygen', ['-l', '-f', join(keyDir, 'k.pub')], { encoding: 'utf8' }).split(' ')[1];

/** A temp tree standing in for /: /etc/passwd names root and provops, with homes inside the tree. */
function host(): { root: string; put(path: string, content: string): string; at(path: string): string } {
  const root = mkdtempSync(join(tmpdir(), 'fc-sshd-'));
  const at = (path: string): string => join(root, path);
  const put = (path: string, content: string): string => {
    mkdirSync(dirname(at(path)), { recursive: true });
    writeFileSync(at(path), content);
    return at(path);
  };
  mkdirSync(at('root'), { recursive: true });
  put('etc/passwd', `root:x:0:0:root:${at('root')}:/bin/sh\nprovops:x:1010:1010::${at('home/provops')}:/bin/sh\n`);
  return { root, put, at };
}

/** The section as the host prints it, `/etc` moved into the tree, read by the parser. */
function collect(root: string, limit = AUTHORIZED_KEYS_READ_LIMIT) {
  const r = runSnippet(rooted(sshdAuthScript(limit), root), M, { cwd: join(root, 'root'), limitMs: 20_000 });
  expect(r).toMatchObject({ status: 0, timedOut: false });
  return parseAuthorizedKeysSection(r.text, M);
}

describe('sshdAuthScript, run by sh', () => {
  it('matches keywords in any case, as sshd does, keeps Match blocks apart and ignores other options', () => {
    const h = host();
    const d = h.at('etc/ssh');
    const config = h.put('etc/ssh/sshd_config', [
      'PasswordAuthentication no',
      `authorizedkeysfile .ssh/authorized_keys ${d}/keys/%u`,
      `INCLUDE ${d}/sshd_config.d/*.conf`,
      'match User provops',
      `  AuthorizedPrincipalsFile ${d}/principals/%u`,
      '  PermitTTY no',
      '',
    ].join('\n'));
    const dropIn = h.put('etc/ssh/sshd_config.d/10-ca.conf', `TRUSTEDUSERCAKEYS ${d}/ca.pub\n`);
    h.put('etc/ssh/keys/root', `${KEY}\n`);
    h.put('etc/ssh/principals/provops', 'provider-ops\n');
    h.put('etc/ssh/ca.pub', `cert-authority ${KEY}\n`);
    const fact = collect(h.root);
    expect(fact.config).toEqual([{ path: config, state: 'read' }, { path: dropIn, state: 'read' }]);
    expect(fact.options).toEqual([
      { file: config, line: 2, keyword: 'authorizedkeysfile', value: `.ssh/authorized_keys ${d}/keys/%u`, conditional: false },
      { file: config, line: 5, keyword: 'authorizedprincipalsfile', value: `${d}/principals/%u`, conditional: true },
      { file: dropIn, line: 1, keyword: 'trustedusercakeys', value: `${d}/ca.pub`, conditional: false },
    ]);
    const key = { type: 'ssh-ed25519', fingerprint: FINGERPRINT, comment: 'ops@provider.example' };
    expect(fact.files).toEqual([{ path: h.at('etc/ssh/keys/root'), user: 'root', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 1, key: { ...key, options: [] } }] }]);
    expect(fact.principalsFiles).toEqual([{ path: h.at('etc/ssh/principals/provops'), user: 'provops', state: 'read', truncated: false, principals: [{ line: 1, name: 'provider-ops' }] }]);
    expect(fact.trustedCaFiles).toEqual([{ path: h.at('etc/ssh/ca.pub'), state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 1, key: { ...key, options: ['cert-authority'] } }] }]);
  });

  it('reads the keys file a CRLF sshd_config names, as sshd strips the CR', () => {
    const h = host();
    const d = h.at('etc/ssh');
    const config = h.put('etc/ssh/sshd_config', `AuthorizedKeysFile ${d}/keys/%u\r\nTrustedUserCAKeys ${d}/ca.pub \t\r\n`);
    h.put('etc/ssh/keys/root', `${KEY}\r\n`);
    const fact = collect(h.root);
    expect(fact.options).toEqual([
      { file: config, line: 1, keyword: 'authorizedkeysfile', value: `${d}/keys/%u`, conditional: false },
      { file: config, line: 2, keyword: 'trustedusercakeys', value: `${d}/ca.pub`, conditional: false },
    ]);
    expect(fact.files.map((f) => [f.path, f.keys.map((k) => k.key.fingerprint)])).toEqual([[h.at('etc/ssh/keys/root'), [FINGERPRINT]]]);
  });

  it('reads a config of exactly the read limit and refuses one byte more; marks a keys file past the limit cut', () => {
    const h = host();
    const d = h.at('etc/ssh');
    const L = AUTHORIZED_KEYS_READ_LIMIT;
    /** `head` padded with one comment line to exactly `bytes` bytes. */
    const sized = (head: string, bytes: number): string => `${head}#${'x'.repeat(bytes - head.length - 2)}\n`;
    const config = h.put('etc/ssh/sshd_config', sized(`AuthorizedKeysFile ${d}/keys/%u\nInclude ${d}/big.conf\n`, L));
    const big = h.put('etc/ssh/big.conf', sized(`AuthorizedKeysFile ${d}/decoy/%u\n`, L + 1));
    // The parser counts a body without the file's last newline: a cut keys file is one that does not end in one.
    h.put('etc/ssh/keys/root', sized(`${KEY}\n`, L + 2).slice(0, -1));
    h.put('etc/ssh/keys/provops', sized(`${KEY}\n`, L));
    const fact = collect(h.root);
    expect(fact.config).toEqual([{ path: config, state: 'read' }, { path: big, state: 'unreadable' }]);
    expect(fact.files.map((f) => [f.user, f.truncated, f.keys.length])).toEqual([['root', true, 1], ['provops', false, 1]]);
  });
});
