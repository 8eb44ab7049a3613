// Reads the relative imports of every file under src/ into a graph, and finds what the layering forbids.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';

/** File (relative to src/, POSIX separators) to the src files it imports. */
export type ImportGraph = Map<string, string[]>;

// Static imports and re-exports (`import … from`, `import type … from`, `export … from`), side-effect
// imports (`import './x.js'`) and dynamic `import('./x.js')`; type-only imports count too, since a
// circle of types is still a circle a reader has to untie.
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative module specifiers a file's text imports. */
export function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec !== undefined && spec.startsWith('.')) found.push(spec);
  }
  return found;
}

/** Every `.ts` file under `root`, as paths relative to it. */
function sourceFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(root, path);
    return e.name.endsWith('.ts') ? [relative(root, path).split('\\').join('/')] : [];
  });
}

/** The import graph of the tree under `root`; specifiers name the compiled `.js`, the graph names the `.ts`. */
export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = importSpecifiers(text).map((spec) => {
      const target = relative(root, resolve(root, dirname(file), spec)).split('\\').join('/');
      return target.replace(/\.js$/, '.ts');
    });
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected parts of more than one file, or a file importing itself: each is an import circle. */
export function importCircles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles;
}

/** The top-level entry of src/ a file belongs to: its folder, or the file itself at the top. */
export function topLevelOf(file: string): string {
  const first = file.split('/')[0]!;
  return file.includes('/') ? first : posix.basename(file);
}

/** Imports from a file on a lower floor into a higher one, as `from -> to`; entries without a floor are reported too. */
export function upwardImports(graph: ImportGraph, floors: ReadonlyMap<string, number>): string[] {
  const wrong: string[] = [];
  for (const [from, targets] of graph) {
    const fromFloor = floors.get(topLevelOf(from));
    for (const to of targets) {
      const toFloor = floors.get(topLevelOf(to));
      if (fromFloor === undefined || toFloor === undefined) wrong.push(`${from} -> ${to} (no floor for ${fromFloor === undefined ? topLevelOf(from) : topLevelOf(to)})`);
      else if (toFloor > fromFloor) wrong.push(`${from} -> ${to}`);
    }
  }
  return wrong;
}
