// isCalendarDate at the edges of what Date.UTC reads: years below 100, day and month zero.
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../../src/inventory/calendar-date.js';

describe('isCalendarDate', () => {
  it.each([
    // Date.UTC reads a year below 100 as 19xx: a date written so (a typo of 2026) is not taken for another.
    ['0026-03-01', false],
    ['0099-12-31', false],
    ['0100-01-01', true],
    ['2026-00-10', false],
    ['2026-03-00', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
  ] as const)('%s → %s', (text, valid) => expect(isCalendarDate(text)).toBe(valid));
});
