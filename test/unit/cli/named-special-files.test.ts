// Files named on the command line of `diff` and `verify` are read like the inventory's: regular files
// only, bounded. /dev/zero has size 0 and never ends; a FIFO with no writer never answers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fleetcheck } from './support/built-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fc-named-'));
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files named on the command line', () => {
  it.each(['/dev/zero', fifo])('diff refuses %s as a report, at once', async (file) => {
    const run = await fleetcheck(['diff', file, file], { timeoutMs: 20_000 });
    expect(run.exitCode).toBe(78);
    expect(run.stderr).toContain('not a regular file');
  });

  it.each(['/dev/zero', fifo])('verify refuses %s as a statement, at once', async (file) => {
    const run = await fleetcheck(['verify', file, '-f', '/dev/null'], { timeoutMs: 20_000 });
    expect(run.exitCode).toBe(78);
    expect(run.stderr).toContain('not a regular file');
  });

  it('counts --output /dev/stdout as standard output: two reports there would mix', async () => {
    const both = await fleetcheck(['--report', 'json', '--format', 'table', '--output', '/dev/stdout', '--inventory', '/nonexistent.yaml']);
    expect(both.exitCode).toBe(64);
    expect(both.stderr).toContain('only one output can go to standard output');
  });
});
