// Property-based: random and mutated inventories never make the loader throw. Each one either loads
// or comes back as issues that name the file and the place (a line or a path), with no stack trace.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { formatInventoryIssue } from '../../../src/inventory/inventory-issue.js';
import { loadInventory } from '../../../src/inventory/load-inventory.js';
import type { InventoryResult } from '../../../src/inventory/parse-inventory.js';
import { FILE, parse } from './support/inventory-text.js';

const RUNS = 200;
/**
 * The two mutation properties parse the lab inventory 200 times each (about 0.1 to 0.2 s a parse):
 * 20 s alone, more beside the rest of the suite on two cores. This guard only stops a hung run;
 * nothing here is judged by time.
 */
const MUTATION_GUARD_MS = 180_000;
const STACK_FRAME = /\n\s+at |\bat .*\.(?:js|ts):\d+/;

/** The properties every result holds, loaded or not. */
function expectWellFormed(result: InventoryResult, file = FILE): void {
  if (result.ok) {
    // A loaded inventory is whole: its host list is exactly its racks' hosts, each named once, in
    // the rack that holds it, with a usable address, port and deadlines.
    // Judged in plain code and asserted once: a few hundred inventories of dozens of hosts each.
    const { inventory } = result;
    expect(inventory.file).toBe(file);
    const listed = inventory.hosts.map((h) => `${h.rack}/${h.name}`).join(' ');
    expect(listed).toBe(inventory.racks.flatMap((r) => r.hosts.map((h) => `${r.name}/${h.name}`)).join(' '));
    expect(new Set(inventory.hosts.map((h) => h.name)).size).toBe(inventory.hosts.length);
    const unusable = inventory.hosts.filter(
      (h) => h.ssh.address === '' || !Number.isInteger(h.ssh.port) || h.ssh.port < 1 || h.ssh.port > 65535 || !(h.ssh.connectTimeoutMs > 0) || !(h.hostTimeoutMs > 0),
    );
    expect(unusable.map((h) => h.name)).toEqual([]);
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    const line = formatInventoryIssue(issue);
    expect(issue.file).toBe(file);
    expect(line.startsWith(file)).toBe(true);
    expect(issue.message.trim().length).toBeGreaterThan(0);
    expect(line).not.toMatch(STACK_FRAME);
    expect(line).not.toMatch(/internal error/);
    // The place: a line of the file, or a path into the document (the whole file is path '').
    expect(issue.line !== undefined || issue.path !== '' || /file|document|empty|YAML|mapping|version/i.test(issue.message)).toBe(true);
  }
}

/** A valid inventory touching every section the loader knows. */
const VALID = readFileSync(new URL('../../../inventory/lab.yaml', import.meta.url), 'utf8');
const VALID_DOC = parseYaml(VALID) as unknown;

type Path = (string | number)[];

/** Every path into a JSON-like value, the root included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

function setAt(root: unknown, path: Path, make: (old: unknown) => unknown | typeof DELETE): unknown {
  if (path.length === 0) {
    const next = make(root);
    return next === DELETE ? null : next;
  }
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const next = make(parent[last]);
  if (next === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = next;
  }
  return copy;
}
const DELETE = Symbol('delete');

/** One structural mutation of the document: replace, delete, rename or add at a random place. */
const mutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'rename', 'add', 'wrap'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', '0', '-1', '5x', '999999999h', '127.0.0.1', '::1', '~/', '../../etc/shadow', 'a3-01', 'A3', '\u001b[2J', 'é', null, true, 0, -1, 1e309),
  ),
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('ssh', 'bmc', 'address', 'hosts', 'adress', 'defaults', 'version', '__proto__', 'constructor')),
});

function mutate(doc: unknown, m: { pick: number; kind: string; value: unknown; key: string }): unknown {
  const paths = pathsOf(doc);
  const path = paths[m.pick % paths.length]!;
  switch (m.kind) {
    case 'replace':
      return setAt(doc, path, () => m.value);
    case 'delete':
      return setAt(doc, path, () => DELETE);
    case 'wrap':
      return setAt(doc, path, (old) => [old]);
    case 'add':
      return setAt(doc, path, (old) =>
        typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, [m.key]: m.value } : { [m.key]: old },
      );
    default:
      return setAt(doc, path, (old) =>
        typeof old === 'object' && old !== null && !Array.isArray(old)
          ? Object.fromEntries(Object.entries(old).map(([k, v], i) => [i === m.pick % Math.max(1, Object.keys(old).length) ? m.key : k, v]))
          : old,
      );
  }
}

/** Edits to the text itself: cut, duplicate or swap lines, insert characters, change indentation. */
const textEdit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('cut', 'duplicate', 'swap', 'insert', 'indent', 'dedent', 'truncate'),
  text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(':', '- ', '{', '}', '[', '"', "'", '&a', '*a', '!!binary', '<<: *a', '\t', '%YAML 1.1', '---', '...', '\uFEFF', '\u0000')),
});

function editText(text: string, e: { at: number; kind: string; text: string }): string {
  const lines = text.split('\n');
  const i = e.at % lines.length;
  switch (e.kind) {
    case 'cut':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, lines[i]!);
      break;
    case 'swap':
      [lines[i], lines[(i + 1) % lines.length]] = [lines[(i + 1) % lines.length]!, lines[i]!];
      break;
    case 'insert': {
      const line = lines[i]!;
      const col = e.at % (line.length + 1);
      lines[i] = line.slice(0, col) + e.text + line.slice(col);
      break;
    }
    case 'indent':
      lines[i] = ' ' + lines[i];
      break;
    case 'dedent':
      lines[i] = lines[i]!.replace(/^ /, '');
      break;
    default:
      return text.slice(0, e.at % (text.length + 1));
  }
  return lines.join('\n');
}

describe('parseInventory under random input', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.lorem({ mode: 'sentences' })), (text) => {
        expectWellFormed(parse(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary YAML documents', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('version', 'defaults', 'racks', 'secrets', 'provider', 'x'), fc.jsonValue())), (doc) => {
        expectWellFormed(parse(stringify(doc)));
      }),
      { numRuns: RUNS },
    );
  });

  it('either loads or names the place for structurally mutated inventories', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = mutations.reduce<unknown>((d, m) => mutate(d, m), VALID_DOC);
        expectWellFormed(parse(stringify(doc)));
      }),
      { numRuns: RUNS },
    );
  }, MUTATION_GUARD_MS);

  it('either loads or names the place for textually mutated inventories', () => {
    fc.assert(
      fc.property(fc.array(textEdit, { minLength: 1, maxLength: 5 }), (edits) => {
        expectWellFormed(parse(edits.reduce((t, e) => editText(t, e), VALID)));
      }),
      { numRuns: RUNS },
    );
  }, MUTATION_GUARD_MS);
});

describe('loadInventory under random bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-inventory-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never throws on arbitrary bytes, valid UTF-8 or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), fc.boolean(), async (bytes, prefixValid) => {
        const file = join(dir, 'inventory.yaml');
        writeFileSync(file, prefixValid ? Buffer.concat([Buffer.from(VALID.slice(0, 400)), bytes]) : bytes);
        expectWellFormed(await loadInventory(file), file);
      }),
      { numRuns: 100 },
    );
  });
});
