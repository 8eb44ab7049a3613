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
