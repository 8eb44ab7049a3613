import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FILE_MODE, outputTarget, writeOutputFile } from '../../../src/fs/output-file.js';

const noStdout = async (): Promise<void> => {
  throw new Error('not standard output');
};

/** A world-writable sticky directory, as /tmp is, with a 0600 file that must survive. */
function stickyDir(): { dir: string; precious: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'fc-out-')), 'shared');
  mkdirSync(dir);
  chmodSync(dir, 0o1777);
  const precious = join(dir, 'precious');
  writeFileSync(precious, 'keep me\n', { mode: 0o600 });
  return { dir, precious };
}

describe('writeOutputFile', () => {
  it('creates a new report 0640 whatever the umask', async () => {
    const { dir } = stickyDir();
    const old = process.umask(0);
    try {
      await writeOutputFile(join(dir, 'report.json'), '{}\n', noStdout);
    } finally {
      process.umask(old);
    }
    expect(statSync(join(dir, 'report.json')).mode & 0o777).toBe(OUTPUT_FILE_MODE);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('{}\n');
  });

  it('replaces a regular file atomically, with the new mode', async () => {
    const { dir } = stickyDir();
    writeFileSync(join(dir, 'report.json'), 'old', { mode: 0o644 });
    await writeOutputFile(join(dir, 'report.json'), 'new', noStdout);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('new');
    expect(statSync(join(dir, 'report.json')).mode & 0o777).toBe(OUTPUT_FILE_MODE);
  });

  it('refuses a link planted in a sticky directory and leaves its target alone', async () => {
    const { dir, precious } = stickyDir();
    symlinkSync(precious, join(dir, 'report.json'));
    await expect(writeOutputFile(join(dir, 'report.json'), 'overwritten', noStdout)).rejects.toThrow('it is a symbolic link: name the file itself');
    expect(readFileSync(precious, 'utf8')).toBe('keep me\n');
    expect(statSync(precious).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
  });

  it('refuses a dangling link instead of creating what it points to', async () => {
    const { dir } = stickyDir();
    symlinkSync(join(dir, 'created-through-link'), join(dir, 'report.json'));
    await expect(writeOutputFile(join(dir, 'report.json'), 'x', noStdout)).rejects.toThrow(/symbolic link/);
    expect(existsSync(join(dir, 'created-through-link'))).toBe(false);
  });

  it('refuses a FIFO at once rather than waiting for a reader', async () => {
    const { dir } = stickyDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    // No reader ever opens the FIFO: opening it to write would block for good (this test would
    // never end), so the refusal proves the FIFO was judged from its type, before any open.
    await expect(writeOutputFile(join(dir, 'fifo'), 'x', noStdout)).rejects.toThrow('it is a FIFO, not a regular file');
    expect(await outputTarget(join(dir, 'fifo'))).toEqual({ kind: 'refused', why: 'it is a FIFO, not a regular file' });
  });

  it('refuses a directory and a device outside the system streams', async () => {
    const { dir } = stickyDir();
    expect(await outputTarget(dir)).toEqual({ kind: 'refused', why: 'it is a directory' });
    expect(await outputTarget('/dev/zero')).toMatchObject({ kind: 'refused' });
  });

  it('writes straight through the system streams', async () => {
    expect(await outputTarget('/dev/stdout')).toEqual({ kind: 'stdout' });
    expect(await outputTarget('/dev/fd/2')).toEqual({ kind: 'stream' });
    expect(await outputTarget('/dev/null')).toEqual({ kind: 'stream' });
    await writeOutputFile('/dev/null', 'discarded', noStdout);
    let written = '';
    await writeOutputFile('/dev/stdout', 'to stdout', async (b) => void (written = b));
    expect(written).toBe('to stdout');
  });
});
