import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCappedBody } from '../../../../src/transport/redfish/read-capped-body.js';

function endless(): Readable {
  return new Readable({
    read() {
      this.push(Buffer.alloc(1024, 0x61));
    },
  });
}

describe('capped response bodies', () => {
  it('returns a body within the cap', async () => {
    const result = await readCappedBody(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), 7, undefined);
    expect(result).toEqual({ ok: true, bytes: Buffer.from('{"a":1}') });
  });

  it('fails before reading when Content-Length is above the cap', async () => {
    const body = endless();
    expect(await readCappedBody(body, 100, '5000')).toEqual({ ok: false, received: 0, declared: 5000 });
    expect(body.destroyed).toBe(true);
  });

  it('stops an endless stream just past the cap and destroys it', async () => {
    const body = endless();
    const result = await readCappedBody(body, 10_000, undefined);
    expect(result).toMatchObject({ ok: false, declared: undefined });
    if (result.ok) return;
    expect(result.received).toBeGreaterThan(10_000);
    expect(result.received).toBeLessThanOrEqual(10_000 + 64 * 1024);
    expect(body.destroyed).toBe(true);
  });

  it('ignores a malformed Content-Length and counts the bytes instead', async () => {
    expect(await readCappedBody(Readable.from([Buffer.from('xy')]), 1, ['nope'])).toMatchObject({ ok: false, received: 2 });
    expect(await readCappedBody(Readable.from(['ab']), 2, '-1')).toEqual({ ok: true, bytes: Buffer.from('ab') });
  });
});
