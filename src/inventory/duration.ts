// Durations as written in the inventory: "500ms", "5s", "2m", "1h", or integer milliseconds.
import type { Checked } from './checked.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MAX_MS = 24 * 3_600_000;
const EXPECTED = 'expected a duration like "500ms", "5s" or "2m", or integer milliseconds';

/** A written duration in milliseconds: positive, at most a day. */
export function parseDuration(value: unknown): Checked<number> {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return { ok: false, message: EXPECTED };
    ms = value;
  } else if (typeof value === 'string') {
    const m = /^\s*(\d{1,9})\s*(ms|s|m|h)\s*$/.exec(value);
    const unit = m ? UNIT_MS[m[2] ?? ''] : undefined;
    if (!m || unit === undefined) return { ok: false, message: EXPECTED };
    ms = Number(m[1]) * unit;
  } else {
    return { ok: false, message: EXPECTED };
  }
  if (ms <= 0) return { ok: false, message: 'expected a duration greater than zero' };
  if (ms > MAX_MS) return { ok: false, message: 'expected a duration of at most 24h' };
  return { ok: true, value: ms };
}
