import { describe, expect, it } from 'vitest';
import { judgingModeFor } from '../../../src/contract/judging-mode.js';
import { isoDay } from '../../../src/contract/policy-dates.js';
import { testHost } from '../support/hosts.js';

const contract = (end: string) => ({ contract: { id: 'C-1', customer: 'X', end } });
const NOW = new Date('2026-11-23T10:00:00Z');

describe('judgingModeFor', () => {
  it('uses contract rules while the contract runs, the end day included', () => {
    expect(judgingModeFor(testHost(contract('2027-12-31')), NOW, false)).toEqual({ mode: 'contract', why: 'contract C-1 runs until 2027-12-31' });
    expect(judgingModeFor(testHost(contract('2026-11-23')), NOW, false).mode).toBe('contract');
  });

  it('uses contract-end rules once the end date has passed, in every run', () => {
    expect(judgingModeFor(testHost(contract('2026-06-30')), NOW, false)).toEqual({ mode: 'contract-end', why: 'contract C-1 ended 2026-06-30' });
  });

  it('uses contract-end rules when asked (offboard, --contract-end), contract or not', () => {
    expect(judgingModeFor(testHost(contract('2027-12-31')), NOW, true).mode).toBe('contract-end');
    expect(judgingModeFor(testHost(), NOW, true).mode).toBe('contract-end');
    expect(judgingModeFor(testHost(), NOW, false).mode).toBe('contract');
  });

  it('compares calendar days in UTC', () => {
    expect(isoDay(new Date('2026-06-30T23:59:59Z'))).toBe('2026-06-30');
  });
});
