// bmc.anonymous when the named accounts could not be tried (the user table is unknown): never a
// pass; a skip only during the contract and only when the customer changed the stored login.
import { describe, expect, it } from 'vitest';
import { bmcAnonymous } from '../../../../src/checks/bmc/anonymous.js';
import type { AnonymousFact } from '../../../../src/facts/anonymous.js';
import type { ProbeOutcome } from '../../../../src/facts/probe-outcome.js';
import { checkContext } from '../check-context.js';

const REFUSED: ProbeOutcome = { ok: false, reason: 'unknown-user', message: 'unauthorized name', sessionOpened: false };
const DURING = checkContext({ mode: 'contract', modeReason: 'contract C-1 runs until 2027-12-31' });
const END = checkContext({ mode: 'contract-end', modeReason: 'contract C-1 ended 2026-06-30' });
const fact = (over: Partial<AnonymousFact> = {}): AnonymousFact => ({ cipherSuite: 17, attempts: [{ user: '', outcome: REFUSED }], ...over });
const UNTRIED = "the null user is refused, but no named account was tried with an empty password: the BMC's user table is unknown (the stored login is refused)";

describe('bmc.anonymous with the named accounts untried', () => {
  it('skips during the contract when the customer changed the stored login, saying when it will count', () => {
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact({ namedUntried: { why: 'the stored login is refused', credentialsRefused: true } }) }, DURING)).toEqual({
      status: 'skip',
      message: `${UNTRIED}; the stored administrator login was changed, the customer's right during the contract; judged at contract end (contract C-1 runs until 2027-12-31)`,
      evidence: [],
    });
  });

  it('is an error at contract end, and whenever the table was unknown for another reason', () => {
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact({ namedUntried: { why: 'the stored login is refused', credentialsRefused: true } }) }, END)).toEqual({ status: 'error', message: UNTRIED, evidence: [] });
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact({ namedUntried: { why: 'the store holds no account', credentialsRefused: false } }) }, DURING)).toEqual({
      status: 'error',
      message: "the null user is refused, but no named account was tried with an empty password: the BMC's user table is unknown (the store holds no account)",
      evidence: [],
    });
  });

  it('still fails on a session that opened, even when a command in it then failed', () => {
    const opened: ProbeOutcome = { ok: false, reason: 'privilege', message: 'command refused', sessionOpened: true };
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact({ attempts: [{ user: 'ADMIN', outcome: opened }], namedUntried: { why: 'x', credentialsRefused: true } }) }, DURING)).toEqual({
      status: 'fail',
      message: 'a BMC account opens a session with an empty password',
      evidence: [{ source: 'RMCP+ cipher suite 17 session as ADMIN (user)', detail: 'session opened with an empty password' }],
    });
  });

  it('counts the refused logins when it passes, and quotes the first unanswered one when it cannot tell', () => {
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact({ attempts: [{ user: '', outcome: REFUSED }, { user: 'ADMIN', outcome: REFUSED }] }) }, END)).toEqual({
      status: 'pass',
      message: '2 null-user/empty-password login(s) refused',
      evidence: [],
    });
    const silent: ProbeOutcome = { ok: false, reason: 'unreachable', message: 'no answer from 127.11.3.5:623', sessionOpened: false };
    expect(bmcAnonymous.evaluate({ 'bmc.anonymous': fact({ attempts: [{ user: '', outcome: REFUSED }, { user: 'ADMIN', outcome: silent }] }) }, END)).toEqual({
      status: 'error',
      message: 'could not complete a BMC session: no answer from 127.11.3.5:623',
      evidence: [],
    });
  });
});
