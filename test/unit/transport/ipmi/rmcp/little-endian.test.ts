import { describe, expect, it } from 'vitest';
import { getUInt32LE, putUInt32LE } from '../../../../../src/transport/ipmi/rmcp/little-endian.js';

describe('RMCP+ 32-bit fields', () => {
  it.each([0, 1, 0xff, 0x100, 0x7fffffff, 0x80000000, 0xfedcba98, 0xffffffff])('%i is written and read as Buffer does it', (value) => {
    const ours = Buffer.alloc(7, 0xee);
    putUInt32LE(ours, 2, value);
    const buffers = Buffer.alloc(7, 0xee);
    buffers.writeUInt32LE(value, 2);
    // The same bytes, and nothing around them touched.
    expect(ours.equals(buffers)).toBe(true);
    expect(getUInt32LE(ours, 2)).toBe(buffers.readUInt32LE(2));
  });

  it('takes a negative number as the unsigned value with the same bits, as session ids computed with `|` can be', () => {
    const b = Buffer.alloc(4);
    putUInt32LE(b, 0, -2);
    expect(getUInt32LE(b, 0)).toBe(0xfffffffe);
  });
});
