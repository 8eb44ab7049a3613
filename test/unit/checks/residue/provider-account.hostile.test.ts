// The comma pattern of the sudoers user lists on lines a hostile host writes (sudoers is read up to
// 1 MiB a file): linear in the line, and the same lists as `\s*,\s*`, first written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMA_BLANKS, USER_ALIAS } from '../../../../src/checks/residue/provider-account.js';
import { ACCOUNT_FILE_READ_LIMIT } from '../../../../src/collect/ssh/residue/accounts-section.js';

const FIRST_WRITTEN = /\s*,\s*/;
const FIRST_WRITTEN_ALIAS = /^User_Alias\s+\S+\s*=\s*(.*)$/;
const globalOf = (re: RegExp): RegExp => new RegExp(re.source, 'g');

const TOKENS = ['ops', 'alice', '%wheel', '#1001', 'ALL', '"x y"', ',', ' ,', ', ', ' , ', ',,', ' ', '  ', '\t', '\r', '\n', '\u2028', '\u00a0', '=', 'User_Alias'];
const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 20 }).map((parts) => parts.join(''));

describe('COMMA_BLANKS: what it means', () => {
  it('joins and splits a line as `\\s*,\\s*` did', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(l.replace(globalOf(COMMA_BLANKS), ',')).toBe(l.replace(globalOf(FIRST_WRITTEN), ','));
        expect(l.split(COMMA_BLANKS)).toEqual(l.split(FIRST_WRITTEN));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a User_Alias list as first written', () => {
    const alias = fc.tuple(fc.constantFrom('User_Alias', 'User_Alias ', 'User_Alias\t', 'User_Alias\r', 'Host_Alias '), line).map(([a, l]) => a + l);
    fc.assert(fc.property(alias, (l) => USER_ALIAS.exec(l)?.[3] === FIRST_WRITTEN_ALIAS.exec(l)?.[1]), { numRuns: 5000 });
  });
});

describe('COMMA_BLANKS: a hostile sudoers line of the read limit', () => {
  // `\s*,\s*` took the square of a run of blanks without a comma: about 5 s for 64 KiB, so
  // about 20 minutes for the 1 MiB a sudoers file is read to.
  it.each([
    ['blanks between two names', `ops${' '.repeat(ACCOUNT_FILE_READ_LIMIT - 6)}ALL`],
    ['tabs, then a comma at the end', `ops${'\t'.repeat(ACCOUNT_FILE_READ_LIMIT - 7)},ALL`],
  ])('%s: joined and split in one pass', (_name, text) => {
    expect(USER_ALIAS.exec(`User_Alias OPS =${text}\ry`)).toBeNull();
    const first = text.replace(globalOf(COMMA_BLANKS), ',').split(/\s+/, 1)[0];
    expect(first).toBe(text.endsWith(',ALL') ? 'ops,ALL' : 'ops');
    expect(text.split(COMMA_BLANKS).map((n) => n.trim())).toEqual(text.endsWith(',ALL') ? ['ops', 'ALL'] : [text.trim()]);
  });
});
