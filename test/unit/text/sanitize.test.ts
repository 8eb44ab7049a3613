import { describe, expect, it } from 'vitest';
import { decodeRemote, printableLine, printablePath, printableText } from '../../../src/text/sanitize.js';

describe('printableLine', () => {
  it.each([
    ['plain text', 'plain text'],
    ['\x1b[31mred\x1b[0m', '?[31mred?[0m'],
    ['osc \x1b]0;title\x07', 'osc ?]0;title?'],
    ['c1 \x9b2J', 'c1 ?2J'],
    ['tab\there\nnewline', 'tab?here?newline'],
    ['bidi \u202eevil', 'bidi ?evil'],
    ['zero\u200bwidth', 'zero?width'],
    ['ümlaut ✓', 'ümlaut ✓'],
  ])('%j → %j', (input, expected) => expect(printableLine(input)).toBe(expected));

  // Every bidi control Unicode names (Bidi_Control): embeddings and overrides, isolates, marks.
  it.each([
    ['U+061C ARABIC LETTER MARK', '\u061c'],
    ['U+200E LEFT-TO-RIGHT MARK', '\u200e'],
    ['U+200F RIGHT-TO-LEFT MARK', '\u200f'],
    ['U+202A LEFT-TO-RIGHT EMBEDDING', '\u202a'],
    ['U+202B RIGHT-TO-LEFT EMBEDDING', '\u202b'],
    ['U+202C POP DIRECTIONAL FORMATTING', '\u202c'],
    ['U+202D LEFT-TO-RIGHT OVERRIDE', '\u202d'],
    ['U+202E RIGHT-TO-LEFT OVERRIDE', '\u202e'],
    ['U+2066 LEFT-TO-RIGHT ISOLATE', '\u2066'],
    ['U+2067 RIGHT-TO-LEFT ISOLATE', '\u2067'],
    ['U+2068 FIRST STRONG ISOLATE', '\u2068'],
    ['U+2069 POP DIRECTIONAL ISOLATE', '\u2069'],
  ])('replaces %s', (_name, char) => {
    const planted = `ssh-ed25519 AAAA ops${char}@provider`;
    expect(printableLine(planted)).toBe('ssh-ed25519 AAAA ops?@provider');
    expect(printablePath(`/root/.ssh/${char}authorized_keys`)).toBe('/root/.ssh/?authorized_keys');
    expect(printableLine(planted, 200, { ascii: true })).toBe('ssh-ed25519 AAAA ops?@provider');
  });

  it('finds no bidi control the sanitiser lets through, in the whole Basic Multilingual Plane', () => {
    const through: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (/\p{Bidi_Control}/u.test(char) && printableLine(char) !== '?') through.push(`U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    expect(through).toEqual([]);
  });

  it('cuts long text by code points, never inside a surrogate pair', () => {
    expect(printableLine('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
  });
});

describe('printablePath', () => {
  it('keeps the end of a long path', () => {
    expect(printablePath('/very/long/directory/name/that/goes/on/id_ed25519', 20)).toBe('…/goes/on/id_ed25519');
  });
});

describe('decodeRemote', () => {
  it('replaces invalid UTF-8 instead of failing', () => {
    expect(decodeRemote(Buffer.from([0x61, 0xff, 0xfe, 0x62]))).toBe('a\ufffd\ufffdb');
  });
});

describe('length limits', () => {
  it('keeps a line of exactly the limit whole and cuts one more', () => {
    expect(printableLine('abcde', 5)).toBe('abcde');
    expect(printableLine('abcdef', 5)).toBe('abcd…');
    expect(printableLine('abcde', 5, { ascii: true })).toBe('abcde');
    expect(printableLine('abcdef', 5, { ascii: true })).toBe('abcde...');
    expect(printableText('x'.repeat(160))).toBe('x'.repeat(160));
    expect(printableText(`${'x'.repeat(160)}y`)).toBe(`${'x'.repeat(160)}...`);
  });

  it('keeps a path of exactly the limit whole and cuts one more from the front', () => {
    expect(printablePath('/etc/ssh/sshd_config', 20)).toBe('/etc/ssh/sshd_config');
    expect(printablePath('/etc/ssh/sshd_config', 19)).toBe('…tc/ssh/sshd_config');
  });
});
