// The backup parsers' patterns on lines a hostile host writes (crontabs, repository and borgmatic files,
// DRBD and mdstat, the process list; 64 KiB a file, a line as long): linear in the line, and the same
// answer as the patterns first written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronEntries, ENV_LINE } from '../../../../../src/collect/ssh/backup/crontab-entries.js';
import { PROCESS_LINE } from '../../../../../src/collect/ssh/backup/software-section.js';
import { mdMembers, parseDrbdConfig, parseMdstat } from '../../../../../src/collect/ssh/backup/storage-outputs.js';
import { STORAGE_READ_LIMIT } from '../../../../../src/collect/ssh/backup/storage-section.js';
import {
  BORGMATIC_ITEM, BORGMATIC_PATH, quotedScalar, RCLONE_SETTING, REPO_VARIABLE, TARGET_READ_LIMIT, YAML_COMMENT,
} from '../../../../../src/collect/ssh/backup/targets-section.js';
import { SCHEDULE_READ_LIMIT } from '../../../../../src/collect/ssh/backup/schedules-script.js';
import { HASH_COMMENT } from '../../../../../src/text/hash-comment.js';

// As first written: right on every line, but each costs the square of a hostile line.
const FIRST = {
  env: /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/,
  repo: /^\s*(?:export\s+)?(RESTIC_REPOSITORY|RESTIC_FROM_REPOSITORY|BORG_REPO|PBS_REPOSITORY|KOPIA_REPOSITORY)\s*=\s*(.*)$/,
  rclone: /^\s*([A-Za-z0-9_]+)\s*=\s*(.*)$/,
  item: /^\s*-\s*(?:path\s*:\s*)?(.+)$/,
  path: /^\s*path\s*:\s*(.+)$/,
  yamlComment: /(?:^|\s)#.*$/,
  comment: /#.*$/,
  members: /(\S+?)\[\d+\]/g,
  process: /^(\d+) (\S+) ?(.*)$/,
};

const BREAKS = ['\r', '\n', '\u2028', '\u2029'];
const BLANKS = [' ', '  ', '\t', '\v', '\u00a0', ...BREAKS];
const lineOf = (tokens: string[]) => fc.array(fc.constantFrom(...tokens), { maxLength: 18 }).map((parts) => parts.join(''));
const groups = (m: RegExpExecArray | null, ...at: number[]): (string | undefined)[] | null => (m ? at.map((i) => m[i]) : null);
const firstOf = (m: RegExpExecArray | null, ...at: number[]): string | undefined | null => (m ? at.map((i) => m[i]).find((g) => g !== undefined) : null);

describe('backup parsers: what the patterns mean', () => {
  it('crontab, repository and rclone assignments: the same name and value as first written', () => {
    const line = lineOf(['A', 'a_1', 'BORG_REPO', 'RESTIC_REPOSITORY', 'KOPIA_REPOSITORY', 'export ', 'export', '=', ' = ', '==', 'x', '/srv', '"q"', '#', '1', ...BLANKS]);
    fc.assert(
      fc.property(line, (l) => {
        expect(groups(ENV_LINE.exec(l), 1, 3)).toEqual(groups(FIRST.env.exec(l), 1, 2));
        expect(groups(REPO_VARIABLE.exec(l), 1, 3)).toEqual(groups(FIRST.repo.exec(l), 1, 2));
        expect(groups(RCLONE_SETTING.exec(l), 1, 3)).toEqual(groups(FIRST.rclone.exec(l), 1, 2));
      }),
      { numRuns: 5000 },
    );
  });

  it('borgmatic list items and nested paths: the same value as first written, a value of blanks only included', () => {
    const line = lineOf(['-', '- ', 'path', 'path:', ':', 'pat', 'label:', 'x', 'ssh://h/r', '#', ' #c', '"', ...BLANKS]);
    fc.assert(
      fc.property(line, (l) => {
        expect(firstOf(BORGMATIC_ITEM.exec(l), 4, 5, 6, 7)).toEqual(groups(FIRST.item.exec(l), 1)?.[0] ?? null);
        expect(firstOf(BORGMATIC_PATH.exec(l), 3, 4)).toEqual(groups(FIRST.path.exec(l), 1)?.[0] ?? null);
      }),
      { numRuns: 5000 },
    );
  });

  it('a YAML comment and a DRBD comment are cut where `(?:^|\\s)#.*$` and `#.*$` cut them', () => {
    const line = lineOf(['#', '##', ' #', '# c', 'x', 'a#b', 'resource r', ';', ...BLANKS]);
    fc.assert(
      fc.property(line, (l) => {
        expect(l.replace(YAML_COMMENT, '$1$3')).toBe(l.replace(FIRST.yamlComment, ''));
        expect(l.replace(HASH_COMMENT, '$1')).toBe(l.replace(FIRST.comment, ''));
      }),
      { numRuns: 5000 },
    );
  });

  it('mdstat members: the same list as `/(\\S+?)\\[\\d+\\]/g`', () => {
    const line = lineOf(['sda', 'sdb1', 'nvme0n1p2', '[', ']', '[0]', '[12]', '(S)', '(F)', '1', 'x[', ...BLANKS]);
    fc.assert(fc.property(line, (l) => {
      expect(mdMembers(l)).toEqual([...l.matchAll(FIRST.members)].map((x) => x[1]));
    }), { numRuns: 5000 });
  });

  it('a process line: the same pid, name and arguments as first written', () => {
    const line = lineOf(['1', '42', ' ', 'borg', '/usr/bin/restic', '-v', 'x y', '\t', ...BREAKS, '\u00a0']);
    fc.assert(fc.property(line, (l) => {
      expect(groups(PROCESS_LINE.exec(l), 1, 2, 3)).toEqual(groups(FIRST.process.exec(l), 1, 2, 3));
    }), { numRuns: 5000 });
  });
});

