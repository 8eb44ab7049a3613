import { describe, expect, it } from 'vitest';
import { bmcAnonymous } from '../../../../src/checks/bmc/anonymous.js';
import { bmcCipherZero } from '../../../../src/checks/bmc/cipher-zero.js';
import { bmcDefaultCredentials } from '../../../../src/checks/bmc/default-credentials.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import type { ProbeOutcome } from '../../../../src/facts/probe-outcome.js';
import { testHost, testProvider } from '../../support/hosts.js';

const OK: ProbeOutcome = { ok: true };
const AUTH: ProbeOutcome = { ok: false, reason: 'auth', message: 'password refused', sessionOpened: false };
const UNKNOWN: ProbeOutcome = { ok: false, reason: 'unknown-user', message: 'unauthorized name', sessionOpened: false };
const SILENT: ProbeOutcome = { ok: false, reason: 'unreachable', message: 'no answer from the BMC', sessionOpened: false };
const ctx = (mode: CheckContext['mode']): CheckContext => ({ host: testHost(), provider: testProvider(), now: new Date(), mode, modeReason: 'r' });
const MODES = ['contract', 'contract-end'] as const;

describe('bmc.anonymous', () => {
  const judge = (attempts: Array<{ user: string; outcome: ProbeOutcome }>, mode: CheckContext['mode'] = 'contract') =>
    bmcAnonymous.evaluate({ 'bmc.anonymous': { cipherSuite: 3, attempts } }, ctx(mode));
  it('fails in both modes when the null user logs in', () => {
    for (const mode of MODES) {
      const out = judge([{ user: '', outcome: OK }, { user: 'ADMIN', outcome: AUTH }], mode);
      expect(out).toMatchObject({ status: 'fail', message: 'the BMC opens a session for the null user with an empty password' });
      expect(out.evidence).toEqual([{ source: 'RMCP+ cipher suite 3 session as (null user) (user)', detail: 'session opened with an empty password' }]);
    }
  });
  it('fails when a named account takes an empty password', () => {
    expect(judge([{ user: '', outcome: UNKNOWN }, { user: 'ADMIN', outcome: OK }]).message).toBe('a BMC account opens a session with an empty password');
  });
  it('passes when all are refused; an unanswered probe is an error', () => {
    expect(judge([{ user: '', outcome: UNKNOWN }, { user: 'ADMIN', outcome: AUTH }]).status).toBe('pass');
    expect(judge([{ user: '', outcome: SILENT }]).status).toBe('error');
  });
});

describe('bmc.cipher-zero', () => {
  const judge = (attempts: Array<{ user: string; outcome: ProbeOutcome }>, mode: CheckContext['mode'] = 'contract') => bmcCipherZero.evaluate({ 'bmc.cipher-zero': { attempts } }, ctx(mode));
  it('fails in both modes when a random password opens a suite-0 session', () => {
    for (const mode of MODES) expect(judge([{ user: 'ADMIN', outcome: OK }], mode)).toMatchObject({ status: 'fail', message: 'the BMC accepts cipher suite 0: a session as ADMIN opened with a random password' });
  });
  it('passes when refused, is an error when no probed name exists or the BMC is silent', () => {
    expect(judge([{ user: 'ADMIN', outcome: AUTH }]).status).toBe('pass');
    expect(judge([{ user: 'x', outcome: { ok: false, reason: 'protocol', message: 'no matching cipher suite', sessionOpened: false } }]).status).toBe('pass');
    expect(judge([{ user: 'ADMIN', outcome: UNKNOWN }, { user: 'root', outcome: UNKNOWN }])).toMatchObject({ status: 'error', message: 'no user name the BMC knows to probe cipher suite 0 with' });
    expect(judge([{ user: 'ADMIN', outcome: SILENT }]).status).toBe('error');
  });
});

