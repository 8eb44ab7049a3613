import { describe, expect, it } from 'vitest';
import { biosInitialPassword } from '../../../../src/checks/bios/initial-password.js';
import { bmcRedfishTls } from '../../../../src/checks/bmc/redfish-tls.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import type { BiosPasswordFact, BiosPasswordOutcome } from '../../../../src/facts/bios-password.js';
import type { Host } from '../../../../src/inventory/types.js';
import { testHost, testProvider } from '../../support/hosts.js';

const redfishHost = (trust: NonNullable<NonNullable<Host['bmc']>['redfish']>['trust'] = { kind: 'pinned', sha256: 'ab'.repeat(32) }): Host => ({
  ...testHost(),
  bmc: { address: '192.0.2.9', port: 623, cipherSuite: 3, timeoutMs: 5000, retries: 0, ipmi: false, redfish: { address: '192.0.2.9', port: 443, trust, timeoutMs: 5000 } },
});
const ctx = (mode: CheckContext['mode'], host = redfishHost()): CheckContext => ({ host, provider: testProvider(), now: new Date(), mode, modeReason: 'r' });
const tried = (outcome: BiosPasswordOutcome): BiosPasswordFact => ({ attempted: true, outcome, source: 'redfish POST /redfish/v1/Systems/1/Bios/Actions/Bios.ChangePassword', detail: 'HTTP 400' });
const judge = (fact: BiosPasswordFact, mode: CheckContext['mode'] = 'contract-end') => biosInitialPassword.evaluate({ 'bmc.bios-password': fact }, ctx(mode));

describe('bios.initial-password', () => {
  it('passes only when the BMC accepted the stored password', () => {
    expect(judge(tried('accepted')).status).toBe('pass');
  });

  it('fails at contract end when the old password is wrong; during the contract a change is the customer\'s', () => {
    expect(judge(tried('wrong-password'))).toMatchObject({ status: 'fail', message: 'the BIOS administrator password is not the stored initial one (r)' });
    expect(judge(tried('wrong-password'), 'contract').status).toBe('skip');
  });

  it('is error, never pass, when the BMC cannot say', () => {
    for (const o of ['unsupported', 'pending', 'forbidden', 'unknown'] as const) expect(judge(tried(o)).status).toBe('error');
  });

  it('skips with the reason when the write was not allowed', () => {
    expect(judge({ attempted: false, why: 'it writes' }, 'contract')).toEqual({ status: 'skip', message: 'it writes', evidence: [] });
  });

  it('does not apply to a BMC without Redfish', () => {
    expect(biosInitialPassword.notApplicable!(testHost())).toBeDefined();
    expect(biosInitialPassword.notApplicable!(redfishHost())).toBeUndefined();
  });
});

describe('bmc.redfish-tls', () => {
  it('warns for insecure: true and passes for a pin or a CA', () => {
    expect(bmcRedfishTls.evaluate({}, ctx('contract', redfishHost({ kind: 'insecure' }))).status).toBe('warn');
    expect(bmcRedfishTls.evaluate({}, ctx('contract')).status).toBe('pass');
    expect(bmcRedfishTls.evaluate({}, ctx('contract', redfishHost({ kind: 'ca', caFile: '/ca.pem' }))).status).toBe('pass');
  });
});
