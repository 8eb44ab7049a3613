import { describe, expect, it } from 'vitest';
import { parseRetention } from '../../../src/inventory/retention.js';
import { inventoryOf, issuesOf, withRacks } from './support/inventory-text.js';

const oneHost = withRacks(['  A3:', '    hosts:', '      a3-01:', '        ssh: { address: 192.0.2.1 }'].join('\n'));

describe('provider.retention', () => {
  it('reads days and months', () => {
    expect(parseRetention('90d')).toEqual({ ok: true, value: { amount: 90, unit: 'days' } });
    expect(parseRetention('3mo')).toEqual({ ok: true, value: { amount: 3, unit: 'months' } });
    expect(parseRetention('3m').ok).toBe(false);
    expect(parseRetention(90).ok).toBe(false);
    expect(parseRetention('0d').ok).toBe(false);
  });

  it('is left unset (the checks default to three months) unless written', () => {
    expect(inventoryOf(oneHost).provider.retention).toBeUndefined();
    expect(inventoryOf(oneHost.replace('provider: {}', 'provider: { retention: 6mo }')).provider.retention).toEqual({ amount: 6, unit: 'months' });
  });

  it('reports a bad value with file and line', () => {
    expect(issuesOf(oneHost.replace('provider: {}', 'provider: { retention: 3 months }'))).toEqual([
      'inventory/test.yaml:5 provider.retention: expected a retention like "90d" or "3mo"',
    ]);
  });
});
