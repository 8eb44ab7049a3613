import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHORIZED_KEYS_READ_LIMIT, PRINCIPALS_KEPT, UNPARSED_LINES_KEPT, parseAuthorizedKeysSection } from '../../../../src/collect/ssh/authorized-keys-section.js';

const M = '@@fc-test';
const dir = mkdtempSync(join(tmpdir(), 'fc-ak-'));
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'k@test', '-f', join(dir, 'k')]);
const keyLine = readFileSync(join(dir, 'k.pub'), 'utf8').trim();
const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'k.pub')], { encoding: 'utf8' }).split(' ')[1];

describe('parseAuthorizedKeysSection', () => {
  it('reads files, line numbers and unreadable files', () => {
    const text = [
      `${M} F root /root/.ssh/authorized_keys`,
      '# a comment',
      '',
      `no-pty ${keyLine}`,
      '',
      `${M} E`,
      `${M} U deploy /home/deploy/.ssh/authorized_keys2`,
      '',
    ].join('\n');
    const fact = parseAuthorizedKeysSection(text, M);
    expect(fact.files).toEqual([
      { path: '/root/.ssh/authorized_keys', user: 'root', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 3, key: { type: 'ssh-ed25519', fingerprint, options: ['no-pty'], comment: 'k@test' } }] },
      { path: '/home/deploy/.ssh/authorized_keys2', user: 'deploy', state: 'unreadable', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [] },
    ]);
  });

  it('keeps one entry for a file two accounts share', () => {
    const block = (user: string) => [`${M} F ${user} /srv/shared/.ssh/authorized_keys`, keyLine, '', `${M} E`];
    const fact = parseAuthorizedKeysSection([...block('a'), ...block('b')].join('\n'), M);
    expect(fact.files).toHaveLength(1);
    expect(fact.files[0]!.user).toBe('a');
  });

  it('flags a file longer than the read limit as truncated', () => {
    const big = 'x'.repeat(AUTHORIZED_KEYS_READ_LIMIT + 1);
    const fact = parseAuthorizedKeysSection([`${M} F root /root/.ssh/authorized_keys`, big, '', `${M} E`].join('\n'), M);
    expect(fact.files[0]!.truncated).toBe(true);
  });

  it('keeps paths with spaces whole', () => {
    const fact = parseAuthorizedKeysSection([`${M} F bob /home/bob smith/.ssh/authorized_keys`, keyLine, '', `${M} E`].join('\n'), M);
    expect(fact.files[0]!.path).toBe('/home/bob smith/.ssh/authorized_keys');
  });

  it('keeps the first junk line numbers of a file and counts the rest', () => {
    const junk = Array.from({ length: 100_000 }, (_, i) => `junk${i}`);
    const text = [`${M} F root /root/.ssh/authorized_keys`, keyLine, ...junk, '', `${M} E`, `${M} A root /etc/ssh/principals/root`, ...junk, '', `${M} E`].join('\n');
    const fact = parseAuthorizedKeysSection(text, M);
    expect(fact.files[0]!.unparsedCount).toBe(100_000);
    expect(fact.files[0]!.unparsedLines).toEqual(Array.from({ length: UNPARSED_LINES_KEPT }, (_, i) => i + 2));
    expect(fact.files[0]!.keys).toHaveLength(1);
    expect(fact.principalsFiles[0]!.principals).toHaveLength(PRINCIPALS_KEPT);
  });
});

describe('parseAuthorizedKeysSection, line by line as sshd reads a file', () => {
  const [keyType, keyBlob] = keyLine.split(' ');
  const fileOf = (...lines: string[]) => parseAuthorizedKeysSection([`${M} F root /root/.ssh/authorized_keys`, ...lines, '', `${M} E`].join('\n'), M).files[0]!;

  it('reads a key whose fields are separated by tabs, as sshd does', () => {
    const f = fileOf(`${keyType}\t${keyBlob}\tk@test`);
    expect(f.keys).toEqual([{ line: 1, key: { type: 'ssh-ed25519', fingerprint, options: [], comment: 'k@test' } }]);
    expect(f.unparsedCount).toBe(0);
  });

  it('skips blank lines and comments of a file saved with CRLF line ends, and reads its key', () => {
    // An authorized_keys edited on Windows: every line ends in \r, a blank line is a lone \r.
    const f = fileOf('#keys-for-root\r', '\r', `${keyLine}\r`, '\u00a0#indented\r', '#');
    expect(f.keys).toEqual([{ line: 3, key: { type: 'ssh-ed25519', fingerprint, options: [], comment: 'k@test' } }]);
    expect(f).toMatchObject({ unparsedLines: [], unparsedCount: 0 });
  });

  it('lists a line that has words but no key sshd could read, and a lone word', () => {
    const f = fileOf(keyLine, `${keyType} not-base64 bad@test`, 'garbage', `no-pty,from="10.0.0.1 ${keyLine}`);
    expect(f.keys.map((k) => k.line)).toEqual([1]);
    expect(f).toMatchObject({ unparsedLines: [2, 3, 4], unparsedCount: 3 });
  });

  it('reads a file of exactly the read limit as whole, one byte more as cut', () => {
    // A file of `bytes` bytes: a comment line and its newline, which counts (a cut may stop just after one).
    const at = (bytes: number) => fileOf(`#${'x'.repeat(bytes - 2)}`).truncated;
    expect(at(AUTHORIZED_KEYS_READ_LIMIT)).toBe(false);
    expect(at(AUTHORIZED_KEYS_READ_LIMIT + 1)).toBe(true);
  });

  it('keeps one entry for a path read for one account and found unreadable for the next', () => {
    // The key ignores readability: the same file is one file, as first seen.
    const text = [`${M} F a /srv/shared/keys`, keyLine, '', `${M} E`, `${M} UF b /srv/shared/keys`, `${M} A a /srv/p`, 'ops', '', `${M} E`, `${M} UA b /srv/p`].join('\n');
    const fact = parseAuthorizedKeysSection(text, M);
    expect(fact.files.map((f) => [f.user, f.state])).toEqual([['a', 'read']]);
    expect(fact.principalsFiles.map((f) => [f.user, f.state])).toEqual([['a', 'read']]);
  });
});

