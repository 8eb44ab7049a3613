// Gathers inventory issues while the file is checked piece by piece, each pinned to its line.
import type { z } from 'zod';
import { safeText } from './safe-text.js';
import type { InventoryIssue } from './types.js';
import type { Position } from './yaml-source.js';
import { zodIssueProblems, type PieceProblem } from './zod-issue-message.js';

/** Drops "required field is missing" for a field whose misspelling is already reported with it as the fix. */
function withoutEchoes(problems: PieceProblem[]): PieceProblem[] {
  const suggested = new Set(problems.flatMap((p) => (p.suggestion === undefined ? [] : [[...p.path.slice(0, -1), p.suggestion].join('.')])));
  return problems.filter((p) => !(p.missing === true && suggested.has(p.path.join('.'))));
}

/** Collects issues for one file; a path not written in the file is reported at its nearest written parent. */
export class IssueCollector {
  readonly issues: InventoryIssue[] = [];
  /** Issues already recorded (path and message): a value many hosts inherit is one issue, not one per host. */
  readonly #seen = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly positions: ReadonlyMap<string, Position>,
  ) {}

  /** Records one issue at a path of raw (unescaped) keys. */
  add(path: readonly string[], message: string): void {
    const key = `${path.join('\u0000')}\u0001${message}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    let line: number | undefined;
    for (let n = path.length; n >= 0 && line === undefined; n--) line = this.positions.get(path.slice(0, n).join('.'))?.line;
    this.issues.push({
      file: this.file,
      ...(line === undefined ? {} : { line }),
      path: path.map((segment) => safeText(segment)).join('.'),
      message,
    });
  }

  /** Checks one piece of the file with its schema; its issues are recorded under `at`, and the parsed value returned if valid. */
  check<S extends z.ZodType>(schema: S, value: unknown, at: readonly string[]): z.output<S> | undefined {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    const problems = result.error.issues.flatMap((issue) => zodIssueProblems(schema, issue));
    for (const problem of withoutEchoes(problems)) this.add([...at, ...problem.path], problem.message);
    return undefined;
  }

  get hasIssues(): boolean {
    return this.issues.length > 0;
  }
}
