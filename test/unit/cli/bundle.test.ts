// The command line ships as one bundle (rolldown.config.mjs): what stays outside it is only what
// must, so that a run loads one module of ours and its start does not creep back to some 530 modules.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './support/built-cli.js';

const bundle = readFileSync(join(REPO, 'dist/fleetcheck.mjs'), 'utf8');

/** The specifiers of the bundle's static imports, from its top-level import statements. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/^import\s[^;]*?from\s+"([^"]+)";|^import\s+"([^"]+)";/gm)].map((m) => (m[1] ?? m[2])!);
}

describe('the command-line bundle', () => {
  it('imports nothing but Node built-ins and ssh2, whose native bindings load by relative paths', () => {
    const imports = staticImports(bundle);
    expect(imports).toContain('ssh2');
    expect(imports.filter((s) => s !== 'ssh2' && !s.startsWith('node:'))).toEqual([]);
  });

  it('holds our modules and the eager dependencies, not the lazy ones', () => {
    // The bundler marks each module it inlines with a "// <path>" line.
    const inlined = new Set([...bundle.matchAll(/^\/\/ (node_modules\/(?:@[^/]+\/)?[^/]+|dist\/src)\//gm)].map((m) => m[1]));
    for (const eager of ['dist/src', 'node_modules/zod', 'node_modules/yaml', 'node_modules/commander', 'node_modules/execa']) expect(inlined).toContain(eager);
    // A run without a Redfish BMC or JUnit output never loads these (src/lazy-module.ts).
    expect(inlined).not.toContain('node_modules/undici');
    expect(inlined).not.toContain('node_modules/xmlbuilder2');
  });

  it('is what bin/fleetcheck.js runs', () => {
    expect(readFileSync(join(REPO, 'bin/fleetcheck.js'), 'utf8')).toMatch(/new URL\('\.\.\/dist\/fleetcheck\.mjs', import\.meta\.url\)/);
  });
});

describe('bin/fleetcheck.js', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  /** A tree with bin/fleetcheck.js and a stand-in bundle; `compiledAt` adds dist/src/cli/main.js with that mtime (seconds). */
  function tree(bundleAt: number, compiledAt?: number): string {
    const root = mkdtempSync(join(tmpdir(), 'fleetcheck-bin-'));
    roots.push(root);
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'dist/src/cli'), { recursive: true });
    copyFileSync(join(REPO, 'bin/fleetcheck.js'), join(root, 'bin/fleetcheck.js'));
    writeFileSync(join(root, 'dist/fleetcheck.mjs'), "export async function main() { process.stdout.write('bundle ran'); return 0; }\n");
    utimesSync(join(root, 'dist/fleetcheck.mjs'), bundleAt, bundleAt);
    if (compiledAt !== undefined) {
      writeFileSync(join(root, 'dist/src/cli/main.js'), '');
      utimesSync(join(root, 'dist/src/cli/main.js'), compiledAt, compiledAt);
    }
    return root;
  }
  const run = (root: string) => execa('node', [join(root, 'bin/fleetcheck.js')], { reject: false });

  it('runs the bundle when it is newer than tsc\'s output, or when there is none (an installed package)', async () => {
    for (const root of [tree(2_000_000_000, 1_900_000_000), tree(2_000_000_000)]) {
      const r = await run(root);
      expect([r.exitCode, r.stdout]).toEqual([0, 'bundle ran']);
    }
  });

  it('refuses a bundle older than tsc\'s output, with exit 78, rather than run older code than the tree', async () => {
    const r = await run(tree(1_900_000_000, 2_000_000_000));
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dist/fleetcheck.mjs is older than dist/src');
  });
});
