// parseDuration on values a YAML inventory can hold that are neither a number nor a string.
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/inventory/duration.js';

const EXPECTED = 'expected a duration like "500ms", "5s" or "2m", or integer milliseconds';

describe('parseDuration', () => {
  // `timeout: [5s]` and `timeout: {5s: }` are lists and maps in YAML, whatever they print as.
  it.each([[['5s']], [{ '5s': null }], [true], [null]])('rejects %j with what it expects', (value) => {
    expect(parseDuration(value)).toEqual({ ok: false, message: EXPECTED });
  });

  it('reads a unit after spaces, as YAML keeps them', () => {
    expect(parseDuration(' 90 s ')).toEqual({ ok: true, value: 90_000 });
  });
});