describe('parseAuthorizedKeysSection, config, CA and principals records', () => {
  it('names each config file read or unreadable, and the file each option line came from', () => {
    const text = [
      `${M} O 0 1 AuthorizedKeysFile /early`,
      `${M} S /etc/ssh/sshd_config`,
      `${M} O 0 3 AuthorizedKeysFile .ssh/authorized_keys   `,
      `${M} V /etc/ssh/sshd_config.d/00-secret.conf`,
      `${M} S /etc/ssh/sshd_config.d/my\\040conf`,
      `${M} O 1 9   TrustedUserCAKeys\t/etc/ssh/ca.pub\t`,
    ].join('\n');
    const fact = parseAuthorizedKeysSection(text, M);
    expect(fact.config).toEqual([
      { path: '/etc/ssh/sshd_config', state: 'read' },
      { path: '/etc/ssh/sshd_config.d/00-secret.conf', state: 'unreadable' },
      { path: '/etc/ssh/sshd_config.d/my conf', state: 'read' },
    ]);
    expect(fact.options).toEqual([
      // An option line before any config header (the snippet never prints one) names no file.
      { file: '', line: 1, keyword: 'authorizedkeysfile', value: '/early', conditional: false },
      { file: '/etc/ssh/sshd_config', line: 3, keyword: 'authorizedkeysfile', value: '.ssh/authorized_keys', conditional: false },
      { file: '/etc/ssh/sshd_config.d/my conf', line: 9, keyword: 'trustedusercakeys', value: '/etc/ssh/ca.pub', conditional: true },
    ]);
  });

  it('drops an option line with no value, and one whose keyword sshd would not know', () => {
    const text = [`${M} S /etc/ssh/sshd_config`, `${M} O 0 2 AuthorizedKeysFile`, `${M} O 0 3 AuthorizedKeysFile2 .ssh/keys extra`].join('\n');
    expect(parseAuthorizedKeysSection(text, M).options).toEqual([]);
  });

  it('reads a CA file and records unreadable CA and principals files with nothing in them', () => {
    const text = [
      `${M} T * /etc/ssh/ca.pub`,
      `# the provider CA`,
      `cert-authority ${keyLine}`,
      '',
      `${M} E`,
      `${M} UT * /etc/ssh/other-ca.pub`,
      `${M} UA bob /etc/ssh/principals/bob`,
    ].join('\n');
    const fact = parseAuthorizedKeysSection(text, M);
    expect(fact.trustedCaFiles).toEqual([
      { path: '/etc/ssh/ca.pub', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 2, key: { type: 'ssh-ed25519', fingerprint, options: ['cert-authority'], comment: 'k@test' } }] },
      { path: '/etc/ssh/other-ca.pub', state: 'unreadable', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [] },
    ]);
    expect(fact.principalsFiles).toEqual([{ path: '/etc/ssh/principals/bob', user: 'bob', state: 'unreadable', truncated: false, principals: [] }]);
  });

  it('reads principals past comments and blank lines, trimmed, the last word of a line with options', () => {
    const text = [
      `${M} A root /etc/ssh/auth_principals/root`,
      '# principals that may log in as root',
      '',
      '  provider-ops  ',
      'from="10.0.0.0/8" provider-oncall\r',
      '\t#provider-old',
      'backup-agent #',
      '',
      `${M} E`,
    ].join('\n');
    expect(parseAuthorizedKeysSection(text, M).principalsFiles).toEqual([
      {
        path: '/etc/ssh/auth_principals/root',
        user: 'root',
        state: 'read',
        truncated: false,
        principals: [
          { line: 3, name: 'provider-ops' },
          { line: 4, name: 'provider-oncall' },
          { line: 6, name: '#' },
        ],
      },
    ]);
  });
});
