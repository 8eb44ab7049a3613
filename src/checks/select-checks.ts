// Turns `--check` patterns into the checks to run.
import type { FactKey } from '../facts/facts.js';
import { globRegExp } from '../text/glob.js';
import type { Check } from './check.js';


/** The checks matching any pattern (all when none given), or the first pattern that matches nothing. */
export function selectChecks(
  all: readonly Check<FactKey>[],
  patterns: readonly string[],
): { ok: true; checks: Check<FactKey>[] } | { ok: false; message: string } {
  if (patterns.length === 0) return { ok: true, checks: [...all] };
  const chosen = new Set<Check<FactKey>>();
  for (const pattern of patterns) {
    // `*` matches any run of characters, dots included; `?` is literal.
    const re = globRegExp(pattern, { literalQuestionMark: true });
    const matches = all.filter((c) => re.test(c.id));
    if (matches.length === 0) {
      return { ok: false, message: `--check '${pattern}' matches no check; known checks: ${all.map((c) => c.id).join(', ')}` };
    }
    matches.forEach((c) => chosen.add(c));
  }
  return { ok: true, checks: all.filter((c) => chosen.has(c)) };
}
