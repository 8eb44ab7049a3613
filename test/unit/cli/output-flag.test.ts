// --output through the real command line: refused targets cost exit 78 before any host is scanned.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tinyInventory } from './support/cli-fixture.js';

describe('fleetcheck --output', () => {
  it('refuses a FIFO with no reader with exit 78 instead of hanging', async () => {
    const { dir, inventory } = tinyInventory();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const run = await runCli(['--inventory', inventory, '--check', 'residue.provider-ssh-key', '--format', 'json', '--output', join(dir, 'fifo')]);
    expect(run.code).toBe(78);
    expect(run.stderr).toBe(`fleetcheck: cannot write --output ${join(dir, 'fifo')}: it is a FIFO, not a regular file\n`);
  });

  it('still writes to /dev/stdout', async () => {
    const { inventory } = tinyInventory();
    const run = await runCli(['--inventory', inventory, '--check', 'residue.provider-ssh-key', '--format', 'json', '--output', '/dev/stdout']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).hosts).toHaveLength(2);
  });
});
