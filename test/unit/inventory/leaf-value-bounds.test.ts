// Durations and calendar dates at their edges: the largest and smallest values, spaces, anchors.
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../../src/inventory/calendar-date.js';
import { parseDuration } from '../../../src/inventory/duration.js';

const EXPECTED = 'expected a duration like "500ms", "5s" or "2m", or integer milliseconds';

describe('parseDuration at its edges', () => {
  it('accepts exactly a day and one millisecond', () => {
    expect(parseDuration('24h')).toEqual({ ok: true, value: 86_400_000 });
    expect(parseDuration(86_400_000)).toEqual({ ok: true, value: 86_400_000 });
    expect(parseDuration(1)).toEqual({ ok: true, value: 1 });
    expect(parseDuration('1ms')).toEqual({ ok: true, value: 1 });
  });

  it('refuses a millisecond more than a day, zero and negatives, whether written or a number', () => {
    expect(parseDuration(86_400_001)).toEqual({ ok: false, message: 'expected a duration of at most 24h' });
    expect(parseDuration('1441m')).toEqual({ ok: false, message: 'expected a duration of at most 24h' });
    expect(parseDuration(0)).toEqual({ ok: false, message: 'expected a duration greater than zero' });
    expect(parseDuration(-5)).toEqual({ ok: false, message: 'expected a duration greater than zero' });
  });

  it('reads the unit exactly: ms, s, m, h, with spaces around', () => {
    expect(parseDuration('5ms')).toEqual({ ok: true, value: 5 });
    expect(parseDuration(' 5 s ')).toEqual({ ok: true, value: 5000 });
    expect(parseDuration('3m')).toEqual({ ok: true, value: 180_000 });
    expect(parseDuration('2h')).toEqual({ ok: true, value: 7_200_000 });
  });

  it('says what it expected for text that is no duration and for a number that is no integer', () => {
    for (const value of ['x5s', '5sx', '5 m s', '1234567890ms', '5d', 1.5, Number.MAX_SAFE_INTEGER + 2, undefined, {}]) {
      expect(parseDuration(value)).toEqual({ ok: false, message: EXPECTED });
    }
  });
});

describe('isCalendarDate at its edges', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-12-31', true],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['2026-04-31', false],
    [' 2026-01-01', false],
    ['2026-01-01 ', false],
    ['x2026-01-01', false],
    ['2026-01-011', false],
    ['2026/01/01', false],
  ] as const)('%j → %s', (text, valid) => expect(isCalendarDate(text)).toBe(valid));
});
