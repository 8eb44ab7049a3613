import { describe, expect, it } from 'vitest';
import {
  classifyIpmitool,
  meaningfulStderrLines,
  stderrSummary,
  type IpmitoolRun,
} from '../../../../src/transport/ipmi/classify-ipmitool.js';
import { ipmitoolFixture } from './ipmitool-fixture.js';

function fromFixture(name: string): IpmitoolRun {
  const f = ipmitoolFixture(name);
  return { exitCode: f.exitCode, stdout: f.stdout, stderr: f.stderr, timedOut: false, cancelled: false, outputLimit: false };
}

function exited(exitCode: number, stderr: string): IpmitoolRun {
  return { exitCode, stdout: '', stderr, timedOut: false, cancelled: false, outputLimit: false };
}

describe('classifyIpmitool on captured runs', () => {
  const cases: [string, string | undefined, RegExp?][] = [
    ['mc-info', undefined],
    ['user-list', undefined],
    ['channel-getciphers', undefined],
    ['lan-print', undefined], // exit 0 despite "Unsupported parameter" lines on stderr
    ['session-info-active', undefined],
    ['user-priv-as-admin', undefined], // ipmi_sim grants ADMINISTRATOR to a USER-limited account
    ['cipher0-wrong-password', undefined],
    ['exec-three', undefined],
    ['exec-plain', undefined],
    ['wrong-password-verbose', 'auth', /RAKP 2 HMAC is invalid/],
    ['exec-wrong-password', 'auth', /RAKP 2 HMAC is invalid/],
    ['password-too-long', 'auth', /longer than 20 bytes/],
    ['unknown-user-verbose', 'unknown-user', /unauthorized name/],
    ['disabled-user-verbose', 'unknown-user', /unauthorized name/],
    ['username-too-long', 'unknown-user', /too long/],
    ['no-bmc-verbose', 'unreachable', /Get Auth Capabilities error/],
    ['user-priv-user-list', 'privilege', /IPMI command failed: Insufficient privilege level/],
    ['user-priv-lan-print', 'privilege', /'Set in Progress' command failed: Insufficient privilege level/],
    ['exec-command-failure', 'protocol', /Channel number '99' is either invalid/],
    ['invalid-command', 'protocol', /Invalid command: nosuchcommand/],
    // Ctrl-C reaches ipmitool with the whole process group: the user's interrupt, not the BMC's failure.
    ['sigint-no-bmc', 'interrupted', /^interrupted \(SIGINT\)/],
    ['sigint-in-session', 'interrupted', /interrupted \(SIGINT\)/],
    // Without -v the three session failures read the same; this is why the transport always passes -v.
    ['wrong-password', 'protocol', /^Error: Unable to establish IPMI v2 \/ RMCP\+ session$/],
    ['unknown-user', 'protocol', /^Error: Unable to establish IPMI v2 \/ RMCP\+ session$/],
    ['no-bmc', 'protocol', /^Error: Unable to establish IPMI v2 \/ RMCP\+ session$/],
  ];

  for (const [name, reason, message] of cases) {
    it(`${name} → ${reason ?? 'ok'}`, () => {
      const verdict = classifyIpmitool(fromFixture(name));
      if (reason === undefined) {
        expect(verdict).toEqual({ ok: true });
        return;
      }
      expect(verdict.ok).toBe(false);
      if (verdict.ok) return;
      expect(verdict.reason).toBe(reason);
      expect(verdict.message).toMatch(message!);
    });
  }
});

describe('classifyIpmitool on an interrupt', () => {
  it('reads a child ended by SIGINT itself as interrupted, not as a broken tool', () => {
    const verdict = classifyIpmitool({ exitCode: undefined, signal: 'SIGINT', stdout: '', stderr: '', timedOut: false, cancelled: false, outputLimit: false });
    expect(verdict).toMatchObject({ ok: false, reason: 'interrupted' });
  });

  it('reads an abort or a bare 255 during the user interrupt as interrupted, and only then', () => {
    // ipmitool's SIGINT handler is not async-signal-safe: under load it has died by SIGABRT instead.
    const aborted = { exitCode: undefined, signal: 'SIGABRT', stdout: '', stderr: '', timedOut: false, cancelled: false, outputLimit: false };
    expect(classifyIpmitool({ ...aborted, userInterrupted: true })).toMatchObject({ ok: false, reason: 'interrupted' });
    expect(classifyIpmitool(aborted)).toMatchObject({ ok: false, reason: 'tool', message: 'ipmitool was killed by SIGABRT' });
    expect(classifyIpmitool({ ...exited(255, ''), userInterrupted: true })).toMatchObject({ ok: false, reason: 'interrupted' });
    // A refusal is the BMC's answer, whenever it comes.
    expect(classifyIpmitool({ ...fromFixture('wrong-password-verbose'), userInterrupted: true })).toMatchObject({ ok: false, reason: 'auth' });
  });

  it('says the session had opened when it had, so a login probe still counts as accepted', () => {
    const verdict = classifyIpmitool(fromFixture('sigint-in-session'));
    expect(verdict.ok ? '' : verdict.message).toMatch(/^the session opened, then a command failed: /);
  });

  it('does not read the words on their own, or another exit code, as an interrupt', () => {
    const f = ipmitoolFixture('sigint-no-bmc');
    expect(classifyIpmitool({ ...fromFixture('sigint-no-bmc'), exitCode: 1 })).toMatchObject({ ok: false, reason: 'protocol' });
    expect(classifyIpmitool({ ...fromFixture('mc-info'), exitCode: 255, stdout: f.stdout + 'Device ID : 0\n' })).toMatchObject({ ok: false, reason: 'protocol' });
  });
});

