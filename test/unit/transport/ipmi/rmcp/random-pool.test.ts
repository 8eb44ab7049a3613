import { describe, expect, it } from 'vitest';
import { pooledRandom } from '../../../../../src/transport/ipmi/rmcp/random-pool.js';

describe('pooledRandom', () => {
  it('answers the size asked, and no two answers share bytes across block refills', () => {
    const random = pooledRandom;
    const answers = Array.from({ length: 600 }, (_, i) => random(i % 2 === 0 ? 16 : 4));
    expect(answers.map((a) => a.length)).toEqual(answers.map((_, i) => (i % 2 === 0 ? 16 : 4)));
    const ivs = answers.filter((a) => a.length === 16).map((a) => a.toString('hex'));
    expect(new Set(ivs).size).toBe(ivs.length);
    // 6,000 bytes: more than one 4 KiB block was drawn, and the bytes are not all zero.
    expect(answers.some((a) => a.some((b) => b !== 0))).toBe(true);
  });

  it('gives each caller its own copy: changing one answer changes no later one', () => {
    const random = pooledRandom;
    const first = random(16);
    const kept = Buffer.from(first);
    first.fill(0xaa);
    const second = random(16);
    expect(second.equals(Buffer.alloc(16, 0xaa))).toBe(false);
    expect(kept.equals(Buffer.alloc(16, 0xaa))).toBe(false);
  });

  it('serves a request larger than a block directly', () => {
    expect(pooledRandom(5000)).toHaveLength(5000);
  });
});
