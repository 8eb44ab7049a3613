import { describe, expect, it } from 'vitest';
import type { InitialLoginAttempt, InitialLoginsFact } from '../../../../src/facts/initial-logins.js';
import { initialCredentials } from '../../../../src/checks/bmc/initial-credentials.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { testHost, testProvider } from '../../support/hosts.js';

const attempt = (user: string, outcome: InitialLoginAttempt['outcome'], extra: Partial<InitialLoginAttempt> = {}): InitialLoginAttempt => ({ user, privilege: 'administrator', cipherSuite: 3, outcome, ...extra });
const context = (mode: CheckContext['mode']): CheckContext => ({ host: testHost(), provider: testProvider(), now: new Date(), mode, modeReason: mode === 'contract' ? 'contract C-1 runs until 2027-12-31' : 'contract C-1 ended 2026-06-30' });
const judge = (attempts: InitialLoginAttempt[], mode: CheckContext['mode'] = 'contract-end') => initialCredentials.evaluate({ 'bmc.initial-logins': { attempts } }, context(mode));
const refused = attempt('ADMIN', { ok: false, reason: 'auth', message: 'RAKP 2 HMAC is invalid', sessionOpened: false });

describe('bmc.initial-credentials', () => {
  it('passes when every stored account opens a session', () => {
    expect(judge([attempt('ADMIN', { ok: true }), attempt('ops', { ok: true })])).toEqual({
      status: 'pass',
      message: '2 initial BMC account(s) open a session with the stored password and privilege',
      evidence: [],
    });
  });

  it('fails at contract end when a stored password is refused', () => {
    const outcome = judge([refused]);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/\(contract C-1 ended 2026-06-30\)$/);
    expect(outcome.evidence).toEqual([{ source: 'RMCP+ cipher suite 3 session as ADMIN (administrator)', detail: 'the stored password is refused' }]);
  });

  it('is a skip with a note during the contract: changing the password is the customer’s right', () => {
    const outcome = judge([refused], 'contract');
    expect(outcome.status).toBe('skip');
    expect(outcome.message).toMatch(/customer's right during the contract; judged at contract end/);
    expect(outcome.evidence).toHaveLength(1);
  });

  it('fails at contract end when the user is gone, the privilege is refused, or the user table shows another privilege', () => {
    expect(judge([attempt('ADMIN', { ok: false, reason: 'unknown-user', message: 'x', sessionOpened: false })]).status).toBe('fail');
    expect(judge([attempt('ADMIN', { ok: false, reason: 'privilege', message: 'x', sessionOpened: false })]).status).toBe('fail');
    const demoted = judge([attempt('ADMIN', { ok: true }, { tablePrivilege: 'user' })]);
    expect(demoted.status).toBe('fail');
    expect(demoted.evidence[0]!.detail).toBe("the BMC's user table gives this account user, not the stored administrator");
  });

  it('is an error when the BMC could not be asked, in either mode', () => {
    for (const mode of ['contract', 'contract-end'] as const) {
      const outcome = judge([attempt('ADMIN', { ok: false, reason: 'unreachable', message: 'no answer from 127.11.3.5:623', sessionOpened: false })], mode);
      expect(outcome).toMatchObject({ status: 'error', message: 'could not complete a BMC session: no answer from 127.11.3.5:623' });
    }
  });

  it('is an error naming the key when the store holds no account for the host', () => {
    expect(judge([])).toMatchObject({ status: 'error', message: "the secret store holds no initial BMC account under key 'a3-01'" });
  });

  it('does not apply to a host without a BMC', () => {
    expect(initialCredentials.notApplicable?.(testHost({ bmc: undefined }))).toBe('the inventory gives this host no BMC');
    expect(initialCredentials.notApplicable?.(testHost())).toBeUndefined();
  });
});

