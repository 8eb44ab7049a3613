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
});
