import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCircles, importSpecifiers, readImportGraph, topLevelOf, upwardImports, type ImportGraph } from './import-graph.js';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/**
 * The floors of src/, lowest first. A file may import its own floor and the ones below, never one
 * above. Every top-level folder and file of src/ must be listed: a new one is placed on purpose.
 */
const FLOORS: ReadonlyArray<readonly string[]> = [
  // The contract and the vocabulary everything speaks, and helpers that import nothing of ours.
  ['facts', 'model', 'text', 'fs', 'ssh-keys', 'package-root.ts', 'version.ts', 'lazy-module.ts'],
  // Validated input: the inventory, and the catalogues (data files read through code).
  ['inventory', 'catalogue'],
  // Rules over input and findings: contract-end and store policy, waivers.
  ['contract', 'waivers'],
  // The I/O that reaches hosts, BMCs and the provider's secret store; OpenSSH signatures (ssh-keygen).
  ['transport', 'secrets', 'signing'],
  // Turning hosts into facts.
  ['collect'],
  // Pure judgement of facts.
  ['checks'],
  // Concurrency, deadlines, one host's scan.
  ['runner'],
  // The report and its formats; saved reports.
  ['report'],
  // Commands and exit codes.
  ['cli'],
];
const FLOOR_OF = new Map(FLOORS.flatMap((names, floor) => names.map((n) => [n, floor] as const)));

const graph = readImportGraph(SRC);

describe('the import graph readers', () => {
  it('read static, type-only, re-exported and dynamic imports, and skip packages', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from './c.js';",
      "export type * from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      "import { z } from 'zod';",
      "import {\n  g,\n  type H,\n} from './g.js';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./a.js', '../b/b.js', './c.js', './d.js', './e.js', './f.js', './g.js']);
  });

  it('find a circle, however long, and a file importing itself', () => {
    const g: ImportGraph = new Map([
      ['a/x.ts', ['b/y.ts']],
      ['b/y.ts', ['c/z.ts']],
      ['c/z.ts', ['a/x.ts']],
      ['d/self.ts', ['d/self.ts']],
      ['e/ok.ts', ['a/x.ts']],
    ]);
    expect(importCircles(g)).toEqual([['a/x.ts', 'b/y.ts', 'c/z.ts'], ['d/self.ts']]);
    expect(importCircles(new Map([['a/x.ts', ['b/y.ts']], ['b/y.ts', []]]))).toEqual([]);
  });

  it('find an import that runs up a floor, and one from or to an entry without a floor', () => {
    const floors = new Map([['low', 0], ['high', 1]]);
    const g: ImportGraph = new Map([
      ['high/a.ts', ['low/b.ts', 'high/c.ts']],
      ['low/b.ts', ['high/a.ts']],
      ['stray/d.ts', ['low/b.ts']],
    ]);
    expect(upwardImports(g, floors)).toEqual(['low/b.ts -> high/a.ts', 'stray/d.ts -> low/b.ts (no floor for stray)']);
    expect(topLevelOf('version.ts')).toBe('version.ts');
  });
});

describe('src/ imports', () => {
  it('are read from the real tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('runner/scan-host.ts')).toContain('facts/facts.ts');
  });

  it('give every top-level folder and file of src/ a floor', () => {
    const entries = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory() || e.name.endsWith('.ts')).map((e) => e.name);
    expect(entries.filter((e) => !FLOOR_OF.has(e))).toEqual([]);
  });

  it('form no circle', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('never run from a lower floor to a higher one', () => {
    expect(upwardImports(graph, FLOOR_OF)).toEqual([]);
  });

  it('keep checks on facts: nothing under src/checks imports src/collect or src/transport', () => {
    const reaching = [...graph].flatMap(([from, targets]) =>
      from.startsWith('checks/') ? targets.filter((t) => t.startsWith('collect/') || t.startsWith('transport/')).map((t) => `${from} -> ${t}`) : [],
    );
    expect(reaching).toEqual([]);
  });
});
