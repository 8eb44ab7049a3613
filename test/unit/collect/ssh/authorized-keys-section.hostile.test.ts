// The sshd option line pattern on lines a hostile host writes: linear in the line, and the same
// answer as when it was first written with blank runs that could be split in every way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTHORIZED_KEYS_READ_LIMIT, OPTION_LINE, parseAuthorizedKeysSection } from '../../../../src/collect/ssh/authorized-keys-section.js';

// As first written: right on every line, but cubic in a run of blanks before a mid-line break.
const FIRST_WRITTEN = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/;

const TOKENS = ['AuthorizedKeysFile', 'Trusted', 'a', 'Z', '1', ' ', '  ', '\t', '=', '==', ' = ', '\r', '\u2028', '\u2029', '\n', '\v', '\u00a0', '.ssh/k', '%h', '#', 'x y', '"q"'];
const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 16 }).map((parts) => parts.join(''));

describe('OPTION_LINE: what it means', () => {
  it('finds the same keyword and value as the pattern first written, or no match where it found none', () => {
    fc.assert(
      fc.property(line, (l) => {
        const now = OPTION_LINE.exec(l);
        const before = FIRST_WRITTEN.exec(l);
        expect(now ? [now[1], now[4]] : null).toEqual(before ? [before[1], before[2]] : null);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('OPTION_LINE: a hostile line of the read limit', () => {
  const M = '@@fc-hostile';
  // The first-written pattern took over a minute on 8 KiB of these; at the read limit, days.
  const blanks = (lead: string, tail: string): string => `${lead}${' '.repeat(AUTHORIZED_KEYS_READ_LIMIT - lead.length - tail.length)}${tail}`;
  it.each([
    ['blanks, then a break in the value', blanks('AuthorizedKeysFile', 'x\ry')],
    ['blanks after `=`, then a break', blanks('AuthorizedKeysFile =', 'x\u2028y')],
    ['tabs only, then a break', `AuthorizedKeysFile${'\t'.repeat(AUTHORIZED_KEYS_READ_LIMIT - 21)}x\ry`],
  ])('%s: judged in one pass, no option', (_name, optionLine) => {
    const fact = parseAuthorizedKeysSection(`${M} S /etc/ssh/sshd_config\n${M} O 0 1 ${optionLine}\n`, M);
    expect(fact.options).toEqual([]);
  });

  it('a long run of blanks before a plain value still gives the value', () => {
    const fact = parseAuthorizedKeysSection(`${M} S /etc/ssh/sshd_config\n${M} O 0 1 ${blanks('AuthorizedKeysFile', '.ssh/k')}\n`, M);
    expect(fact.options.map((o) => [o.keyword, o.value])).toEqual([['authorizedkeysfile', '.ssh/k']]);
  });
});
