// ClusterShell-style node sets ("a3-[01-04],b1-02", "r[1-2]-n[01-02]") for picking hosts on the command line.
import { safeText } from './safe-text.js';

/** Most names one expression may expand to; beyond this it is surely a typo. */
export const MAX_NODE_SET_NAMES = 100_000;

type Part = { literal: string } | { values: string[] };
type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const LITERAL = /^[A-Za-z0-9._-]$/;
const RANGE = /^(\d{1,9})(?:-(\d{1,9})(?:\/(\d{1,9}))?)?$/;

/** Zero-padding width of a range: the width of a bound written with a leading zero ("01"), else none. */
function padWidth(low: string, high: string | undefined): number {
  if (low.length > 1 && low.startsWith('0')) return low.length;
  if (high !== undefined && high.length > 1 && high.startsWith('0')) return high.length;
  return 0;
}

/** Splits on commas that are not inside brackets. */
function splitTopLevel(expr: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ',' && depth === 0) {
      items.push(expr.slice(start, i));
      start = i + 1;
    }
  }
  items.push(expr.slice(start));
  return items;
}

/** The values of one bracket body, e.g. "01-04,07" or "1-9/2"; `budget` caps values built across the whole expression. */
function parseRanges(body: string, budget: { left: number }): Parsed<string[]> {
  const values: string[] = [];
  for (const raw of body.split(',')) {
    const item = raw.trim();
    const m = RANGE.exec(item);
    if (!m) return { ok: false, message: `bad range \`${safeText(item)}\` in [${safeText(body)}]; expected N, N-M or N-M/step` };
    const [, lowText = '', highText, stepText] = m;
    const low = Number(lowText);
    const high = highText === undefined ? low : Number(highText);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (high < low) return { ok: false, message: `reversed range \`${safeText(item)}\`; write ${highText}-${lowText}` };
    if (step === 0) return { ok: false, message: `step must be at least 1 in \`${safeText(item)}\`` };
    const count = Math.floor((high - low) / step) + 1;
    budget.left -= count;
    if (budget.left < 0) return { ok: false, message: `node set expands to more than ${MAX_NODE_SET_NAMES} names` };
    const width = padWidth(lowText, highText);
    for (let n = low; n <= high; n += step) values.push(String(n).padStart(width, '0'));
  }
  return { ok: true, value: values };
}

/** One comma-separated pattern split into literal text and bracket groups. */
function parsePattern(pattern: string, budget: { left: number }): Parsed<Part[]> {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] ?? '';
    if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      const nested = pattern.indexOf('[', i + 1);
      if (close < 0 || (nested >= 0 && nested < close)) return { ok: false, message: `unbalanced brackets in \`${safeText(pattern)}\`` };
      if (literal) parts.push({ literal });
      literal = '';
      const values = parseRanges(pattern.slice(i + 1, close), budget);
      if (!values.ok) return values;
      parts.push({ values: values.value });
      i = close + 1;
    } else if (c === ']') {
      return { ok: false, message: `unbalanced brackets in \`${safeText(pattern)}\`` };
    } else if (LITERAL.test(c)) {
      literal += c;
      i++;
    } else {
      return { ok: false, message: `unexpected character \`${safeText(c)}\` in \`${safeText(pattern)}\`` };
    }
  }
  if (literal) parts.push({ literal });
  return { ok: true, value: parts };
}

/** Expands a node set to host names, in the order written, without duplicates. */
export function expandNodeSet(expr: string): { ok: true; names: string[] } | { ok: false; message: string } {
  if (expr.length > 10_000) return { ok: false, message: 'node set is longer than 10000 characters' };
  if (expr.trim() === '') return { ok: false, message: 'empty node set' };
  const patterns: Part[][] = [];
  // Every valid expansion builds fewer bracket values than names plus one per character.
  const budget = { left: MAX_NODE_SET_NAMES + expr.length };
  let total = 0;
  for (const raw of splitTopLevel(expr)) {
    const pattern = raw.trim();
    if (pattern === '') return { ok: false, message: `empty name in node set \`${safeText(expr)}\`` };
    const parsed = parsePattern(pattern, budget);
    if (!parsed.ok) return parsed;
    const size = parsed.value.reduce((n, part) => n * ('values' in part ? part.values.length : 1), 1);
    total += size;
    if (total > MAX_NODE_SET_NAMES) return { ok: false, message: `node set expands to more than ${MAX_NODE_SET_NAMES} names` };
    patterns.push(parsed.value);
  }
  const names = new Set<string>();
  for (const parts of patterns) {
    let prefixes = [''];
    for (const part of parts) {
      const options = 'values' in part ? part.values : [part.literal];
      prefixes = prefixes.flatMap((prefix) => options.map((option) => prefix + option));
    }
    for (const name of prefixes) names.add(name);
  }
  return { ok: true, names: [...names] };
}
