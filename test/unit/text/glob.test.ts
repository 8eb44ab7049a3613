import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatches, globRegExp, type GlobOptions } from '../../../src/text/glob.js';

describe('globMatches', () => {
  it('matches whole names: * any run (dots included), ? one character, the rest literal', () => {
    expect(globMatches('a3-*', 'a3-01')).toBe(true);
    expect(globMatches('a3-*', 'xa3-01')).toBe(false);
    expect(globMatches('residue.*', 'residue.provider-ssh-key')).toBe(true);
    expect(globMatches('*.users', 'bmc.users')).toBe(true);
    expect(globMatches('a?-01', 'a3-01')).toBe(true);
    expect(globMatches('a?-01', 'a-01')).toBe(false);
    expect(globMatches('a.c', 'abc')).toBe(false);
    expect(globMatches('[ab]', 'a')).toBe(false);
    expect(globMatches('[ab]', '[ab]')).toBe(true);
    expect(globMatches('', '')).toBe(true);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('**a**b**', 'xxaxxbxx')).toBe(true);
  });

  it('keeps wildcards within a path part, and ? literal, when asked', () => {
    expect(globMatches('/etc/*.conf', '/etc/a.conf', { pathParts: true })).toBe(true);
    expect(globMatches('/etc/*.conf', '/etc/sub/a.conf', { pathParts: true })).toBe(false);
    expect(globMatches('/etc/?', '/etc//', { pathParts: true })).toBe(false);
    expect(globMatches('bmc.user?', 'bmc.users', { literalQuestionMark: true })).toBe(false);
    expect(globMatches('bmc.user?', 'bmc.user?', { literalQuestionMark: true })).toBe(true);
  });

  it('agrees with the regular-expression reading on random patterns, with every option', () => {
    const unit = fc.constantFrom('a', 'b', '.', '/', '*', '?', '(', '\\', '[');
    const options = fc.record({ pathParts: fc.boolean(), literalQuestionMark: fc.boolean() }) as fc.Arbitrary<GlobOptions>;
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 10 }), fc.string({ unit: fc.constantFrom('a', 'b', '.', '/', '?', '(', '\\', '['), maxLength: 10 }), options, (p, n, o) =>
        globMatches(p, n, o) === globRegExp(p, o).test(n),
      ),
      { numRuns: 3000 },
    );
  });

  it('answers for a very long pattern without building anything from it', () => {
    expect(globMatches('*'.repeat(100_000), 'bmc.users')).toBe(true);
    expect(globMatches('a'.repeat(100_000), 'a')).toBe(false);
    expect(globMatches('*a'.repeat(50_000), 'a'.repeat(10))).toBe(false);
  });
});
