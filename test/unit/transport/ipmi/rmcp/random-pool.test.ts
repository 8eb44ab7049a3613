import { describe, expect, it, vi } from 'vitest';
import { pooledRandom } from '../../../../../src/transport/ipmi/rmcp/random-pool.js';

// Every block the pool draws from node:crypto, real random bytes, kept to find each answer in.
const { drawn } = vi.hoisted(() => ({ drawn: [] as Buffer[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    randomBytes: (size: number) => {
      const block = actual.randomBytes(size);
      drawn.push(Buffer.from(block)); // a copy: what the CSPRNG gave, whatever the pool does later
      return block;
    },
  };
});

/** Where in the drawn blocks an answer's bytes are. Answers of 8 bytes or more are found by their bytes alone. */
function positionOf(answer: Buffer): { block: number; offset: number } {
  for (let block = 0; block < drawn.length; block++) {
    const offset = drawn[block]!.indexOf(answer);
    if (offset >= 0) return { block, offset };
  }
  throw new Error('an answer that is in no block the CSPRNG gave');
}

describe('pooledRandom', () => {
  it('serves the CSPRNG blocks in order, no byte twice, across block refills', () => {
    // 600 answers of 8 to 20 bytes: about 8 KiB, so more than one 4 KiB block.
    const blocksBefore = drawn.length;
    const sizes = Array.from({ length: 600 }, (_, i) => [16, 8, 20][i % 3]!);
    const answers = sizes.map((size) => pooledRandom(size));
    expect(answers.map((a) => a.length)).toEqual(sizes);
    expect(drawn.length - blocksBefore).toBeGreaterThan(1);
    const positions = answers.map(positionOf);
    for (let i = 1; i < positions.length; i++) {
      const [before, now] = [positions[i - 1]!, positions[i]!];
      // Each answer starts past the end of the one before it, in the same block or a later one.
      const past = now.block > before.block || now.offset >= before.offset + answers[i - 1]!.length;
      expect(past, `answer ${i} overlaps or precedes answer ${i - 1}`).toBe(true);
    }
  });

  it('gives each answer memory of its own, shared with no other answer and not with the pool', () => {
    const answers = Array.from({ length: 50 }, () => pooledRandom(16));
    expect(new Set(answers.map((a) => a.buffer)).size).toBe(answers.length);
    expect(answers.every((a) => a.byteOffset === 0 && a.buffer.byteLength === a.length)).toBe(true);
  });

  it('serves a request larger than a block directly', () => {
    const big = pooledRandom(5000);
    expect(big).toHaveLength(5000);
    expect(positionOf(big)).toEqual({ block: drawn.length - 1, offset: 0 });
  });
});
