// The command line ships as one bundle (rolldown.config.mjs): what stays outside it is only what
// must, so that a run loads one module of ours and its start does not creep back to some 520 modules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