/** A line of `unit` between `lead` and `tail`, `limit` characters long. */
const hostile = (limit: number, lead: string, unit: string, tail: string): string => {
  const n = limit - lead.length - tail.length;
  return `${lead}${unit.repeat(Math.ceil(n / unit.length)).slice(0, n)}${tail}`;
};

describe('backup parsers: a hostile line of the read limit', () => {
  // The first-written patterns took 1-10 s on 64 KiB of each; the test's own limit is what fails.
  it('crontab: blanks after `=` before a carriage return, judged in one pass (not an assignment, not an entry)', () => {
    const line = hostile(SCHEDULE_READ_LIMIT, 'A=', ' ', 'x\ry');
    expect(ENV_LINE.exec(line)).toBeNull();
    expect(cronEntries({ path: '/etc/crontab', state: 'read', lines: [line], truncated: false }, 'system')).toEqual([]);
  });

  it.each([
    ['a repository variable', REPO_VARIABLE, 'BORG_REPO=', ' ', 'x\ry'],
    ['an rclone setting', RCLONE_SETTING, 'type =', '\t', 'x\u2028y'],
    ['a borgmatic item', BORGMATIC_ITEM, '- ', ' ', 'x\ry'],
    ['a borgmatic item with path', BORGMATIC_ITEM, '- path:', ' ', 'x\ry'],
    ['a nested path', BORGMATIC_PATH, 'path:', ' ', 'x\u2028y'],
  ])('%s: blanks before a break, judged in one pass, no match', (_name, re, lead, unit, tail) => {
    expect(re.exec(hostile(TARGET_READ_LIMIT, lead, unit, tail))).toBeNull();
  });

  it('a borgmatic value of blanks only is still its last blank, as first written', () => {
    expect(firstOf(BORGMATIC_ITEM.exec(hostile(TARGET_READ_LIMIT, '- path:', ' ', '')), 4, 5, 6, 7)).toBe(' ');
  });

  it('a YAML value of comment marks before a break keeps its text', () => {
    const text = hostile(TARGET_READ_LIMIT, 'repo', ' #', '\rx');
    expect(text.replace(YAML_COMMENT, '$1$3')).toBe(text);
  });

  it('DRBD: comment marks before a carriage return, read in one pass', () => {
    const line = hostile(STORAGE_READ_LIMIT, 'resource r0 {', '#', '\rx');
    expect(parseDrbdConfig('/etc/drbd.d/r0.res', [line]).map((r) => r.name)).toEqual(['r0']);
  });

  it('mdstat: a long member word without `[n]`, read in one pass; the members around it still found', () => {
    const line = `md0 : active raid1 sdb1[1] ${'sda'.repeat(STORAGE_READ_LIMIT / 3 - 20)} sdc1[0]`;
    expect(parseMdstat([line], []).map((a) => a.members)).toEqual([['sdb1', 'sdc1']]);
  });

  it('a process with a long name before a break, judged in one pass', () => {
    expect(PROCESS_LINE.exec(hostile(TARGET_READ_LIMIT, '1 ', 'a', '\r'))).toBeNull();
    expect(PROCESS_LINE.exec(hostile(TARGET_READ_LIMIT, '1 ', 'a', ' -v'))?.[3]).toBe('-v');
  });
});

describe('a quoted borgmatic value', () => {
  const QUOTED_BEFORE = /^(["'])(.*)\1\s*(?:#.*)?$/;
  const pieces = ['"', "'", '#', ' ', '\t', '\r', '\n', '\u2028', 'x', 'ssh://b@h/r', '\\', ':'];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map((p) => p.join(''));

  it('is what the pattern took inside its quotes, on every line', () => {
    fc.assert(fc.property(text, (t) => quotedScalar(t) === QUOTED_BEFORE.exec(t)?.[2]), { numRuns: 20000 });
  });

  it('of 64 KiB of quotes and comments before a break is judged within the test limit', () => {
    // The pattern took 2.5 s for one such line; a borgmatic file holds many.
    const line = `"${'"#'.repeat(32 * 1024)}\rx`;
    for (let i = 0; i < 16; i++) expect(quotedScalar(line)).toBeUndefined();
    expect(quotedScalar(`"ssh://b@h/r"${' '.repeat(64 * 1024)}# where`)).toBe('ssh://b@h/r');
  });
});
