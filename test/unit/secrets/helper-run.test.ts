import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runHelper } from '../../../src/secrets/helper-run.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

describe('runHelper', () => {
  it('returns what the helper printed', async () => {
    const run = await runHelper(['sh', '-c', 'printf "a: 1\\n"; exit 0'], {}, 5_000);
    expect(run).toMatchObject({ exitCode: 0, stdout: 'a: 1\n', timedOut: false, outputLimit: false, startError: undefined });
  });

  it('keeps its deadline when a grandchild holds stdout open, and leaves no process behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-helper-'));
    const pidFile = join(dir, 'grandchild.pid');
    // The grandchild inherits stdout and outlives its parent: killing only the direct child would
    // wait out its hour, past this test's own timeout. Returning at all, timed out, with the
    // grandchild dead, is the deadline kept.
    const run = await runHelper(['sh', '-c', `sleep 3600 & echo $! > ${pidFile}; wait`], {}, 300);
    expect(run.timedOut).toBe(true);
    expect(existsSync(pidFile)).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await vi.waitFor(() => expect(alive(grandchild)).toBe(false), { timeout: 10_000 });
  });

  it('names a helper that cannot be started', async () => {
    const run = await runHelper(['/nonexistent/helper'], {}, 1_000);
    expect(run.startError).toBe('ENOENT');
  });
});
