import { describe, expect, it } from 'vitest';
import { isAssignmentLine, pathOfWord, scriptLines } from '../../../../../src/collect/ssh/backup/shell-script-lines.js';

describe('scriptLines', () => {
  it('joins continuations and leaves out the #! line, comments and blanks, keeping line numbers', () => {
    const lines = ['#!/bin/bash', '# copy', '', 'rsync -a --delete \\', '  --password-file=/etc/rsync.secret \\', '  "$SRC" "$DEST"', 'echo done'];
    expect(scriptLines(lines)).toEqual([
      { line: 4, text: 'rsync -a --delete --password-file=/etc/rsync.secret "$SRC" "$DEST"' },
      { line: 7, text: 'echo done' },
    ]);
  });

  it('skips indented comments and blank lines and trims the lines it keeps', () => {
    // As in Debian's /etc/cron.daily/apt-compat: comments and commands indented inside a function.
    const lines = ['check_power()', '{', '    # laptop check, on_ac_power returns:', '    \t', '    if command -v on_ac_power >/dev/null; then', '}'];
    expect(scriptLines(lines)).toEqual([
      { line: 1, text: 'check_power()' },
      { line: 2, text: '{' },
      { line: 5, text: 'if command -v on_ac_power >/dev/null; then' },
      { line: 6, text: '}' },
    ]);
  });

  it('reads no further than the last line of a script cut at the read limit, its `\\` kept', () => {
    expect(scriptLines(['#!/bin/sh', 'restic backup \\'])).toEqual([{ line: 2, text: 'restic backup \\' }]);
  });
});

describe('isAssignmentLine', () => {
  it.each([
    ['export RESTIC_REPOSITORY=sftp:r@h:/x', true],
    ['BORG_REPO="ssh://b@h/./r"', true],
    ["DEST='a b'", true],
    ['X=1;', true],
    ['BORG_REPO=x borg create ::a /srv', false],
    ['restic backup /srv', false],
    ['log() {', false],
  ])('%s → %s', (line, expected) => {
    expect(isAssignmentLine(line)).toBe(expected);
  });
});

describe('pathOfWord', () => {
  it.each([
    ['/opt/bk/run', '/opt/bk/run'],
    ['ExecStart=/usr/local/sbin/nightly.sh', '/usr/local/sbin/nightly.sh'],
    ['EnvironmentFile=-/etc/borg/daily.env', '/etc/borg/daily.env'],
    ['ExecStart=!!/usr/bin/x', '/usr/bin/x'],
    ['"/opt/bk/run";', '/opt/bk/run'],
    ['$(/usr/local/bin/pick)', '/usr/local/bin/pick'],
    ['--password-file=/root/.pw', '/root/.pw'],
    ['>/var/log/bk.log', undefined],
    ['2>&1', undefined],
    ['relative/run', undefined],
    ['/', undefined],
  ])('%s → %s', (word, path) => {
    expect(pathOfWord(word)).toBe(path);
  });
});
