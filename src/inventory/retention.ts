// The retention window as written in the inventory: "90d" or "3mo".
import type { Checked } from './checked.js';
import type { Retention } from './types.js';

const EXPECTED = 'expected a retention like "90d" or "3mo"';

/** A written retention window: 1-3650 days or 1-120 months. */
export function parseRetention(value: unknown): Checked<Retention> {
  if (typeof value !== 'string') return { ok: false, message: EXPECTED };
  const m = /^\s*(\d{1,4})\s*(d|mo)\s*$/.exec(value);
  if (!m) return { ok: false, message: EXPECTED };
  const amount = Number(m[1]);
  const unit = m[2] === 'd' ? 'days' : 'months';
  const max = unit === 'days' ? 3650 : 120;
  if (amount < 1 || amount > max) return { ok: false, message: `expected between 1 and ${max} ${unit}` };
  return { ok: true, value: { amount, unit } };
}
