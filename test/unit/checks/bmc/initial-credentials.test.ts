import { describe, expect, it } from 'vitest';
import type { InitialLoginAttempt } from '../../../../src/collect/bmc/initial-logins.js';
import { initialCredentials } from '../../../../src/checks/bmc/initial-credentials.js';
import { testHost, testProvider } from '../../support/hosts.js';

const attempt = (user: string, outcome: InitialLoginAttempt['outcome']): InitialLoginAttempt => ({ user, privilege: 'administrator', cipherSuite: 3, outcome });
const judge = (attempts: InitialLoginAttempt[]) =>
  initialCredentials.evaluate({ 'bmc.initial-logins': { attempts } }, { host: testHost(), provider: testProvider(), now: new Date() });

describe('bmc.initial-credentials', () => {
  it('passes when every stored account opens a session', () => {
    expect(judge([attempt('ADMIN', { ok: true }), attempt('ops', { ok: true })])).toEqual({
      status: 'pass',
      message: '2 initial BMC account(s) open a session with the stored password',
      evidence: [],
    });
  });

  it('fails when a stored password is refused', () => {
    const outcome = judge([attempt('ADMIN', { ok: false, reason: 'auth', message: 'RAKP 2 HMAC is invalid' })]);
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toEqual([{ source: 'ipmitool lanplus -C 3 session as ADMIN (administrator)', detail: 'the stored password is refused' }]);
  });

  it('fails when the stored user is gone or lost its privilege', () => {
    expect(judge([attempt('ADMIN', { ok: false, reason: 'unknown-user', message: 'x' })]).status).toBe('fail');
    expect(judge([attempt('ADMIN', { ok: false, reason: 'privilege', message: 'x' })]).status).toBe('fail');
  });

  it('is an error when the BMC could not be asked', () => {
    const outcome = judge([attempt('ADMIN', { ok: false, reason: 'unreachable', message: 'no answer from 127.11.3.5:623' })]);
    expect(outcome).toMatchObject({ status: 'error', message: 'could not complete a BMC session: no answer from 127.11.3.5:623' });
  });

  it('is an error when the store holds no account for the host', () => {
    expect(judge([]).status).toBe('error');
  });

  it('does not apply to a host without a BMC', () => {
    expect(initialCredentials.notApplicable?.(testHost({ bmc: undefined }))).toBe('the inventory gives this host no BMC');
    expect(initialCredentials.notApplicable?.(testHost())).toBeUndefined();
  });
});
