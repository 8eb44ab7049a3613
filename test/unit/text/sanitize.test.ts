import { describe, expect, it } from 'vitest';
import { decodeRemote, printableLine, printablePath } from '../../../src/text/sanitize.js';

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
