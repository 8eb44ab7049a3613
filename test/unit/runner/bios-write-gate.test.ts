// The only write a scan makes (the BIOS password probe) runs under contract-end rules or when asked.
import { describe, expect, it } from 'vitest';
import { biosWriteFor } from '../../../src/runner/bios-write-gate.js';
import { testHost } from '../support/hosts.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const running = testHost({ contract: { id: 'C-7', customer: 'X', end: '2027-06-30' } });
const ended = testHost({ contract: { id: 'C-7', customer: 'X', end: '2026-11-22' } });
const endsToday = testHost({ contract: { id: 'C-7', customer: 'X', end: '2026-11-23' } });
const WHY = 'the check writes to the BMC (Bios.ChangePassword), so it runs only under contract-end rules or with --bios-password-check';

describe('biosWriteFor', () => {
  it('refuses during the contract, saying why and which contract', () => {
    expect(biosWriteFor(running, { now: () => NOW })).toEqual({ allowed: false, why: `${WHY} (contract C-7 runs until 2027-06-30)` });
    expect(biosWriteFor(running, { now: () => NOW, contractEnd: false, biosPasswordCheck: false })).toEqual({ allowed: false, why: `${WHY} (contract C-7 runs until 2027-06-30)` });
    expect(biosWriteFor(testHost(), { now: () => NOW })).toEqual({ allowed: false, why: `${WHY} (no contract end date is known)` });
  });

  it('refuses on the contract end day itself: it still belongs to the contract', () => {
    expect(biosWriteFor(endsToday, { now: () => NOW }).allowed).toBe(false);
  });

  it('allows under contract-end rules: asked for, or the contract has ended', () => {
    expect(biosWriteFor(running, { now: () => NOW, contractEnd: true })).toEqual({ allowed: true });
    expect(biosWriteFor(testHost(), { now: () => NOW, contractEnd: true })).toEqual({ allowed: true });
    expect(biosWriteFor(ended, { now: () => NOW })).toEqual({ allowed: true });
  });

  it('allows during the contract only with --bios-password-check', () => {
    expect(biosWriteFor(running, { now: () => NOW, biosPasswordCheck: true })).toEqual({ allowed: true });
  });
});
