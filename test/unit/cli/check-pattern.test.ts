// `--check` patterns at the real command line: a bad one is a usage error (64), never an internal one.
import { describe, expect, it } from 'vitest';
import { fleetcheck } from './support/built-cli.js';

describe('fleetcheck --check', () => {
  it('refuses a 100,000-character pattern with exit 64 and one short message', async () => {
    for (const pattern of ['a'.repeat(100_000), '*'.repeat(100_000), '(['.repeat(50_000)]) {
      const run = await fleetcheck(['--check', pattern, '--inventory', '/nonexistent/fleet.yaml']);
      expect(run.exitCode, run.stderr.slice(0, 200)).toBe(64);
      expect(run.stderr).toMatch(/^fleetcheck: --check '.*' is longer than \d+ characters/);
      expect(run.stderr.length).toBeLessThan(400);
      expect(run.stdout).toBe('');
    }
  });
});
