import { describe, expect, it } from 'vitest';
import { inventoryOf, issuesOf, withRacks } from './support/inventory-text.js';

const rack = (bmc: string) => withRacks(['  A3:', '    hosts:', '      a3-01:', '        ssh: { address: 192.0.2.1 }', `        bmc: ${bmc}`].join('\n'));
const PIN = 'SHA256:57:F8:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:44:36';

describe('bmc.redfish', () => {
  it('resolves a pinned Redfish BMC with IPMI off: port 443 and the BMC timeout by default', () => {
    const bmc = inventoryOf(rack(`{ address: 192.0.2.101, ipmi: false, redfish: { fingerprint: "${PIN}" } }`)).hosts[0]!.bmc;
    expect(bmc).toMatchObject({ ipmi: false, redfish: { address: '192.0.2.101', port: 443, timeoutMs: 10_000, trust: { kind: 'pinned', sha256: PIN } } });
  });

  it('resolves fingerprintFile and caFile against the inventory, and takes an own address and port', () => {
    const file = inventoryOf(rack('{ address: 192.0.2.101, redfish: { address: 192.0.2.201, port: 8443, fingerprintFile: pins/a3-01.sha256, timeout: 3s } }')).hosts[0]!.bmc!;
    expect(file.ipmi).toBe(true);
    expect(file.redfish).toMatchObject({ address: '192.0.2.201', port: 8443, timeoutMs: 3000, trust: { kind: 'pinned-file', file: expect.stringMatching(/^\/.*\/pins\/a3-01\.sha256$/) } });
    const ca = inventoryOf(rack('{ address: 192.0.2.101, redfish: { caFile: ca.pem } }')).hosts[0]!.bmc!;
    expect(ca.redfish!.trust).toMatchObject({ kind: 'ca', caFile: expect.stringMatching(/^\/.*\/ca\.pem$/) });
  });

  it('takes insecure only when written as true', () => {
    expect(inventoryOf(rack('{ address: 192.0.2.101, redfish: { insecure: true } }')).hosts[0]!.bmc!.redfish!.trust).toEqual({ kind: 'insecure' });
    expect(issuesOf(rack('{ address: 192.0.2.101, redfish: { insecure: false } }'))[0]).toMatch(/bmc\.redfish\.insecure: `insecure:` may only be `true`/);
  });

  it('wants exactly one way to trust the certificate, and a well-formed pin', () => {
    expect(issuesOf(rack('{ address: 192.0.2.101, redfish: { port: 443 } }'))).toEqual([
      expect.stringMatching(/^inventory\/test\.yaml:11 racks\.A3\.hosts\.a3-01\.bmc\.redfish: expected exactly one way to trust/),
    ]);
    expect(issuesOf(rack(`{ address: 192.0.2.101, redfish: { fingerprint: "${PIN}", insecure: true } }`))[0]).toMatch(/expected exactly one way/);
    expect(issuesOf(rack('{ address: 192.0.2.101, redfish: { fingerprint: "SHA256:abc" } }'))[0]).toMatch(/bmc\.redfish\.fingerprint: expected a SHA-256 certificate fingerprint/);
  });

  it('refuses IPMI off without a redfish block', () => {
    expect(issuesOf(rack('{ address: 192.0.2.101, ipmi: false }'))).toEqual([
      expect.stringMatching(/racks\.A3\.hosts\.a3-01\.bmc\.ipmi: a BMC with IPMI over LAN off is only reachable over Redfish/),
    ]);
  });
});
