import { describe, expect, it } from 'vitest';
import { inventoryOf, issuesOf } from './support/inventory-text.js';

const RACKS = ['racks:', '  A3:', '    hosts:', '      a3-01: { ssh: { address: 192.0.2.1 } }'];
const doc = (extra: string[]) => ['version: 1', 'defaults:', '  ssh: { knownHosts: known_hosts }', 'secrets: { file: s.yaml }', 'provider: {}', ...extra, ...RACKS].join('\n');

describe('inventory reports:', () => {
  it('is absent unless written', () => {
    expect(inventoryOf(doc([])).reports).toBeUndefined();
  });

  it('resolves reports.dir against the inventory directory', () => {
    expect(inventoryOf(doc(['reports: { dir: ../reports }'])).reports).toEqual({ dir: '/srv/fleet/reports' });
    expect(inventoryOf(doc(['reports:', '  dir: /var/lib/fleetcheck/reports'])).reports).toEqual({ dir: '/var/lib/fleetcheck/reports' });
  });

  it('names file and line for a bad or misspelt setting', () => {
    expect(issuesOf(doc(['reports: { dir: 42 }']))[0]).toMatch(/^inventory\/test\.yaml:6 reports\.dir: expected a file path/);
    expect(issuesOf(doc(['reports:', '  dri: x']))[0]).toMatch(/^inventory\/test\.yaml:7 reports\.dri: unknown field `dri`, did you mean `dir`\?/);
    expect(issuesOf(doc(['reports: {}']))[0]).toMatch(/^inventory\/test\.yaml:6 reports\.dir: /);
  });
});
