// The masking on lines a hostile host writes (a crontab or unit line, up to 64 KiB): each rewritten
// rule means what it meant before, and takes time linear in the line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKeyPath, maskSecrets, maskSettings, MYSQL_PASSWORD, namesASecret, RCLONE_PAIR, URL_CREDENTIALS } from '../../../../src/checks/backup/mask-secrets.js';

const MASK = '***';

// The rules as first written: right on every line, but each costs the square of some long run.
const URL_BEFORE = /([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s@/]+@/gi;
const MYSQL_BEFORE = /(\b(?:mysql|mysqldump|mariadb|mariadb-dump|mysqlpump|mydumper)\b[^|;&]*?\s-p)(?!\s)\S+/g;
const RCLONE_PAIR_BEFORE = /(\s+)([A-Za-z0-9_]+)(\s+)("[^"]*"|'[^']*'|\S+)/g;
const SETTING_BEFORE = /(?<![A-Za-z0-9_./-])([A-Za-z][A-Za-z0-9_.-]*)(["']?\s*[=:]\s*)((?:"[^"]*"|'[^']*'|[^\s,;&"']+))/g;

/** The settings rule as first written (with today's names and key paths): the whole match, value included, at every name; a declined one is searched again from its next character. */
function settingsBefore(text: string): string {
  let out = '';
  let from = 0;
  SETTING_BEFORE.lastIndex = 0;
  for (let m = SETTING_BEFORE.exec(text); m; m = SETTING_BEFORE.exec(text)) {
    if (!namesASecret(m[1]!) || isKeyPath(m[1]!, m[3]!)) {
      SETTING_BEFORE.lastIndex = m.index + 1;
      continue;
    }
    out += `${text.slice(from, m.index)}${m[1]}${m[2]}${MASK}`;
    from = m.index + m[0].length;
    SETTING_BEFORE.lastIndex = Math.max(from, m.index + 1);
  }
  return out + text.slice(from);
}

const TOKENS = [
  'https', 'http', 's3', '9', '+', '.', '-', ':', '//', '://', '@', '/', 'user', 'pw', 'x', ' ', '  ', '\t', '=', '"', "'", ',', ';', '&', '|',
  'mysql', 'mysqldump', 'mariadb', ' -p', '-p', '-pS3cr', 'password', 'PASSWORD', 'RESTIC_PASSWORD', 'secret', 'key', 'ssh_key', 'AWS_SECRET_ACCESS_KEY',
  'token', 'path', '~/', 'A_1', 'Environment', '{', '}', '\r', '\u2028',
];
const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 28 }).map((parts) => parts.join(''));
const replaceBoth = (a: RegExp, b: RegExp, replacement: string) => (l: string) => l.replace(a, replacement) === l.replace(b, replacement);

describe('masking rules: what they mean', () => {
  it('scheme://user:secret@host masks exactly what it masked', () => {
    fc.assert(fc.property(line, replaceBoth(URL_CREDENTIALS, URL_BEFORE, `$1${MASK}@`)), { numRuns: 5000 });
  });

  it('mysql -p masks exactly what it masked', () => {
    fc.assert(fc.property(line, replaceBoth(MYSQL_PASSWORD, MYSQL_BEFORE, `$1${MASK}`)), { numRuns: 5000 });
  });

  it('rclone config create pairs are found exactly where they were', () => {
    const pairs = (re: RegExp) => (l: string) => l.replace(re, (_p, s1: string, key: string, s2: string) => `${s1}${key}${s2}${MASK}`);
    fc.assert(fc.property(line, (l) => pairs(RCLONE_PAIR)(l) === pairs(RCLONE_PAIR_BEFORE)(l)), { numRuns: 5000 });
  });

  it('NAME=value settings mask exactly what they masked', () => {
    fc.assert(fc.property(line, (l) => maskSettings(l) === settingsBefore(l)), { numRuns: 5000 });
  });

  it('a scheme that starts with digits or + keeps them before the masked part', () => {
    expect(maskSecrets('curl 9https://bk:hunter2@repo.example/x')).toBe('curl 9https://bk:***@repo.example/x');
  });
});

/** `unit` repeated to 64 KiB, the largest line of a crontab or unit file a host may write. */
const hostileLine = (unit: string): string => unit.repeat(Math.ceil((64 * 1024) / unit.length)).slice(0, 64 * 1024);

describe('masking: a hostile line of 64 KiB', () => {
  // A crontab holds many lines: eight of these, masked the old way, cost 10 s (`x=`, the settings rule)
  // to 44 s (a word of letters, the URL rule, past the test's own 30 s limit) on a quiet machine.
  it.each(['a', 'x=', 'x:', ' ', '\t', 'mysql ', 'http', 'a.', '-a=', '"a=', 'k=v '])('%j: masked in one pass, nothing to mask', (unit) => {
    const lines = Array.from({ length: 8 }, () => hostileLine(unit));
    expect(lines.map((l) => maskSecrets(l))).toEqual(lines);
  });

  it('a password at the end of a line of settings is still masked', () => {
    const text = `${hostileLine('x=').slice(0, 64 * 1024 - 30)} RESTIC_PASSWORD=hunter2`;
    expect(maskSecrets(text).endsWith(' RESTIC_PASSWORD=***')).toBe(true);
  });
});
