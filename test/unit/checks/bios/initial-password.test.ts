import { describe, expect, it } from 'vitest';
import { biosInitialPassword } from '../../../../src/checks/bios/initial-password.js';
import { bmcRedfishTls } from '../../../../src/checks/bmc/redfish-tls.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import type { BiosPasswordFact, BiosPasswordOutcome } from '../../../../src/facts/bios-password.js';
import type { Host } from '../../../../src/inventory/types.js';
import { testHost, testProvider } from '../../support/hosts.js';

const redfishHost = (trust: NonNullable<NonNullable<Host['bmc']>['redfish']>['trust'] = { kind: 'pinned', sha256: 'ab'.repeat(32) }): Host => ({
  ...testHost(),
  bmc: { address: '192.0.2.9', port: 623, cipherSuite: 3, channel: 1, timeoutMs: 5000, retries: 0, ipmi: false, redfish: { address: '192.0.2.9', port: 443, trust, timeoutMs: 5000 } },
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
    for (const o of ['unsupported', 'pending', 'forbidden', 'unknown', 'accepted-unproven', 'left-pending'] as const) {
      expect(judge(tried(o)).status).toBe('error');
      expect(judge(tried(o), 'contract').status).toBe('error');
    }
  });

  it('passes on a Dell hash match; a mismatch under the unverified formula is an error at contract end, never a fail', () => {
    expect(judge(tried('hash-match')).status).toBe('pass');
    expect(judge(tried('hash-mismatch'))).toMatchObject({ status: 'error', message: expect.stringMatching(/unverified for BIOS passwords, so this is not proof of a change/) });
    expect(judge(tried('hash-mismatch'), 'contract')).toMatchObject({ status: 'skip', message: expect.stringMatching(/judged at contract end, where this is an error \(r\)$/) });
  });

  it('says a BMC without a known proof cannot prove its BIOS password', () => {
    const fact = { ...tried('cannot-prove'), detail: 'Lenovo XCC applies ChangePassword at reset' } as BiosPasswordFact;
    expect(judge(fact)).toMatchObject({ status: 'error', message: 'this BMC cannot prove its BIOS password: Lenovo XCC applies ChangePassword at reset' });
    expect(judge(fact, 'contract').status).toBe('skip');
  });

  it('names every pending change the call created, and what was pending before', () => {
    const fact: BiosPasswordFact = {
      ...(tried('left-pending') as Extract<BiosPasswordFact, { attempted: true }>),
      bmc: { vendor: 'unknown', said: 'service root Vendor Contoso' },
      method: 'no vendor profile',
      created: [{ kind: 'job', name: '/redfish/v1/Managers/1/Jobs/JID_1', setsStoredPassword: false }, { kind: 'attribute', name: 'BootMode', setsStoredPassword: false }],
      stagedBefore: ['attribute SecureBoot'],
    };
    expect(judge(fact).evidence.map((e) => e.detail)).toEqual([
      'HTTP 400',
      'unknown (service root Vendor Contoso); proof: no vendor profile',
      'job /redfish/v1/Managers/1/Jobs/JID_1 queued by the call (runs at the next reboot and can fail)',
      'BootMode staged by the call',
      'attribute SecureBoot was already pending before the check (applied at the next reboot)',
    ]);
  });

  it('skips with the reason when the write was not allowed', () => {
    expect(judge({ attempted: false, why: 'it writes' }, 'contract')).toEqual({ status: 'skip', message: 'it writes', evidence: [] });
  });

  it('does not apply to a BMC without Redfish, nor to a host without a BMC, saying which', () => {
    expect(biosInitialPassword.notApplicable?.(testHost())).toBe('the BIOS password is only reachable over Redfish, and the inventory gives this BMC no `redfish:` block');
    expect(biosInitialPassword.notApplicable?.(testHost({ bmc: undefined }))).toBe('the inventory gives this host no BMC');
    expect(biosInitialPassword.notApplicable?.(redfishHost())).toBeUndefined();
  });
});

