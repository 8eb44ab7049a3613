// Turns `--check` patterns into the checks to run.
import type { FactKey } from '../facts/facts.js';
import { globMatches } from '../text/glob.js';
import { printableLine } from '../text/sanitize.js';
import type { Check } from './check.js';

/** Longest `--check` pattern taken: far more than any check id needs, short enough to quote in a message. */
export const MAX_CHECK_PATTERN_LENGTH = 200;

/**
 * The checks matching any pattern (all when none given), or the first pattern that is too long or
 * matches nothing. `*` matches any run of characters, dots included; `?` is literal. Patterns are
 * matched as text, never compiled, so none can be "invalid".
 */
export function selectChecks(
  all: readonly Check<FactKey>[],
  patterns: readonly string[],
): { ok: true; checks: Check<FactKey>[] } | { ok: false; message: string } {
  if (patterns.length === 0) return { ok: true, checks: [...all] };
  const chosen = new Set<Check<FactKey>>();
  for (const pattern of patterns) {
    if (pattern.length > MAX_CHECK_PATTERN_LENGTH) {
      return { ok: false, message: `--check '${printableLine(pattern, 40)}' is longer than ${MAX_CHECK_PATTERN_LENGTH} characters; check ids are short (fleetcheck checks lists them)` };
    }
    const matches = all.filter((c) => globMatches(pattern, c.id, { literalQuestionMark: true }));
    if (matches.length === 0) {
      return { ok: false, message: `--check '${printableLine(pattern, 80)}' matches no check; known checks: ${all.map((c) => c.id).join(', ')}` };
    }
    matches.forEach((c) => chosen.add(c));
  }
  return { ok: true, checks: all.filter((c) => chosen.has(c)) };
}
