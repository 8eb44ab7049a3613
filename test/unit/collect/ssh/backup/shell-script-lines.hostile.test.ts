// The assignment pattern on script and crontab lines a hostile host writes (64 KiB a file, a line as
// long, up to 100 scripts a job): linear in the line, and the same answer as first written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEDULE_READ_LIMIT } from '../../../../../src/collect/ssh/backup/schedules-script.js';
import { isAssignmentLine, scriptLines } from '../../../../../src/collect/ssh/backup/shell-script-lines.js';

// As first written: right on every line, but `\s*;?\s*` cost the square of a run of blanks.
const FIRST_WRITTEN = /^(?:(?:export|readonly|local|declare(?:\s+-\w+)*|typeset(?:\s+-\w+)*)\s+)?[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|[^\s;&|]*)\s*;?\s*$/;

const TOKENS = ['export ', 'declare -x ', 'local ', 'A', 'REPO', '_1', '=', '"a b"', "'c'", 'v', '/x', ' ', '  ', '\t', ';', ' ;', '; ', ';;', '&', '|', '\r', '\u2028', '#', '-'];
const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 16 }).map((parts) => parts.join(''));

describe('isAssignmentLine: what it means', () => {
  it('answers as the pattern first written', () => {
    fc.assert(fc.property(line, (l) => isAssignmentLine(l) === FIRST_WRITTEN.test(l)), { numRuns: 5000 });
  });
});

describe('isAssignmentLine: hostile scripts of the read limit', () => {
  // Sixteen scripts of one job (it may read 100), each one line of blanks between a value and a word:
  // the first-written pattern took seconds for each, over 30 s for eight.
  const script = (i: number): string[] => [`A${i}=v${' '.repeat(SCHEDULE_READ_LIMIT - 5)}x`];
  it('judges each line in one pass: none only sets a variable', () => {
    const answers = Array.from({ length: 16 }, (_, i) => scriptLines(script(i)).map((l) => isAssignmentLine(l.text)));
    expect(answers).toEqual(Array.from({ length: 16 }, () => [false]));
  });

  it('a long run of blanks before a closing `;` still ends an assignment', () => {
    expect(isAssignmentLine(`A=v${' '.repeat(SCHEDULE_READ_LIMIT - 5)};`)).toBe(true);
  });
});
