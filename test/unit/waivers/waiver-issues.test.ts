// A waiver whose check pattern matches no check would waive nothing without a word: it is an
// inventory problem at its line. One character off either way is enough to match nothing.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/catalogue.js';
import { unknownWaiverChecks } from '../../../src/waivers/waiver-issues.js';
import { inventoryOf } from '../inventory/support/inventory-text.js';

const IDS = ALL_CHECKS.map((c) => c.id);
const RACKS = ['racks:', '  A3:', '    hosts:', '      a3-01: { ssh: { address: 192.0.2.1 } }'];
/** An inventory whose waivers (from line 7) have the given check patterns, one per line. */
const withWaivers = (...checks: string[]) =>
  inventoryOf(
    [
      'version: 1',
      'defaults:',
      '  ssh: { knownHosts: known_hosts }',
      'secrets: { file: s.yaml }',
      'provider: {}',
      'waivers:',
      ...checks.map((check) => `  - { check: "${check}", hosts: [a3-01], reason: lab, expires: 2027-01-01 }`),
      ...RACKS,
    ].join('\n'),
  );
const issues = (...checks: string[]) => unknownWaiverChecks(withWaivers(...checks), IDS);

describe('unknownWaiverChecks', () => {
  it('takes a waiver naming a check exactly, or by a pattern that matches one', () => {
    expect(IDS).toContain('bmc.cipher-zero');
    expect(issues('bmc.cipher-zero', 'bmc.*', 'bmc.cipher-*', '*')).toEqual([]);
  });

  it('reports, at its line, a waiver one character short of a check or one too long', () => {
    const message = `matches no check; known checks: ${IDS.join(', ')}`;
    expect(issues('bmc.cipher-zero', 'bmc.cipher-zer', 'bmc.cipher-zeroo', 'bmc.cipher-zero.*')).toEqual([
      { file: 'inventory/test.yaml', line: 8, path: 'waivers.1.check', message },
      { file: 'inventory/test.yaml', line: 9, path: 'waivers.2.check', message },
      { file: 'inventory/test.yaml', line: 10, path: 'waivers.3.check', message },
    ]);
  });
});