describe('bmc.default-credentials', () => {
  const judge = (attempts: Array<{ user: string; vendors: string[]; outcome: ProbeOutcome }>, skipped = 0, mode: CheckContext['mode'] = 'contract') =>
    bmcDefaultCredentials.evaluate(
      { 'bmc.default-logins': { cipherSuite: 3, attempts, skipped: Array.from({ length: skipped }, () => ({ user: 'ADMIN', vendors: ['Supermicro'], why: 'it is the stored initial account' })) } },
      ctx(mode),
    );
  it('fails in both modes when a factory default logs in, naming the vendor, never the password', () => {
    for (const mode of MODES) {
      const out = judge([{ user: 'root', vendors: ['Dell iDRAC'], outcome: OK }], 0, mode);
      expect(out).toMatchObject({ status: 'fail', message: '1 vendor default BMC login(s) work' });
      expect(out.evidence[0]!.detail).toBe('the factory default password of Dell iDRAC opens a session');
      expect(JSON.stringify(out)).not.toContain('calvin');
    }
  });
  it('passes when refused and says how many did not apply; silent is an error', () => {
    expect(judge([{ user: 'root', vendors: ['Dell iDRAC'], outcome: AUTH }], 1)).toMatchObject({ status: 'pass', message: '1 vendor default login(s) refused, 1 not applicable' });
    expect(judge([{ user: 'root', vendors: ['Dell iDRAC'], outcome: SILENT }]).status).toBe('error');
  });
});

describe('bmc.cipher-zero, what it says', () => {
  const judge = (attempts: Array<{ user: string; outcome: ProbeOutcome }>) => bmcCipherZero.evaluate({ 'bmc.cipher-zero': { attempts } }, ctx('contract'));

  it('names the suite-0 session that opened, as the user it opened as, never with the password', () => {
    expect(judge([{ user: 'ADMIN', outcome: AUTH }, { user: 'root', outcome: OK }])).toEqual({
      status: 'fail',
      message: 'the BMC accepts cipher suite 0: a session as root opened with a random password',
      evidence: [{ source: 'RMCP+ cipher suite 0 session as root (user)', detail: 'session opened with a password nobody holds' }],
    });
  });

  it('gives the first unanswered probe\'s message and no evidence when it could not tell', () => {
    expect(judge([{ user: 'ADMIN', outcome: AUTH }, { user: 'root', outcome: SILENT }])).toEqual({ status: 'error', message: 'could not complete a BMC session: no answer from the BMC', evidence: [] });
    expect(judge([{ user: 'ADMIN', outcome: UNKNOWN }])).toEqual({ status: 'error', message: 'no user name the BMC knows to probe cipher suite 0 with', evidence: [] });
  });

  it('passes without evidence when the BMC refuses the suite', () => {
    expect(judge([{ user: 'ADMIN', outcome: AUTH }, { user: 'root', outcome: UNKNOWN }])).toEqual({ status: 'pass', message: 'the BMC refuses cipher suite 0', evidence: [] });
  });
});

describe('bmc.default-credentials, what it says', () => {
  const judge = (attempts: Array<{ user: string; vendors: string[]; outcome: ProbeOutcome }>, skipped: Array<{ user: string; vendors: string[]; why: string }> = []) =>
    bmcDefaultCredentials.evaluate({ 'bmc.default-logins': { cipherSuite: 17, attempts, skipped } }, ctx('contract'));

  it('names each default that works by the session it opened and every vendor that ships it', () => {
    expect(judge([{ user: 'ADMIN', vendors: ['Supermicro', 'ASRock Rack'], outcome: OK }, { user: 'root', vendors: ['Dell iDRAC'], outcome: AUTH }])).toEqual({
      status: 'fail',
      message: '1 vendor default BMC login(s) work',
      evidence: [{ source: 'RMCP+ cipher suite 17 session as ADMIN (user)', detail: 'the factory default password of Supermicro, ASRock Rack opens a session' }],
    });
  });

  it('gives the first unanswered probe\'s message and no evidence when it could not tell', () => {
    expect(judge([{ user: 'root', vendors: ['Dell iDRAC'], outcome: AUTH }, { user: 'ADMIN', vendors: ['Supermicro'], outcome: SILENT }])).toEqual({
      status: 'error', message: 'could not complete a BMC session: no answer from the BMC', evidence: [],
    });
  });

  it('passes without evidence when every default is refused', () => {
    expect(judge([{ user: 'root', vendors: ['Dell iDRAC'], outcome: AUTH }, { user: 'USERID', vendors: ['Lenovo XCC'], outcome: UNKNOWN }], [{ user: 'ADMIN', vendors: ['Supermicro'], why: 'it is the stored initial account' }])).toEqual({
      status: 'pass', message: '2 vendor default login(s) refused, 1 not applicable', evidence: [],
    });
  });
});
