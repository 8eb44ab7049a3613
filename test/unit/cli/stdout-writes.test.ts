// A report that could not be written whole must not exit like one that was: the real command line,
// its stdout on /dev/full or on a pipe whose reader is gone.
import { closeSync, openSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tinyInventory } from './support/cli-fixture.js';

let inventory: string;
let full: number;
beforeAll(() => {
  inventory = tinyInventory().inventory;
  full = openSync('/dev/full', 'w');
});
afterAll(() => closeSync(full));

const args = (...extra: string[]) => ['--inventory', inventory, '--check', 'residue.provider-ssh-key', '--no-progress', ...extra];

describe('writing the report to standard output', () => {
  it('delivers the whole report on a working pipe (the baseline the failures are told apart from)', async () => {
    const run = await runCli(args('--format', 'json'));
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).summary.hosts.total).toBe(2);
    expect(run.stderr).toBe('');
  });

  for (const format of ['json', 'table']) {
    it(`exits 78 and says so when stdout is full (${format})`, async () => {
      const run = await runCli(args('--format', format), full);
      expect(run.code).toBe(78);
      expect(run.stderr).toMatch(/^fleetcheck: cannot write the report to standard output \(ENOSPC[^)]*\); it did not arrive whole\n$/);
    });
  }

  it('ends quietly with 141 when the reader closed the pipe, as a tool SIGPIPE ended would', async () => {
    const run = await runCli(args('--format', 'json'), 'closed-pipe');
    expect(run.code).toBe(141);
    expect(run.stderr).toBe('');
  });

  it('checks the output of other commands too', async () => {
    const checks = await runCli(['checks'], full);
    expect(checks.code).toBe(78);
    expect(checks.stderr).toMatch(/cannot write the output to standard output \(ENOSPC/);
    const list = await runCli(['list', '--inventory', inventory], 'closed-pipe');
    expect(list.code).toBe(141);
  });
});
