import { describe, expect, it } from 'vitest';
import { inventoryOf, issuesOf } from './support/inventory-text.js';

const RACKS = ['racks:', '  A3:', '    hosts:', '      a3-01: { ssh: { address: 192.0.2.1 } }'];
const doc = (secrets: string[], extra: string[] = []) =>
  ['version: 1', 'defaults:', '  ssh: { knownHosts: known_hosts }', ...secrets, 'provider: {}', ...extra, ...RACKS].join('\n');

describe('inventory secrets: and waivers:', () => {
  it('reads an age store with a file identity (paths resolved) or an env identity', () => {
    const inv = inventoryOf(doc(['secrets:', '  age: { file: s.age, identity: { file: id.txt } }']));
    expect(inv.secrets).toEqual({ kind: 'age', path: '/srv/fleet/inventory/s.age', identity: { kind: 'file', path: '/srv/fleet/inventory/id.txt' }, recipients: [] });
    expect(inventoryOf(doc(['secrets:', '  age: { file: s.age, identity: { env: FC_AGE } }'])).secrets).toMatchObject({ identity: { kind: 'env', name: 'FC_AGE' } });
  });

  it('reads pass and command stores with default deadlines', () => {
    expect(inventoryOf(doc(['secrets:', '  pass: { prefix: fleet/hosts }'])).secrets).toEqual({ kind: 'pass', prefix: 'fleet/hosts', timeoutMs: 10_000 });
    expect(inventoryOf(doc(['secrets:', '  command: { run: [/usr/local/bin/h, kv], timeout: 3s }'])).secrets).toEqual({ kind: 'command', run: ['/usr/local/bin/h', 'kv'], timeoutMs: 3000 });
  });

  it('names file and line for a bad identity, two stores, or a bad recipient', () => {
    expect(issuesOf(doc(['secrets:', '  age: { file: s.age, identity: { file: a, env: B } }']))).toEqual([
      'inventory/test.yaml:5 secrets.age.identity: expected exactly one of `file:` (an identity file) or `env:` (a variable holding the identity)',
    ]);
    expect(issuesOf(doc(['secrets:', '  file: a.yaml', '  pass: { prefix: x }']))[0]).toMatch(/^inventory\/test.yaml:4 secrets: expected exactly one secret store/);
    expect(issuesOf(doc(['secrets:', '  age: { file: s.age, identity: { env: X }, recipients: [nope] }']))[0]).toMatch(/^inventory\/test.yaml:5 secrets\.age\.recipients\.0: expected an age recipient/);
  });

  it('reads waivers and rejects one without scope or whose scope matches nothing, at its line', () => {
    const w = ['waivers:', '  - { check: "bmc.*", racks: [A3], reason: lab, expires: 2027-01-01 }'];
    expect(inventoryOf(doc(['secrets: { file: s.yaml }'], w)).waivers).toEqual([{ check: 'bmc.*', hosts: [], racks: ['A3'], reason: 'lab', expires: '2027-01-01', path: 'waivers.0' }]);
    expect(issuesOf(doc(['secrets: { file: s.yaml }'], ['waivers:', '  - { check: bmc.users, reason: x, expires: 2027-01-01 }']))[0]).toMatch(/^inventory\/test.yaml:7 waivers\.0: a waiver must name the hosts or racks/);
    expect(issuesOf(doc(['secrets: { file: s.yaml }'], ['waivers:', '  - { check: bmc.users, hosts: [zz-*], reason: x, expires: 2027-01-01 }']))).toEqual([
      'inventory/test.yaml:7 waivers.0.hosts.0: matches no host of the inventory',
    ]);
    expect(issuesOf(doc(['secrets: { file: s.yaml }'], ['waivers:', '  - { check: bmc.users, hosts: ["*"], reason: x, expires: 2027-13-01 }']))[0]).toMatch(/waivers\.0\.expires: expected a date/);
  });
});
