import { describe, expect, it } from 'vitest';
import { bmcAnonymous } from '../../../../src/checks/bmc/anonymous.js';
import type { ProbeOutcome } from '../../../../src/facts/probe-outcome.js';
import { testContext } from '../../support/hosts.js';

const OK: ProbeOutcome = { ok: true };

describe('bmc.anonymous when more than one login works', () => {
  it('names the null user when it opens a session, even when a named account does too', () => {
    const out = bmcAnonymous.evaluate({ 'bmc.anonymous': { cipherSuite: 3, attempts: [{ user: 'ADMIN', outcome: OK }, { user: '', outcome: OK }] } }, testContext());
    expect(out).toEqual({
      status: 'fail',
      message: 'the BMC opens a session for the null user with an empty password',
      evidence: [
        { source: 'RMCP+ cipher suite 3 session as ADMIN (user)', detail: 'session opened with an empty password' },
        { source: 'RMCP+ cipher suite 3 session as (null user) (user)', detail: 'session opened with an empty password' },
      ],
    });
  });
});
