// The file-dump sections' framing (parseSectionRecords) and the edges of the residue framing
// (parseFramed): what is a record, a file, a command's output, and what is left out.
import { describe, expect, it } from 'vitest';
import { firstWord, parseFramed, parseSectionRecords } from '../../../../src/collect/ssh/section-framing.js';

const M = '@@fc-test';
const lines = (...l: string[]) => l.join('\n');

describe('parseSectionRecords', () => {
  it('reads records, files and command output, and ignores text outside any frame and progress records', () => {
    const text = lines(
      'stray text before',
      `${M} > file /etc/fstab`,
      `${M} B /usr/bin/restic`,
      `${M} P`,
      `${M} F /etc/my\\040fstab`,
      'line one',
      '',
      'line three',
      '',
      `${M} E`,
      `${M} C dpkg \\040--list`,
      'ii  restic  0.16',
      '',
      `${M} X dpkg 0`,
      `${M} U /etc/shadow`,
      'stray text after',
    );
    expect(parseSectionRecords(text, M)).toEqual({
      records: [
        { tag: 'B', rest: '/usr/bin/restic' },
        { tag: 'P', rest: '' },
      ],
      files: [
        { path: '/etc/my fstab', state: 'read', lines: ['line one', '', 'line three'], truncated: false },
        { path: '/etc/shadow', state: 'unreadable', lines: [], truncated: false },
      ],
      commands: [{ name: 'dpkg', args: ' --list', output: ['ii  restic  0.16'], status: 0 }],
    });
  });

  it('reads a command with no arguments, takes its status from the last word, and keeps output lines that only look empty', () => {
    const out = parseSectionRecords(lines(`${M} C lvs`, 'vg|lv', '', 'x', `${M} X lvs 5`), M);
    expect(out.commands).toEqual([{ name: 'lvs', args: '', output: ['vg|lv', '', 'x'], status: 5 }]);
  });

  it('keeps a file reached twice once, with what was read the first time', () => {
    const text = lines(`${M} F /etc/crontab`, 'first', '', `${M} E`, `${M} F /etc/crontab`, 'second', '', `${M} E`);
    expect(parseSectionRecords(text, M).files).toEqual([{ path: '/etc/crontab', state: 'read', lines: ['first'], truncated: false }]);
  });

  it('makes a file that failed part-way unreadable, not half read', () => {
    const text = lines(`${M} F /etc/cron.d/x`, 'partial', '', `${M} E`, `${M} U /etc/cron.d/x`);
    expect(parseSectionRecords(text, M).files).toEqual([{ path: '/etc/cron.d/x', state: 'unreadable', lines: [], truncated: false }]);
  });

  it('marks a file cut when more than the limit arrived, not when exactly the limit did', () => {
    // The snippet prints the file as read, then its own newline and the end marker.
    const file = (body: string) => parseSectionRecords(lines(`${M} F /f`, body, `${M} E`), M, 10).files[0]!;
    expect(file('0123456789').truncated).toBe(false);
    expect(file('0123456789a').truncated).toBe(true);
    expect(file('01234\n6789').truncated).toBe(false);
    expect(file('01234\n6789a').truncated).toBe(true);
  });

  it("counts the file's own last newline: a read of limit + 1 bytes that ends in one was cut", () => {
    const endingInNewline = (body: string) => parseSectionRecords(lines(`${M} F /f`, body, '', `${M} E`), M, 10).files[0]!;
    expect(endingInNewline('012345678')).toEqual({ path: '/f', state: 'read', lines: ['012345678'], truncated: false });
    expect(endingInNewline('0123456789')).toEqual({ path: '/f', state: 'read', lines: ['0123456789'], truncated: true });
  });

  it('marks a file cut by an old-style T line inside its frame', () => {
    expect(parseSectionRecords(lines(`${M} F /f`, 'x', `${M} T`, '', `${M} E`), M).files[0]).toEqual({ path: '/f', state: 'read', lines: ['x'], truncated: true });
  });

  it('takes no line for a record unless it starts with the marker and a space', () => {
    expect(parseSectionRecords(lines(`${M}B /x`, ` ${M} B /y`, `${M} B /z`), M).records).toEqual([{ tag: 'B', rest: '/z' }]);
  });
});

describe('parseFramed edges', () => {
  const all = (text: string) => [...parseFramed(text, M, new Set(['F']))].map((r) => ({ tag: r.tag, args: r.args, text: r.text }));

  it('skips progress records and text outside records, and reads a header-only record without arguments', () => {
    expect(all(lines('junk', `${M} > file /a`, `${M} D`, `${M}X nope`, `${M} F /a`, 'body', '', `${M} E`, 'after'))).toEqual([
      { tag: 'D', args: '', text: undefined },
      { tag: 'F', args: '/a', text: 'body' },
    ]);
  });

  it('reads a body whose end marker is the last text, without a newline after it', () => {
    expect(all(`${M} F /a\nx\n\n${M} E`)).toEqual([{ tag: 'F', args: '/a', text: 'x' }]);
  });

  it('reads a body record at the very end of the output as empty', () => {
    expect(all(`${M} F /a`)).toEqual([{ tag: 'F', args: '/a', text: '' }]);
  });
});

describe('firstWord', () => {
  it('splits at the first space only', () => {
    expect(firstWord('dpkg a b')).toEqual(['dpkg', 'a b']);
    expect(firstWord('alone')).toEqual(['alone', '']);
    expect(firstWord(' lead')).toEqual(['', 'lead']);
  });
});
