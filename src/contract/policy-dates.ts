// Calendar arithmetic for store policy: handover and retention deadlines on ISO dates, in UTC.
import type { Retention } from '../inventory/types.js';

/** The policy's retention when the inventory sets none: three months after the contract ends. */
export const DEFAULT_RETENTION: Retention = { amount: 3, unit: 'months' };

/** The calendar day of `now` in UTC, as ISO YYYY-MM-DD; contract, waiver and handover dates compare against it. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** `date` plus the retention window; a month step that overflows (Aug 31 + 6 months) lands on the month's last day. */
export function addRetention(date: string, retention: Retention): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (retention.unit === 'days') return isoDay(new Date(Date.UTC(y, m - 1, d + retention.amount)));
  const target = new Date(Date.UTC(y, m - 1 + retention.amount, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay))));
}

/** The retention as written for messages: "90 days", "3 months". */
export function describeRetention(r: Retention): string {
  return `${r.amount} ${r.amount === 1 ? r.unit.slice(0, -1) : r.unit}`;
}
