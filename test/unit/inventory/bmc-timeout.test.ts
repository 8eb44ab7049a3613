import { describe, expect, it } from 'vitest';
import { inventoryOf, issuesOf, withRacks } from './support/inventory-text.js';

const rack = (bmc: string) => withRacks(['  A3:', '    hosts:', '      a3-01:', '        ssh: { address: 192.0.2.1 }', `        bmc: ${bmc}`].join('\n'));

describe('bmc.timeout against ipmitool’s own give-up time', () => {
  it('refuses a deadline a silent BMC would always hit first', () => {
    expect(issuesOf(rack('{ address: 192.0.2.101, timeout: 5s, retries: 1 }'))).toEqual([
      'inventory/test.yaml:11 racks.A3.hosts.a3-01.bmc.timeout: must be longer than the 6s ipmitool takes to give up on a silent BMC with retries 1',
    ]);
  });

  it('accepts one that leaves ipmitool time to report the BMC unreachable', () => {
    expect(inventoryOf(rack('{ address: 192.0.2.101, timeout: 3s, retries: 0 }')).hosts[0]!.bmc).toMatchObject({ timeoutMs: 3000, retries: 0 });
    expect(inventoryOf(rack('{ address: 192.0.2.101 }')).hosts[0]!.bmc).toMatchObject({ timeoutMs: 10_000, retries: 1 });
  });

  it('reports a value every host inherits once, at the defaults line where it was written', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  ssh: { knownHosts: known_hosts }',
      '  bmc: { timeout: 5s, retries: 1 }',
      'secrets: { file: secrets.yaml }',
      'provider: {}',
      'racks:',
      '  A3:',
      '    hosts:',
      '      a3-01: { ssh: { address: 192.0.2.1 }, bmc: { address: 192.0.2.101 } }',
      '      a3-02: { ssh: { address: 192.0.2.2 }, bmc: { address: 192.0.2.102 } }',
      '  B1:',
      '    defaults:',
      '      bmc: { retries: 2 }',
      '    hosts:',
      '      b1-01: { ssh: { address: 192.0.2.3 }, bmc: { address: 192.0.2.103 } }',
      '      b1-02: { ssh: { address: 192.0.2.4 }, bmc: { address: 192.0.2.104, timeout: 30s } }',
      '  C2:',
      '    hosts:',
      '      c2-01: { ssh: { address: 192.0.2.5 }, bmc: { address: 192.0.2.105, retries: 0 } }',
    ].join('\n');
    // A3 inherits both values from the top: once, at line 4. B1's rack raised retries: once, at
    // its defaults (line 14), not at b1-01; b1-02 overrides the timeout and is fine. c2-01's own
    // retries make the inherited timeout long enough.
    expect(issuesOf(text)).toEqual([
      'inventory/test.yaml:4 defaults.bmc.timeout: must be longer than the 6s ipmitool takes to give up on a silent BMC with retries 1',
      'inventory/test.yaml:14 racks.B1.defaults.bmc.timeout: must be longer than the 12s ipmitool takes to give up on a silent BMC with retries 2',
    ]);
  });

  it('reports at the host a combination the host itself made', () => {
    const text = withRacks(['  A3:', '    defaults:', '      bmc: { timeout: 5s }', '    hosts:', '      a3-01:', '        ssh: { address: 192.0.2.1 }', '        bmc: { address: 192.0.2.101, retries: 1 }'].join('\n'));
    expect(issuesOf(text)).toEqual([
      'inventory/test.yaml:13 racks.A3.hosts.a3-01.bmc.timeout: must be longer than the 6s ipmitool takes to give up on a silent BMC with retries 1',
    ]);
  });
});
