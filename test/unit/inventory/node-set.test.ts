import { describe, expect, it, vi } from 'vitest';
import { expandNodeSet, MAX_NODE_SET_NAMES } from '../../../src/inventory/node-set.js';

const names = (expr: string): string[] => {
  const result = expandNodeSet(expr);
  if (!result.ok) throw new Error(result.message);
  return result.names;
};
const error = (expr: string): string => {
  const result = expandNodeSet(expr);
  if (result.ok) throw new Error(`expected ${expr} to be rejected`);
  return result.message;
};

describe('expandNodeSet', () => {
  it.each([
    ['a3-01', ['a3-01']],
    ['a3-[01-04],b1-02', ['a3-01', 'a3-02', 'a3-03', 'a3-04', 'b1-02']],
    ['node[1-3,7]', ['node1', 'node2', 'node3', 'node7']],
    ['r[1-2]-n[01-02]', ['r1-n01', 'r1-n02', 'r2-n01', 'r2-n02']],
    ['n[08-11]', ['n08', 'n09', 'n10', 'n11']],
    ['n[1-9/2]', ['n1', 'n3', 'n5', 'n7', 'n9']],
    ['n[001-010/4]', ['n001', 'n005', 'n009']],
    ['n[9-11]', ['n9', 'n10', 'n11']],
    ['n[07]', ['n07']],
    // Padding: a bound written with a leading zero sets the width, the upper one too; a lone 0 does not.
    ['a[08-10]', ['a08', 'a09', 'a10']],
    ['a[8-010]', ['a008', 'a009', 'a010']],
    ['a[0-2]', ['a0', 'a1', 'a2']],
    ['a[00-02]', ['a00', 'a01', 'a02']],
    ['a[9-10]', ['a9', 'a10']],
    ['[1-2]x', ['1x', '2x']],
    [' a1 , a2 ', ['a1', 'a2']],
    ['n[1 - 2]', null],
    ['n[ 1-2 , 5 ]', ['n1', 'n2', 'n5']],
    ['a1,a1,a[1-2]', ['a1', 'a2']],
    ['host.example.net', ['host.example.net']],
  ] as const)('%s', (expr, expected) => {
    if (expected === null) expect(expandNodeSet(expr).ok).toBe(false);
    else expect(names(expr)).toEqual(expected);
  });

  it.each([
    ['', 'empty node set'],
    ['  ', 'empty node set'],
    ['a1,,a2', 'empty name in node set `a1,,a2`'],
    ['a1,', 'empty name in node set `a1,`'],
    ['n[4-1]', 'reversed range `4-1`; write 1-4'],
    ['n[1-4', 'unbalanced brackets in `n[1-4`'],
    ['n1-4]', 'unbalanced brackets in `n1-4]`'],
    ['n[[1-2]]', 'unbalanced brackets in `n[[1-2]]`'],
    ['n[a-c]', 'bad range `a-c` in [a-c]; expected N, N-M or N-M/step'],
    ['n[]', 'bad range `` in []; expected N, N-M or N-M/step'],
    ['n[1-9/0]', 'step must be at least 1 in `1-9/0`'],
    ['n[1-100001]', `node set expands to more than ${MAX_NODE_SET_NAMES} names`],
    ['n[1-1000]-[1-1000]', `node set expands to more than ${MAX_NODE_SET_NAMES} names`],
    ['a b', 'unexpected character ` ` in `a b`'],
    ['a\u001b[31m', 'unexpected character `?` in `a?[31m`'],
    ['a!b', 'unexpected character `!` in `a!b`'],
  ])('rejects %j', (expr, message) => {
    expect(error(expr)).toBe(message);
  });

  it('refuses absurd expressions without building them: the values built stay within the cap', () => {
    // Every bracket value is built by one padStart; counting them counts the work done.
    const padStart = vi.spyOn(String.prototype, 'padStart');
    try {
      const many = Array.from({ length: 700 }, () => '[0-99999]').join('');
      expect(error(many)).toBe(`node set expands to more than ${MAX_NODE_SET_NAMES} names`);
      expect(padStart.mock.calls.length).toBeLessThanOrEqual(MAX_NODE_SET_NAMES + many.length);
      padStart.mockClear();
      const three = Array.from({ length: 3 }, () => 'a[0-60000]').join(',');
      expect(error(three)).toBe(`node set expands to more than ${MAX_NODE_SET_NAMES} names`);
      expect(padStart.mock.calls.length).toBeLessThanOrEqual(MAX_NODE_SET_NAMES + three.length);
      // And the work grows with the names, not faster: twice the names, twice the values.
      padStart.mockClear();
      names('n[1-1000]');
      const thousand = padStart.mock.calls.length;
      padStart.mockClear();
      names('n[1-2000]');
      expect(padStart.mock.calls.length).toBe(2 * thousand);
    } finally {
      padStart.mockRestore();
    }
  });

  it('expands to the product of its ranges, each name once (seeded random cases)', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const groups = 1 + random(3);
      let expr = 'h';
      let expected = 1;
      for (let g = 0; g < groups; g++) {
        const low = random(20);
        const high = low + random(6);
        const step = 1 + random(3);
        const width = random(2) === 0 ? 0 : 3;
        expr += `[${String(low).padStart(width, '0')}-${String(high).padStart(width, '0')}/${step}]-`;
        expected *= Math.floor((high - low) / step) + 1;
      }
      const result = names(expr);
      expect(result).toHaveLength(expected);
      expect(new Set(result).size).toBe(expected);
      for (const name of result) expect(name).toMatch(/^h(\d+-)+$/);
    }
  });
});