describe('bmc.initial-credentials over Redfish: the logins it spent', () => {
  const redfish = (attempts: InitialLoginAttempt[], extra: Partial<InitialLoginsFact>, mode: CheckContext['mode'] = 'contract-end') =>
    initialCredentials.evaluate({ 'bmc.initial-logins': { attempts, transport: 'redfish', ...extra } }, context(mode));
  const wrong = attempt('root', { ok: false, reason: 'auth', message: 'HTTP 401', sessionOpened: false });

  it('counts the refused logins of this run beside the refusal, with the lockout threshold the BMC states', () => {
    expect(redfish([wrong, attempt('ops', { ok: true })], { failedLogins: 1, lockout: { threshold: 3, durationSeconds: 30 } })).toEqual({
      status: 'fail',
      message: '1 of 2 initial BMC account(s) no longer log in with the stored credentials and privilege (contract C-1 ended 2026-06-30)',
      evidence: [
        { source: 'redfish session as root (administrator)', detail: 'the stored password is refused' },
        { source: 'redfish AccountService', detail: '1 failed login(s) this run (lockout threshold 3)' },
      ],
    });
    expect(redfish([wrong], { failedLogins: 1, lockout: { threshold: 0 } }, 'contract')).toEqual({
      status: 'skip',
      message: '1 of 1 initial BMC account(s) were changed: the customer\'s right during the contract; judged at contract end (contract C-1 runs until 2027-12-31)',
      evidence: [
        { source: 'redfish session as root (administrator)', detail: 'the stored password is refused' },
        { source: 'redfish AccountService', detail: '1 failed login(s) this run (no lockout threshold)' },
      ],
    });
  });

  // The collector stops before a login that would reach the lockout threshold (redfish-collect.ts): the count goes with the refusals.
  it('names the refusal, then the logins spent, then the account it did not try', () => {
    const notTried = attempt('ops', { ok: false, reason: 'protocol', message: "not tried: 1 failed login(s) this run, and one more failed login would reach the BMC's lockout threshold of 2", sessionOpened: false });
    expect(redfish([wrong, notTried], { failedLogins: 1, lockout: { threshold: 2 } })).toEqual({
      status: 'fail',
      message: '1 of 2 initial BMC account(s) no longer log in with the stored credentials and privilege (contract C-1 ended 2026-06-30)',
      evidence: [
        { source: 'redfish session as root (administrator)', detail: 'the stored password is refused' },
        { source: 'redfish AccountService', detail: '1 failed login(s) this run (lockout threshold 2)' },
        { source: 'redfish session as ops (administrator)', detail: "not tried: 1 failed login(s) this run, and one more failed login would reach the BMC's lockout threshold of 2" },
      ],
    });
  });

  // The Redfish collector counts only refused logins, so this guards the count against being dropped, not a case it makes.
  it('puts the count beside a session it could not complete when nothing was refused', () => {
    const lost = attempt('ops', { ok: false, reason: 'timeout', message: 'no answer from 192.0.2.9:443 within 5000 ms', sessionOpened: false });
    expect(redfish([attempt('root', { ok: true }), lost], { failedLogins: 2 })).toEqual({
      status: 'error',
      message: 'could not complete a BMC session: no answer from 192.0.2.9:443 within 5000 ms',
      evidence: [
        { source: 'redfish session as ops (administrator)', detail: 'no answer from 192.0.2.9:443 within 5000 ms' },
        { source: 'redfish AccountService', detail: '2 failed login(s) this run (lockout threshold not stated)' },
      ],
    });
  });

  it('passes when no login was refused, whether the BMC counted none or does not count', () => {
    for (const extra of [{ failedLogins: 0, lockout: { threshold: 5 } }, {}]) {
      expect(redfish([attempt('root', { ok: true })], extra)).toEqual({
        status: 'pass',
        message: '1 initial BMC account(s) open a session with the stored password and privilege',
        evidence: [],
      });
    }
  });

  it('gives no evidence when the store holds no account', () => {
    expect(redfish([], {})).toEqual({ status: 'error', message: "the secret store holds no initial BMC account under key 'a3-01'", evidence: [] });
  });
});
