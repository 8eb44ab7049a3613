// RMCP+'s 32-bit fields (session ids, sequence numbers), little-endian, read and written byte by
// byte. Buffer's readUInt32LE and writeUInt32LE are JavaScript with range checks, and every packet
// of a run passes through them: often enough for V8 to spend its optimizing compiler on them again
// in each short run, which cost more than the checks guard here, where the values are unsigned
// 32-bit by construction (`>>> 0`) and the offsets inside buffers whose length was checked first.

/** Writes `value` (taken as unsigned 32-bit) at `at`. */
export function putUInt32LE(b: Buffer, at: number, value: number): void {
  b[at] = value & 0xff;
  b[at + 1] = (value >>> 8) & 0xff;
  b[at + 2] = (value >>> 16) & 0xff;
  b[at + 3] = (value >>> 24) & 0xff;
}

/** The unsigned 32-bit value at `at`; the caller has checked that four bytes are there. */
export function getUInt32LE(b: Buffer, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}