describe('bmc.redfish-tls', () => {
  it('warns for insecure: true and passes for a pin or a CA', () => {
    expect(bmcRedfishTls.evaluate({}, ctx('contract', redfishHost({ kind: 'insecure' }))).status).toBe('warn');
    expect(bmcRedfishTls.evaluate({}, ctx('contract')).status).toBe('pass');
    expect(bmcRedfishTls.evaluate({}, ctx('contract', redfishHost({ kind: 'ca', caFile: '/ca.pem' }))).status).toBe('pass');
  });
});

describe('bios.initial-password, what it says', () => {
  it('says which proof passed, with the BMC answer and the BMC identity as evidence', () => {
    const ilo: BiosPasswordFact = {
      ...(tried('accepted') as Extract<BiosPasswordFact, { attempted: true }>),
      detail: 'HTTP 200 Base.1.4.Success',
      bmc: { vendor: 'hpe-ilo', generation: 'iLO 5', firmware: '2.78', said: 'service root Oem.Hpe; Manager Model iLO 5' },
      method: 'ChangePassword to itself (HPE iLO 5 checks the old password)',
      created: [],
    };
    expect(judge(ilo)).toEqual({
      status: 'pass',
      message: 'the BMC checked the stored initial BIOS password as the current one and accepted it (set to itself)',
      evidence: [
        { source: 'redfish POST /redfish/v1/Systems/1/Bios/Actions/Bios.ChangePassword', detail: 'HTTP 200 Base.1.4.Success' },
        { source: 'redfish BMC identity', detail: 'hpe-ilo iLO 5 (service root Oem.Hpe; Manager Model iLO 5); proof: ChangePassword to itself (HPE iLO 5 checks the old password)' },
      ],
    });
    const dell: BiosPasswordFact = {
      attempted: true, outcome: 'hash-match', source: 'redfish GET /redfish/v1/Systems/System.Embedded.1/Bios', detail: 'SHA256SetupPassword matches',
      bmc: { vendor: 'dell-idrac', said: 'service root Vendor Dell' },
    };
    expect(judge(dell)).toEqual({
      status: 'pass',
      message: 'the BMC\'s SHA256SetupPassword is the hash of the stored initial BIOS password',
      evidence: [
        { source: 'redfish GET /redfish/v1/Systems/System.Embedded.1/Bios', detail: 'SHA256SetupPassword matches' },
        { source: 'redfish BMC identity', detail: 'dell-idrac (service root Vendor Dell); proof: none' },
      ],
    });
  });

  it('gives only the BMC answer as evidence when nothing was staged and nothing was left unread', () => {
    expect(judge(tried('wrong-password'))).toEqual({
      status: 'fail',
      message: 'the BIOS administrator password is not the stored initial one (r)',
      evidence: [{ source: 'redfish POST /redfish/v1/Systems/1/Bios/Actions/Bios.ChangePassword', detail: 'HTTP 400' }],
    });
  });

  it('during the contract says the password was changed, for the contract end to judge', () => {
    expect(judge(tried('wrong-password'), 'contract').message).toBe('the BIOS administrator password was changed: the customer\'s right during the contract; judged at contract end (r)');
  });

  it('names a staged change that sets the stored password again, and each pending setting it could not read', () => {
    const fact: BiosPasswordFact = {
      ...(tried('left-pending') as Extract<BiosPasswordFact, { attempted: true }>),
      created: [{ kind: 'attribute', name: 'AdminPassword', setsStoredPassword: true }],
      unread: ['/redfish/v1/Systems/1/Bios/Settings'],
    };
    expect(judge(fact).evidence).toEqual([
      { source: 'redfish POST /redfish/v1/Systems/1/Bios/Actions/Bios.ChangePassword', detail: 'HTTP 400' },
      { source: 'redfish pending BIOS settings', detail: 'AdminPassword staged by the call: sets the stored password again at the next reboot' },
      { source: 'redfish pending BIOS settings', detail: 'could not read /redfish/v1/Systems/1/Bios/Settings' },
    ]);
  });
});
