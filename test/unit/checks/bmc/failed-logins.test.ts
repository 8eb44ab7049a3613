import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../../src/checks/catalogue.js';
import type { CheckContext, NeededFacts } from '../../../../src/checks/check.js';
import { refusedLogins } from '../../../../src/checks/bmc/failed-logins.js';
import type { ProbeOutcome } from '../../../../src/facts/probe-outcome.js';
import type { FactKey } from '../../../../src/facts/facts.js';
import { testHost, testProvider } from '../../support/hosts.js';

const OK: ProbeOutcome = { ok: true };
const AUTH: ProbeOutcome = { ok: false, reason: 'auth', message: 'password refused', sessionOpened: false };
const UNKNOWN: ProbeOutcome = { ok: false, reason: 'unknown-user', message: 'unauthorized name', sessionOpened: false };
const SILENT: ProbeOutcome = { ok: false, reason: 'unreachable', message: 'no answer from the BMC', sessionOpened: false };
const OPENED: ProbeOutcome = { ok: false, reason: 'privilege', message: 'command refused in the session', sessionOpened: true };
const ctx: CheckContext = { host: testHost(), provider: testProvider(), now: new Date(), mode: 'contract', modeReason: 'r' };
const check = (id: string) => ALL_CHECKS.find((c) => c.id === id)!;

describe('failed BMC logins in findings', () => {
  it('counts only the BMC\'s refusals of credentials, not silence or sessions that opened', () => {
    expect(refusedLogins([{ outcome: OK }, { outcome: AUTH }, { outcome: UNKNOWN }, { outcome: SILENT }, { outcome: OPENED }])).toBe(2);
  });

  it('the catalogue\'s BMC login checks carry the count, whatever their status', () => {
    const anonymous = check('bmc.anonymous').evaluate({ 'bmc.anonymous': { cipherSuite: 3, attempts: [{ user: '', outcome: UNKNOWN }, { user: 'ADMIN', outcome: AUTH }] } } as unknown as NeededFacts<FactKey>, ctx);
    expect(anonymous).toMatchObject({ status: 'pass', bmcFailedLogins: 2 });
    const defaults = check('bmc.default-credentials').evaluate(
      { 'bmc.default-logins': { cipherSuite: 3, attempts: [{ user: 'root', vendors: ['Dell'], outcome: OK }, { user: 'ADMIN', vendors: ['Supermicro'], outcome: AUTH }], skipped: [] } } as unknown as NeededFacts<FactKey>,
      ctx,
    );
    expect(defaults).toMatchObject({ status: 'fail', bmcFailedLogins: 1 });
  });
});

describe('refusedLogins', () => {
  it('does not count a session that opened, even when the command in it was then refused as unauthorized', () => {
    const openedThenRefused: ProbeOutcome = { ok: false, reason: 'auth', message: 'command refused: insufficient privilege', sessionOpened: true };
    expect(refusedLogins([{ outcome: openedThenRefused }, { outcome: { ...UNKNOWN, sessionOpened: true } }])).toBe(0);
    expect(refusedLogins([{ outcome: AUTH }, { outcome: openedThenRefused }])).toBe(1);
  });
});
