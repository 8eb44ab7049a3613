// Random bytes for one conversation's session ids, console randoms and per-packet IVs, drawn from
// node:crypto in blocks: one call per packet cost about as much as the packet's own encryption
// (some 12 µs each over a user table's 130 exchanges). The bytes are the CSPRNG's either way.
import { randomBytes } from 'node:crypto';

const BLOCK = 4096;

/** A random source like `randomBytes(size)`, each answer a fresh copy no later answer shares. */
export function pooledRandom(): (size: number) => Buffer {
  let pool = Buffer.alloc(0);
  let at = 0;
  return (size) => {
    if (size > BLOCK) return randomBytes(size);
    if (at + size > pool.length) {
      pool = randomBytes(BLOCK);
      at = 0;
    }
    // A copy, and the pool moves past it: no two answers share a byte.
    const out = Buffer.from(pool.subarray(at, at + size));
    at += size;
    return out;
  };
}
