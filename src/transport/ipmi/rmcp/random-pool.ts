// Random bytes for session ids, console randoms, message tags and per-packet IVs, drawn from
// node:crypto in blocks shared by every conversation of the process: one call per packet cost
// about as much as the packet's own encryption (some 12 µs each over a user table's 130
// exchanges), and a block per conversation cost more than the conversation needs (a compliant
// BMC's probes draw about 60 bytes). The bytes are the CSPRNG's either way, and none is served twice.
import { randomBytes } from 'node:crypto';

const BLOCK = 4096;

let pool = Buffer.alloc(0);
let at = 0;

/** Like `randomBytes(size)`: each answer a fresh copy that no other answer, here or in another conversation, shares. */
export function pooledRandom(size: number): Buffer {
  if (size > BLOCK) return randomBytes(size);
  if (at + size > pool.length) {
    pool = randomBytes(BLOCK);
    at = 0;
  }
  // A copy, and the pool moves past it: no two answers share a byte.
  const out = Buffer.alloc(size);
  out.set(pool.subarray(at, at + size));
  at += size;
  return out;
}
