import { describe, expect, it } from 'vitest';
import { selectHosts } from '../../../src/inventory/select-hosts.js';
import { FILE, inventoryOf, withRacks } from './support/inventory-text.js';

const inv = inventoryOf(
  withRacks(
    [
      '  A3:',
      '    hosts:',
      ...['a3-01', 'a3-02', 'a3-03', 'a3-04'].map((n, i) => `      ${n}: { ssh: { address: 192.0.2.${i + 1} } }`),
      '  B1:',
      '    hosts:',
      ...['b1-01', 'b1-02'].map((n, i) => `      ${n}: { ssh: { address: 192.0.2.${i + 11} } }`),
      '  C7:',
      '    hosts: {}',
    ].join('\n'),
  ),
);

const select = (racks: string[], hostSets: string[]) => {
  const result = selectHosts(inv, { racks, hostSets });
  return result.ok ? result.hosts.map((h) => h.name) : result.message;
};

describe('selectHosts', () => {
  it('selects every host when nothing is asked for', () => {
    expect(select([], [])).toEqual(['a3-01', 'a3-02', 'a3-03', 'a3-04', 'b1-01', 'b1-02']);
  });

  it('selects racks, node sets and their union, in inventory order, each host once', () => {
    expect(select(['B1'], [])).toEqual(['b1-01', 'b1-02']);
    expect(select([], ['a3-[03-04],a3-01'])).toEqual(['a3-01', 'a3-03', 'a3-04']);
    expect(select(['B1'], ['b1-02', 'a3-02'])).toEqual(['a3-02', 'b1-01', 'b1-02']);
    expect(select(['A3', 'A3'], ['a3-0[1-4]'])).toEqual(['a3-01', 'a3-02', 'a3-03', 'a3-04']);
    expect(select(['C7'], [])).toEqual([]);
  });

  it('names an unknown rack and lists the known ones', () => {
    expect(select(['Z9'], [])).toBe('unknown rack `Z9` (known racks: A3, B1, C7)');
    expect(select(['a3'], [])).toBe('unknown rack `a3`, did you mean `A3`? (known racks: A3, B1, C7)');
  });

  it('names a host that matches nothing, with a suggestion', () => {
    expect(select([], ['a3-4'])).toBe(`no host named \`a3-4\` (did you mean \`a3-04\`?) in ${FILE}`);
    expect(select([], ['ab3-01'])).toBe(`no host named \`ab3-01\` (did you mean \`a3-01\`?) in ${FILE}`);
    expect(select([], ['a3-0[4-6]'])).toBe(`no host named \`a3-05\`, \`a3-06\` in ${FILE}`);
    expect(select([], ['zz[1-9]'])).toBe(`no host named \`zz1\`, \`zz2\`, \`zz3\`, \`zz4\`, \`zz5\` and 4 more in ${FILE}`);
  });

  it('passes on node-set syntax errors', () => {
    expect(select([], ['a3-[04-01]'])).toBe('--hosts a3-[04-01]: reversed range `04-01`; write 01-04');
  });
});
