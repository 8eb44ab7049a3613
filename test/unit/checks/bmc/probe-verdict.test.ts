import { describe, expect, it } from 'vitest';
import { splitProbes, unprovenMessage } from '../../../../src/checks/bmc/probe-verdict.js';
import type { ProbeOutcome } from '../../../../src/facts/probe-outcome.js';

describe('unprovenMessage', () => {
  it("is the failed attempt's own message, printable", () => {
    const silent: ProbeOutcome = { ok: false, reason: 'unreachable', message: 'no answer from the BMC\n\u001b[31mretrying', sessionOpened: false };
    const { unproven } = splitProbes([{ user: '', outcome: silent }]);
    expect(unproven).toHaveLength(1);
    expect(unprovenMessage(unproven[0]!)).toBe('no answer from the BMC??[31mretrying');
  });

  it("says 'unknown' rather than inventing a failure for an attempt that did not fail", () => {
    expect(unprovenMessage({ outcome: { ok: true } })).toBe('unknown');
  });
});
