// Node-set edges: padding taken from the upper bound, ranges from zero, and the exact size limits.
import { describe, expect, it } from 'vitest';
import { expandNodeSet, MAX_NODE_SET_NAMES } from '../../../src/inventory/node-set.js';

describe('expandNodeSet at its edges', () => {
  it('pads to the width of an upper bound written with a leading zero', () => {
    expect(expandNodeSet('n[8-010]')).toEqual({ ok: true, names: ['n008', 'n009', 'n010'] });
  });

  it('takes the width from a zero-padded upper bound whatever the lower bound is written as', () => {
    expect(expandNodeSet('n[0-010/5]')).toEqual({ ok: true, names: ['n000', 'n005', 'n010'] });
    expect(expandNodeSet('n[10-012]')).toEqual({ ok: true, names: ['n010', 'n011', 'n012'] });
  });

  it('does not pad a range from a lone zero', () => {
    expect(expandNodeSet('n[0-2]')).toEqual({ ok: true, names: ['n0', 'n1', 'n2'] });
    expect(expandNodeSet('n[0]')).toEqual({ ok: true, names: ['n0'] });
  });

  it('keeps a step that overshoots the range to the first value', () => {
    expect(expandNodeSet('n[1-2/5]')).toEqual({ ok: true, names: ['n1'] });
    expect(expandNodeSet('n[1-7/3]')).toEqual({ ok: true, names: ['n1', 'n4', 'n7'] });
  });

  it('accepts exactly the largest number of names and refuses one more', () => {
    const most = expandNodeSet(`n[1-${MAX_NODE_SET_NAMES}]`);
    expect(most.ok && most.names.length).toBe(MAX_NODE_SET_NAMES);
    expect(expandNodeSet(`n[1-${MAX_NODE_SET_NAMES - 1}],m1`)).toMatchObject({ ok: true });
    expect(expandNodeSet(`n[1-${MAX_NODE_SET_NAMES}],m1`)).toEqual({ ok: false, message: `node set expands to more than ${MAX_NODE_SET_NAMES} names` });
  });

  it('accepts an expression of 10000 characters and refuses a longer one', () => {
    expect(expandNodeSet('a'.repeat(10_000))).toEqual({ ok: true, names: ['a'.repeat(10_000)] });
    expect(expandNodeSet('a'.repeat(10_001))).toEqual({ ok: false, message: 'node set is longer than 10000 characters' });
  });

  it('reads brackets after literal text and literal text after brackets in one name', () => {
    expect(expandNodeSet('r[1-2]x[3]y')).toEqual({ ok: true, names: ['r1x3y', 'r2x3y'] });
  });

  it('counts a range that starts high, or steps, by the names it gives: such a range of the largest size is accepted', () => {
    const high = expandNodeSet(`n[${MAX_NODE_SET_NAMES / 2 + 1}-${MAX_NODE_SET_NAMES}]`);
    expect(high.ok && [high.names.length, high.names[0], high.names.at(-1)]).toEqual([MAX_NODE_SET_NAMES / 2, 'n50001', 'n100000']);
    const stepped = expandNodeSet(`n[2-${2 * MAX_NODE_SET_NAMES}/2]`);
    expect(stepped.ok && [stepped.names.length, stepped.names[1], stepped.names.at(-1)]).toEqual([MAX_NODE_SET_NAMES, 'n4', 'n200000']);
  });
});
