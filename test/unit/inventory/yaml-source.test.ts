// The YAML reader's own limits: duplicate keys found in one pass, and nesting refused before the
// yaml library's recursive composer could run out of stack.
import * as yaml from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { readYamlSource } from '../../../src/inventory/yaml-source.js';
import { issuesOf } from './support/inventory-text.js';

vi.mock('yaml', async (importOriginal) => {
  const real = await importOriginal<typeof import('yaml')>();
  return { ...real, parseDocument: vi.fn(real.parseDocument), Composer: vi.fn(function (this: unknown, options: unknown) { return new real.Composer(options as never); }) };
});

const problems = (text: string): string[] => {
  const read = readYamlSource(text);
  return read.ok ? [] : read.problems.map((p) => `${p.position.line}:${p.position.column} ${p.path}: ${p.message}`);
};

describe('duplicate keys', () => {
  it('are reported at the later key, in nested maps and flow maps too', () => {
    expect(problems('a: 1\na: 2\n')).toEqual(['2:1 : Map keys must be unique']);
    expect(problems('racks:\n  A3:\n    hosts:\n      a3-01: {}\n      a3-02: {}\n      a3-01: {}\n')).toEqual(['6:7 racks.A3.hosts: Map keys must be unique']);
    expect(problems('a: { x: 1, y: 2, x: 3 }\n')).toEqual(['1:18 a: Map keys must be unique']);
    // Keys are compared by value, as YAML defines them: 1 and 0x1 are the same integer key.
    expect(problems('1: a\n0x1: b\n')).toEqual(['2:1 : Map keys must be unique']);
    expect(problems('a: 1\n"a": 2\n')).toEqual(['2:1 : Map keys must be unique']);
    expect(problems('"1": a\n1: b\n')).toEqual([]);
  });

  it('are found with one set per map, not by the yaml library comparing each key with every earlier one', () => {
    // yaml's uniqueKeys check scans all earlier pairs for each new key: 60,000 hosts in one rack were
    // 1.8e9 comparisons (54 s to list). The algorithm is asserted here, not a time: whatever parses
    // the text is told not to compare keys, and the reader still finds the duplicate at its line.
    const hosts = Array.from({ length: 3000 }, (_, i) => `  h${i}: ${i}`);
    const text = ['hosts:', ...hosts, '  h7: again', ''].join('\n');
    expect(problems(text)).toEqual([`3002:3 hosts: Map keys must be unique`]);
    const calls = [...vi.mocked(yaml.parseDocument).mock.calls.map((c) => c[1]), ...vi.mocked(yaml.Composer).mock.calls.map((c) => c[0])];
    expect(calls.length).toBeGreaterThan(0);
    for (const options of calls) expect(options).toMatchObject({ uniqueKeys: false });
  });
});

describe('nesting depth', () => {
  const deepFlow = (n: number) => `version: 1\nracks: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  const deepMap = (n: number) => `version: 1\nracks: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`;

  it('past the limit is one problem at the line and column where the limit was passed', () => {
    for (const text of [deepFlow(100_000), deepMap(50_000)]) {
      const found = problems(text);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^2:\d+ : values are nested more than 64 levels deep$/);
      expect(found[0]).not.toMatch(/call stack/i);
    }
    expect(problems(deepFlow(70))[0]).toBe('2:72 : values are nested more than 64 levels deep');
  });

  it('in block style too, written as the indentation allows', () => {
    const lines = ['version: 1', 'racks:'];
    for (let i = 0; i < 80; i++) lines.push(`${'  '.repeat(i + 1)}k${i}:`);
    lines.push(`${'  '.repeat(81)}x: 1`);
    expect(problems(lines.join('\n') + '\n')).toEqual([expect.stringMatching(/^66:\d+ : values are nested more than 64 levels deep$/)]);
  });

  it('within the limit is read as before', () => {
    expect(problems(deepFlow(60))).toEqual([]);
  });

  it('reaches the operator with file and line, never "Maximum call stack size exceeded"', () => {
    const issues = issuesOf(deepFlow(200_000));
    expect(issues).toEqual([expect.stringMatching(/^inventory\/test\.yaml:2:\d+: values are nested more than 64 levels deep$/)]);
  });
});
