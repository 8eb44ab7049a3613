// Turns zod's issues into short, human messages that name the field and, for typos, the fix.
import type { z } from 'zod';
import { MISSING } from './checked.js';
import { closestName } from './closest-name.js';
import { knownFieldsAt } from './known-fields.js';
import { safeText } from './safe-text.js';

/** A problem relative to the piece of the file that was checked. */
export interface PieceProblem {
  path: string[];
  message: string;
  /** For an unknown field: the known field it most likely meant. */
  suggestion?: string;
  /** The field is required and absent. */
  missing?: boolean;
  /**
   * Where the value at fault was written when the host inherited it: the top-level `defaults` or its
   * rack's `defaults`. The issue is then reported there, once, not at every host that inherits it.
   */
  writtenIn?: InheritedFrom;
}

/** A layer a host inherits settings from. */
export type InheritedFrom = 'defaults' | 'rack-defaults';

const EXPECTED: Record<string, string> = {
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  boolean: 'true or false',
  string: 'text',
  number: 'a number',
};

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true or false';
  return `a ${typeof value}`;
}

/** One problem per zod issue (one per key for unknown fields); `schema` is the one the issues came from. */
export function zodIssueProblems(schema: z.ZodType, issue: z.core.$ZodIssue): PieceProblem[] {
  const path = issue.path.map(String);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownFieldsAt(schema, issue.path);
      return issue.keys.map((key) => {
        const suggestion = closestName(key, known);
        const hint = suggestion
          ? `, did you mean \`${suggestion}\`?`
          : known.length > 0
            ? ` (expected one of: ${known.join(', ')})`
            : '';
        return {
          path: [...path, key],
          message: `unknown field \`${safeText(key)}\`${hint}`,
          ...(suggestion === undefined ? {} : { suggestion }),
        };
      });
    }
    case 'invalid_type': {
      if (issue.input === undefined) return [{ path, message: MISSING, missing: true }];
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return [{ path, message: `expected ${expected}, got ${describe(issue.input)}` }];
    }
    case 'custom':
      return [{ path, message: issue.message, ...(issue.message === MISSING ? { missing: true } : {}) }];
    default:
      return [{ path, message: safeText(issue.message, 120) }];
  }
}
