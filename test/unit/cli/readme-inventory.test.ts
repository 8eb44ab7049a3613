// The README's example inventories must be ones the program accepts: an example that is rejected
// teaches the reader a mistake. Each YAML block that is a whole inventory is loaded by `list`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fleetcheck, REPO } from './support/built-cli.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const inventories = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((text) => /^version: 1$/m.test(text) && /^racks:$/m.test(text));
const dir = mkdtempSync(join(tmpdir(), 'fc-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the README's example inventories", () => {
  it('include at least the full example', () => expect(inventories.length).toBeGreaterThan(0));

  it.each(inventories.map((text, i) => [i, text] as const))('example %i loads and lists its hosts', async (i, text) => {
    const file = join(dir, `example-${i}.yaml`);
    writeFileSync(file, text);
    const run = await fleetcheck(['list', '--inventory', file]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^a3-01 /m);
  });
});
