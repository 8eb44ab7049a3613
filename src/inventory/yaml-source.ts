// Reads inventory YAML into plain data plus the line where each dotted path was written.
import { Composer, isAlias, isMap, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { CST, Document, Node as YamlNode } from 'yaml';
import { safeText } from './safe-text.js';

/** A line and column in the source, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** A problem in the YAML itself, before any inventory rule applies. */
export interface YamlProblem {
  position: Position;
  path: string;
  message: string;
}

/** Plain data (null-prototype objects, arrays, scalars) and where each dotted path was written. */
export interface YamlSource {
  value: unknown;
  positions: ReadonlyMap<string, Position>;
}

const MAX_NODES = 200_000;
const MAX_DEPTH = 64;

const TOO_DEEP = `values are nested more than ${MAX_DEPTH} levels deep`;

/**
 * Where the syntax tree first nests deeper than MAX_DEPTH, walked with a stack of its own. It runs
 * before the yaml library composes the document, which recurses once per level and would otherwise
 * end in "Maximum call stack size exceeded" somewhere past the point that matters.
 */
function firstTooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: Array<[CST.Token, number]> = [];
  for (const token of tokens) if (token.type === 'document' && token.value) stack.push([token.value, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return token.offset;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    for (const item of token.items as CST.CollectionItem[]) {
      if (item.value) stack.push([item.value, depth + 1]);
      if (item.key) stack.push([item.key, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Parses one YAML document; syntax errors come back as problems with the yaml library's message.
 * Duplicate keys are found by the walk below (one set per map): the library's own check compares
 * each key with every earlier one, quadratic in the hosts of a rack.
 */
export function readYamlSource(text: string): { ok: true; source: YamlSource } | { ok: false; problems: YamlProblem[] } {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // What parseDocument does, in two steps, so the depth is known before anything recurses.
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const deep = firstTooDeep(tokens);
  if (deep !== undefined) return { ok: false, problems: [{ position: at(deep), path: '', message: TOO_DEEP }] };
  const composer = new Composer({ version: '1.2', schema: 'core', uniqueKeys: false });
  // compose(…, forceDoc) yields at least one document, even for empty text.
  const [doc, second] = Array.from(composer.compose(tokens, true, text.length)) as [Document.Parsed, ...Document.Parsed[]];
  const problems: YamlProblem[] = doc.errors.map((error) => ({ position: at(error.pos[0]), path: '', message: safeText(error.message, 160) }));
  if (second) problems.push({ position: at(second.range[0]), path: '', message: 'a second YAML document: the inventory is one document' });
  if (problems.length > 0) return { ok: false, problems };
  const walker = new Walker(doc, at);
  const value = walker.walk(doc.contents as YamlNode | null, [], 0);
  if (walker.problems.length > 0) return { ok: false, problems: walker.problems };
  if (!walker.positions.has('')) walker.positions.set('', { line: 1, column: 1 });
  return { ok: true, source: { value, positions: walker.positions } };
}

class Walker {
  readonly positions = new Map<string, Position>();
  readonly problems: YamlProblem[] = [];
  #nodes = 0;
  /** Collections being walked, to catch an alias that refers to one of its own ancestors. */
  readonly #open = new Set<YamlNode>();
  /** Duplicate keys already reported. */
  readonly #duplicates = new Set<YamlNode>();

  constructor(
    private readonly doc: Document,
    private readonly at: (offset: number) => Position,
  ) {}

  walk(node: YamlNode | null | undefined, path: string[], depth: number): unknown {
    if (node === null || node === undefined) return null;
    const here = path.join('.');
    if (node.range && !this.positions.has(here)) this.positions.set(here, this.at(node.range[0]));
    if (++this.#nodes > MAX_NODES) {
      return this.#nodes === MAX_NODES + 1 ? this.fail(node, [], `the document expands to more than ${MAX_NODES} values (aliases?)`) : null;
    }
    if (depth > MAX_DEPTH) return this.fail(node, path, TOO_DEEP);
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (target === undefined) return this.fail(node, path, `alias *${safeText(node.source)} has no anchor`);
      if (this.#open.has(target)) return this.fail(node, path, `alias *${safeText(node.source)} refers to a value that contains it`);
      return this.walk(target, path, depth + 1);
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
      return node.source ?? String(v);
    }
    if (isSeq(node)) {
      this.#open.add(node);
      const items = node.items.map((item, index) => this.walk(item as YamlNode | null, [...path, String(index)], depth + 1));
      this.#open.delete(node);
      return items;
    }
    if (isMap(node)) {
      this.#open.add(node);
      const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      // Keys compared by value, as YAML (and the yaml library's own check) compares scalars: 1 and 0x1 are one key.
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          this.fail(keyNode ?? node, path, 'map keys must be plain names');
          continue;
        }
        if (keys.has(keyNode.value)) {
          // A map reached again through an alias would say it twice.
          if (!this.#duplicates.has(keyNode)) this.fail(keyNode, path, 'Map keys must be unique');
          this.#duplicates.add(keyNode);
          continue;
        }
        keys.add(keyNode.value);
        const key = keyNode.source ?? String(keyNode.value);
        const keyPath = [...path, key];
        if (keyNode.range) this.positions.set(keyPath.join('.'), this.at(keyNode.range[0]));
        object[key] = this.walk(pair.value as YamlNode | null, keyPath, depth + 1);
      }
      this.#open.delete(node);
      return object;
    }
    return this.fail(node, path, 'unsupported YAML value');
  }

  private fail(node: YamlNode, path: string[], message: string): null {
    const position = node.range ? this.at(node.range[0]) : { line: 1, column: 1 };
    if (this.problems.length < 100) this.problems.push({ position, path: path.map((p) => safeText(p)).join('.'), message });
    return null;
  }
}
