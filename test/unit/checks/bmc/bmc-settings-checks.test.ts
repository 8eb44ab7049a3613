// Checks judged from the inventory alone: the Redfish TLS setting and which hosts BMC checks apply to.
import { describe, expect, it } from 'vitest';
import { withoutBmc, withoutIpmi } from '../../../../src/checks/bmc/applies-to.js';
import { bmcRedfishTls } from '../../../../src/checks/bmc/redfish-tls.js';
import type { BmcSettings, Host, RedfishTrustSetting } from '../../../../src/inventory/types.js';
import { testHost } from '../../support/hosts.js';
import { checkContext } from '../check-context.js';

const bmc = (over: Partial<BmcSettings> = {}): BmcSettings => ({ address: '127.11.3.5', port: 623, cipherSuite: 17, channel: 1, timeoutMs: 1000, retries: 0, ipmi: true, ...over });
const redfishHost = (trust: RedfishTrustSetting): Host =>
  testHost({ name: 'c3-05', rack: 'C3', bmc: bmc({ redfish: { address: '127.11.3.5', port: 443, trust, timeoutMs: 1000 } }) });
const judge = (host: Host) => bmcRedfishTls.evaluate({}, checkContext({ host }));

describe('bmc.redfish-tls', () => {
  it('warns about insecure: true, pointing at the inventory setting', () => {
    expect(judge(redfishHost({ kind: 'insecure' }))).toEqual({
      status: 'warn',
      message: "the BMC's Redfish certificate is not checked (`insecure: true`): its findings could come from an impostor that also saw the stored credentials",
      evidence: [{ source: 'inventory: racks.C3.hosts.c3-05.bmc.redfish', detail: 'insecure: true' }],
    });
  });

  it('passes a CA file, a pinned fingerprint and a pin file, saying which', () => {
    expect(judge(redfishHost({ kind: 'ca', caFile: '/etc/fleetcheck/ca.pem' }))).toEqual({ status: 'pass', message: "the BMC's Redfish certificate is verified against a CA file", evidence: [] });
    expect(judge(redfishHost({ kind: 'pinned', sha256: 'ab'.repeat(32) }))).toEqual({ status: 'pass', message: "the BMC's Redfish certificate is pinned by its SHA-256 fingerprint", evidence: [] });
    expect(judge(redfishHost({ kind: 'pinned-file', file: '/etc/fleetcheck/c3-05.pin' }))).toEqual({
      status: 'pass',
      message: "the BMC's Redfish certificate is pinned by the SHA-256 fingerprint in /etc/fleetcheck/c3-05.pin",
      evidence: [],
    });
  });

  it('skips a host without Redfish, and says it does not apply to it', () => {
    const ipmiOnly = testHost({ bmc: bmc() });
    expect(judge(ipmiOnly)).toEqual({ status: 'skip', message: 'the inventory gives this host no Redfish BMC', evidence: [] });
    expect(bmcRedfishTls.notApplicable?.(ipmiOnly)).toBe('the inventory gives this host no Redfish BMC');
    expect(bmcRedfishTls.notApplicable?.(redfishHost({ kind: 'insecure' }))).toBeUndefined();
    const noBmc = testHost({ bmc: undefined });
    expect(bmcRedfishTls.notApplicable?.(noBmc)).toBe('the inventory gives this host no Redfish BMC');
    expect(judge(noBmc)).toEqual({ status: 'skip', message: 'the inventory gives this host no Redfish BMC', evidence: [] });
  });
});

describe('which hosts the BMC checks apply to', () => {
  it('needs a BMC', () => {
    const none = testHost({ bmc: undefined });
    expect(withoutBmc(none)).toBe('the inventory gives this host no BMC');
    expect(withoutIpmi(none)).toBe('the inventory gives this host no BMC');
    expect(withoutBmc(testHost({ bmc: bmc({ ipmi: false }) }))).toBeUndefined();
  });

  it('needs IPMI over LAN for the IPMI probes', () => {
    expect(withoutIpmi(testHost({ bmc: bmc({ ipmi: true }) }))).toBeUndefined();
    expect(withoutIpmi(testHost({ bmc: bmc({ ipmi: false }) }))).toBe(
      'IPMI over LAN is off on this BMC (inventory `bmc.ipmi: false`); its accounts are checked over Redfish',
    );
  });
});
