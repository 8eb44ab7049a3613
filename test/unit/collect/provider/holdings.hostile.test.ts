// The exports, smb.conf and Bacula director patterns on lines a provider system's host writes (256 KiB
// a file, a line as long): linear in the line, and the same answer as the patterns first written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIRECTIVE, parseDirectorConfig, RESOURCE_OPENING } from '../../../../src/collect/provider/holdings/bacula.js';
import { FROM_OPTIONS, nfsExportHoldings, SMB_SETTING, smbShareHoldings } from '../../../../src/collect/provider/holdings/exports.js';
import { PROVIDER_FILE_LIMIT } from '../../../../src/collect/provider/provider-system-script.js';
import { HASH_COMMENT } from '../../../../src/text/hash-comment.js';

// As first written: right on every line, but each costs the square of a hostile line.
const FIRST = {
  comment: /#.*$/,
  options: /\(.*$/,
  smbSetting: /^([^=]+?)\s*=\s*(.*)$/,
  opening: /^([A-Za-z][A-Za-z ]*?)\s*(?:=\s*)?\{$/,
  directive: /^([A-Za-z][A-Za-z ]*?)\s*=\s*(.*)$/,
};

const TOKENS = ['a', 'Job', 'Name', 'x y', '1', '/srv', ' ', '  ', '\t', '=', ' = ', '#', '# c', '(', '(rw)', '{', ' {', '}', ';', '"', '\r', '\n', '\u2028', '\u2029', '\v', '\u00a0', '.', 'hosts allow'];
const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 18 }).map((parts) => parts.join(''));
const groups = (m: RegExpExecArray | null, ...at: number[]): (string | undefined)[] | null => (m ? at.map((i) => m[i]) : null);

describe('holdings patterns: what they mean', () => {
  it('cut a comment and client options where `#.*$` and `\\(.*$` did', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(l.replace(HASH_COMMENT, '$1')).toBe(l.replace(FIRST.comment, ''));
        expect(l.replace(FROM_OPTIONS, '$1')).toBe(l.replace(FIRST.options, ''));
      }),
      { numRuns: 5000 },
    );
  });

  it('read an smb.conf setting, a resource opening and a directive as first written', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(groups(SMB_SETTING.exec(l), 1, 3)).toEqual(groups(FIRST.smbSetting.exec(l), 1, 2));
        expect(groups(RESOURCE_OPENING.exec(l), 1)).toEqual(groups(FIRST.opening.exec(l), 1));
        expect(groups(DIRECTIVE.exec(l), 1, 3)).toEqual(groups(FIRST.directive.exec(l), 1, 2));
      }),
      { numRuns: 5000 },
    );
  });
});

/** A line of `unit` between `lead` and `tail`, as long as a provider file is read. */
const hostile = (lead: string, unit: string, tail: string): string => {
  const n = PROVIDER_FILE_LIMIT - lead.length - tail.length;
  return `${lead}${unit.repeat(Math.ceil(n / unit.length)).slice(0, n)}${tail}`;
};

describe('holdings patterns: a hostile file of the read limit', () => {
  // The first-written patterns took about 5 s on 64 KiB of each, so over a minute at the limit.
  it.each([
    ['comment marks before a carriage return', hostile('/srv ', '#', '\rx')],
    ['option parentheses in a quoted path before a break', hostile('/srv "', '(', '\u2028x"')],
  ])('exports, %s: read in one pass', (_name, text) => {
    expect(nfsExportHoldings('/etc/exports', text).map((h) => h.names[0])).toEqual(['/srv']);
  });

  it.each([
    ['blanks without `=`', hostile('[data]\npath', ' ', 'x')],
    ['blanks after `=` before a break', hostile('[data]\npath =', ' ', 'x\ry')],
  ])('smb.conf, %s: read in one pass, no path', (_name, text) => {
    expect(smbShareHoldings('/etc/samba/smb.conf', text).map((h) => h.detail)).toEqual(['path ?']);
  });

  it.each([
    ['blanks in a name without `=` or `{`', hostile('Client {\nName', ' ', 'x')],
    ['blanks after `=` before a break', hostile('Client {\nAddress =', ' ', 'x\ry')],
  ])('director configuration, %s: read in one pass', (_name, text) => {
    expect(parseDirectorConfig('/etc/bacula/bacula-dir.conf', `${text}\n}\n`).map((r) => [r.type, [...r.directives]])).toEqual([['client', []]]);
  });
});
