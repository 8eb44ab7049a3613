import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRegularFile, describeFileProblem, readBoundedFile, readBoundedText } from '../../../src/fs/bounded-file.js';

let dir: string;
let fifo: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fc-bounded-'));
  fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]); // no writer ever opens it: a plain open for reading would wait forever
  writeFileSync(join(dir, 'small'), 'hello\n');
  writeFileSync(join(dir, 'exact'), 'x'.repeat(100));
  writeFileSync(join(dir, 'over'), 'x'.repeat(101));
  mkdirSync(join(dir, 'sub'));
  symlinkSync('/dev/zero', join(dir, 'zero-link'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problemOf = async (path: string, max = 100): Promise<string> => {
  const read = await readBoundedFile(path, max);
  return read.ok ? 'ok' : describeFileProblem(read.problem);
};

describe('readBoundedFile', () => {
  it('reads a regular file up to its limit', async () => {
    expect(await readBoundedText(join(dir, 'small'), 100)).toEqual({ ok: true, text: 'hello\n' });
    const exact = await readBoundedFile(join(dir, 'exact'), 100);
    expect(exact.ok && exact.bytes.length).toBe(100);
    expect(await problemOf(join(dir, 'over'))).toBe('is larger than 100 bytes');
  });

  it('refuses devices, FIFOs, directories and links to them, without reading or waiting', async () => {
    for (const path of ['/dev/zero', '/dev/urandom', fifo, join(dir, 'sub'), join(dir, 'zero-link')]) {
      expect(await problemOf(path, 4 * 1024 * 1024)).toBe('is not a regular file');
    }
  });

  it('names a missing file, and bounds what a /proc file (size 0 in stat) gives', async () => {
    expect(await problemOf(join(dir, 'absent'))).toBe('not found');
    expect(await problemOf(join(dir, 'small', 'x'))).toBe('not found');
    expect(await problemOf('/proc/self/maps', 10)).toBe('is larger than 10 bytes');
  });

  it('says the limit in the unit it was set in', () => {
    expect(describeFileProblem({ kind: 'too-large', maxBytes: 4 * 1024 * 1024 })).toBe('is larger than 4 MiB');
    expect(describeFileProblem({ kind: 'too-large', maxBytes: 4096 })).toBe('is larger than 4 KiB');
    expect(describeFileProblem({ kind: 'unreadable', code: 'EACCES' })).toBe('is not readable (permission denied)');
  });
});

describe('checkRegularFile', () => {
  it('answers like readBoundedFile without reading', () => {
    expect(checkRegularFile(join(dir, 'small'), 100).ok).toBe(true);
    for (const [path, words] of [['/dev/zero', 'is not a regular file'], [fifo, 'is not a regular file'], [join(dir, 'over'), 'is larger than 100 bytes'], [join(dir, 'absent'), 'not found']] as const) {
      const check = checkRegularFile(path, 100);
      expect(check.ok ? 'ok' : describeFileProblem(check.problem)).toBe(words);
    }
  });
});
