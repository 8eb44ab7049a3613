// The assignment pattern of withVariables on lines a hostile host writes (cron variables and script
// assignments, 64 KiB a line, up to 100 scripts a job): linear in the line, and the same answer as first written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT, withVariables } from '../../../src/catalogue/backup-command.js';
import { SCHEDULE_READ_LIMIT } from '../../../src/collect/ssh/backup/schedules-script.js';

// As first written: right on every line, but `\s*;?\s*$` cost the square of a run of blanks.
const FIRST_WRITTEN = /^(?:export\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|([^\s;&|"']*))\s*;?\s*$/;

const TOKENS = ['export ', 'readonly ', 'A', 'DEST', '_1', '=', '"a b"', "'c'", 'v', '/x', ' ', '  ', '\t', ';', ' ;', '; ', ';;', '&', '|', '"', "'", '\r', '\n', '\u2028', '\u00a0', '#'];
const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 16 }).map((parts) => parts.join(''));

describe('ASSIGNMENT: what it means', () => {
  it('gives the same name and value as the pattern first written', () => {
    fc.assert(
      fc.property(line, (l) => {
        const now = ASSIGNMENT.exec(l);
        const before = FIRST_WRITTEN.exec(l);
        expect(now ? [...now] : null).toEqual(before ? [...before] : null);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('ASSIGNMENT: hostile lines of the read limit', () => {
  // Sixteen assignments of one job, each one line of blanks between a value and a word: the
  // first-written pattern took seconds for each.
  it('judges each in one pass: none assigns', () => {
    const assignments = Array.from({ length: 16 }, (_, i) => `A${i}=${' '.repeat(SCHEDULE_READ_LIMIT - 5)}x`);
    expect(withVariables('rsync $A0 $A15', assignments)).toBe('rsync $A0 $A15');
  });

  it('a long run of blanks before a closing `;` still assigns', () => {
    expect(withVariables('rsync $DEST', [`DEST=nas:/b${' '.repeat(SCHEDULE_READ_LIMIT - 12)};`])).toBe('rsync nas:/b');
  });
});