describe('classifyIpmitool on texts ipmi_sim never sends', () => {
  // Strings from ipmitool 1.8.19's lanplus code and status tables, as real BMCs trigger them.
  const cases: [string, string][] = [
    ['> Error: no response from RAKP 1 message\nError: Unable to establish IPMI v2 / RMCP+ session', 'unreachable'],
    ['> Error: no response from RAKP 3 message\nError: Unable to establish IPMI v2 / RMCP+ session', 'unreachable'],
    ['Timeout in open session response message.\nError: Unable to establish IPMI v2 / RMCP+ session', 'unreachable'],
    ['Address lookup for bmc.invalid failed\nCould not open socket!\nError: Unable to establish IPMI v2 / RMCP+ session', 'unreachable'],
    ['  No response from remote controller', 'unreachable'],
    ['RAKP 2 message indicates an error : unauthorized role requested\nError: Unable to establish IPMI v2 / RMCP+ session', 'privilege'],
    ['Error in open session response message : invalid role\nError: Unable to establish IPMI v2 / RMCP+ session', 'privilege'],
    ['Set Session Privilege Level to ADMINISTRATOR failed: Requested privilege level exceeds limit\nError: Unable to establish IPMI v2 / RMCP+ session', 'privilege'],
    // Measured behind the fault lab's lossy proxy: packets lost, not a privilege refused.
    ['> Error: no response from RAKP 3 message\nSet Session Privilege Level to ADMINISTRATOR failed\nError: Unable to establish IPMI v2 / RMCP+ session', 'unreachable'],
    ['Set Session Privilege Level to ADMINISTRATOR failed\nError: Unable to establish IPMI v2 / RMCP+ session', 'unreachable'],
    ['Error in open session response message : no matching cipher suite\nError: Unable to establish IPMI v2 / RMCP+ session', 'protocol'],
    ['RAKP 2 message indicates an error : insufficient resources for session\nError: Unable to establish IPMI v2 / RMCP+ session', 'protocol'],
  ];
  for (const [stderr, reason] of cases) {
    it(`${stderr.split('\n')[0]} → ${reason}`, () => {
      const verdict = classifyIpmitool(exited(1, stderr));
      expect(verdict.ok ? 'ok' : verdict.reason).toBe(reason);
    });
  }

  it('names the specific cause, not the generic session line', () => {
    const verdict = classifyIpmitool(exited(1, 'Error in open session response message : no matching cipher suite\nError: Unable to establish IPMI v2 / RMCP+ session\n'));
    expect(verdict).toEqual({ ok: false, reason: 'protocol', message: 'Error in open session response message : no matching cipher suite' });
  });
});

describe('classifyIpmitool on how the process ended', () => {
  const base = exited(0, '');
  it('puts cancellation, deadline and output limit before anything printed', () => {
    const auth = ipmitoolFixture('wrong-password-verbose').stderr;
    expect(classifyIpmitool({ ...base, exitCode: undefined, stderr: auth, cancelled: true })).toMatchObject({ reason: 'interrupted' });
    expect(classifyIpmitool({ ...base, exitCode: undefined, stderr: auth, timedOut: true })).toMatchObject({ reason: 'timeout' });
    expect(classifyIpmitool({ ...base, exitCode: undefined, outputLimit: true })).toMatchObject({ reason: 'output-limit' });
  });

  it('reports a missing or unstartable ipmitool as a tool failure', () => {
    expect(classifyIpmitool({ ...base, exitCode: undefined, startError: 'ENOENT' })).toEqual({
      ok: false,
      reason: 'tool',
      message: 'ipmitool is not installed (ENOENT)',
    });
    expect(classifyIpmitool({ ...base, exitCode: undefined, startError: 'EACCES' })).toMatchObject({ reason: 'tool', message: expect.stringContaining('EACCES') });
    expect(classifyIpmitool({ ...base, exitCode: undefined, signal: 'SIGSEGV' })).toMatchObject({ reason: 'tool', message: expect.stringContaining('SIGSEGV') });
  });

  it('says so when ipmitool failed silently', () => {
    expect(classifyIpmitool(exited(3, ''))).toEqual({ ok: false, reason: 'protocol', message: 'ipmitool exited with 3 and printed no error' });
  });
});

describe('stderr summaries', () => {
  it('drops -v chatter and the "> " prefix', () => {
    expect(meaningfulStderrLines(ipmitoolFixture('wrong-password-verbose').stderr)).toEqual([
      'RAKP 2 HMAC is invalid',
      'Error: Unable to establish IPMI v2 / RMCP+ session',
    ]);
    expect(meaningfulStderrLines(ipmitoolFixture('mc-info').stderr)).toEqual([]);
  });

  it('makes hostile text printable and short', () => {
    const summary = stderrSummary(`error: \u001b[31mred\u001b[0m ${'x'.repeat(500)}\n`);
    expect(summary).not.toMatch(/\u001b/);
    expect(summary!.length).toBeLessThanOrEqual(200);
  });

  it('prefers the line that reads like an error over the usage text after it', () => {
    expect(stderrSummary(ipmitoolFixture('invalid-command').stderr)).toBe('Invalid command: nosuchcommand');
  });
});
