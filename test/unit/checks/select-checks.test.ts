import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/catalogue.js';
import { MAX_CHECK_PATTERN_LENGTH, selectChecks } from '../../../src/checks/select-checks.js';
import { bmcAnonymous } from '../../../src/checks/bmc/anonymous.js';
import { bmcUsers } from '../../../src/checks/bmc/users.js';
import type { Check } from '../../../src/checks/check.js';
import type { FactKey } from '../../../src/facts/facts.js';

const ids = (patterns: string[]) => {
  const r = selectChecks(ALL_CHECKS, patterns);
  return r.ok ? r.checks.map((c) => c.id) : r.message;
};

describe('selectChecks', () => {
  it('runs every check when no pattern is given, and the matching ones otherwise', () => {
    expect(ids([])).toEqual(ALL_CHECKS.map((c) => c.id));
    expect(ids(['residue.*'])).toEqual(ALL_CHECKS.map((c) => c.id).filter((id) => id.startsWith('residue.')));
    expect(ids(['bmc.users'])).toEqual(['bmc.users']);
    expect(ids(['*.users', 'bmc.users'])).toEqual(['bmc.users']);
  });

  it('treats every character but * literally', () => {
    expect(ids(['bmc.user?'])).toMatch(/matches no check/); // `?` is literal in --check
    expect(ids(['bmc.users$'])).toMatch(/matches no check/);
    expect(ids(['bmc|residue.*'])).toMatch(/matches no check/);
    expect(ids(['(bmc).*'])).toMatch(/matches no check/);
    expect(ids(['bmc.users.*'])).toMatch(/matches no check/);
    expect(ids(['bmc[.]users'])).toMatch(/matches no check/);
  });

  it('refuses a pattern longer than any check id could need, as a message (not a throw)', () => {
    for (const pattern of ['a'.repeat(100_000), '*'.repeat(100_000), '('.repeat(100_000), 'x'.repeat(MAX_CHECK_PATTERN_LENGTH + 1)]) {
      const r = selectChecks(ALL_CHECKS, [pattern]);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message).toMatch(new RegExp(`longer than ${MAX_CHECK_PATTERN_LENGTH} characters`));
        expect(r.message.length).toBeLessThan(300);
      }
    }
    expect(ids(['*'.repeat(MAX_CHECK_PATTERN_LENGTH)])).toEqual(ALL_CHECKS.map((c) => c.id));
  });

  it('quotes a pattern that matches nothing printably', () => {
    const r = selectChecks(ALL_CHECKS, ['bmc.\u001b[31mred\nx']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('selectChecks: a pattern that matches nothing', () => {
  it('names the pattern and lists every known check id, in the order given', () => {
    const catalogue: Check<FactKey>[] = [bmcUsers, bmcAnonymous];
    expect(selectChecks(catalogue, ['bmc.anonymous', 'disk.*'])).toEqual({ ok: false, message: "--check 'disk.*' matches no check; known checks: bmc.users, bmc.anonymous" });
  });
});
