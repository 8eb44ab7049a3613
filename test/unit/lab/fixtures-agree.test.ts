import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventoryDisagreements } from '../../../lab/fleet/inventory-agreement.js';
import { planFleet } from '../../../lab/fleet/plan-fleet.js';
import { fleetFile, readYaml, REPO, secretsFile } from './lab-fixtures.js';

function fleet() {
  const result = planFleet(fleetFile(), secretsFile());
  if ('errors' in result) throw new Error(result.errors.join('\n'));
  return result.fleet;
}

function keyLine(rel: string): string {
  return readFileSync(join(REPO, rel), 'utf8').trim();
}

function fingerprint(line: string): string {
  const blob = Buffer.from(line.split(' ')[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

describe('inventory/lab.yaml and fixtures/lab/fleet.yaml', () => {
  it('agree on hosts, racks, addresses and login users', () => {
    expect(inventoryDisagreements(fleet(), readYaml('inventory/lab.yaml'))).toEqual([]);
  });

  it('disagreements are reported per host', () => {
    const inventory = readYaml('inventory/lab.yaml') as { racks: Record<string, { hosts: Record<string, { ssh: { address: string } }> }> };
    inventory.racks.A3!.hosts['a3-02']!.ssh.address = '127.10.3.9';
    delete inventory.racks.B1!.hosts['b1-02'];
    expect(inventoryDisagreements(fleet(), inventory)).toEqual([
      'a3-02: inventory ssh address is 127.10.3.9, fleet has 127.10.3.2',
      'b1-02: in the fleet but not in the inventory',
    ]);
  });

  it('list the provider systems under provider.systems with their roles, never in a rack, and rented hosts only in racks', () => {
    type Inventory = { provider: { systems: Record<string, { role: string; ssh: { address: string } }> }; racks: Record<string, { hosts: Record<string, unknown> }> };
    const moved = readYaml('inventory/lab.yaml') as Inventory;
    const backup02 = moved.provider.systems.backup02!;
    delete moved.provider.systems.backup02;
    moved.racks.P15!.hosts.backup02 = backup02;
    const p1506 = moved.racks.P15!.hosts['p15-06'];
    delete moved.racks.P15!.hosts['p15-06'];
    moved.provider.systems['p15-06'] = { role: 'backup', ...(p1506 as { ssh: { address: string } }) };
    moved.provider.systems.staff01!.role = 'billing';
    expect(inventoryDisagreements(fleet(), moved)).toEqual([
      'p15-06: a rented host belongs in rack P15, not under provider.systems',
      'backup02: a provider system (role backup) belongs under provider.systems, not in rack P15',
      'staff01: inventory role is billing, fleet has staff',
    ]);
    const unknown = readYaml('inventory/lab.yaml') as Inventory;
    unknown.provider.systems.nas01 = { role: 'storage', ssh: { address: '127.10.15.150' } };
    expect(inventoryDisagreements(fleet(), unknown)).toEqual(['nas01: in the inventory but not in the fleet']);
  });

  it('install the scanner key only where the inventory lets fleetcheck log in, and on k10-06, which must still refuse it', () => {
    const noKey = fleet().hosts.filter((h) => !h.ssh.scannerKey).map((h) => h.name);
    expect(noKey).toEqual(['k10-04', 'k10-05']);
    const inventory = readYaml('inventory/lab.yaml') as { racks: Record<string, { hosts: Record<string, { ssh: { access?: string } }> }> };
    const none = Object.values(inventory.racks).flatMap((r) => Object.entries(r.hosts).filter(([, h]) => h.ssh.access === 'none').map(([n]) => n));
    expect(none).toEqual(['k10-04', 'k10-05', 'k10-06']);
    delete inventory.racks.K10!.hosts['k10-04']!.ssh.access;
    expect(inventoryDisagreements(fleet(), inventory)).toEqual(['k10-04: the fleet installs no scanner key, so the inventory must say ssh.access: none (it says login)']);
  });

  it('list the provider keys of fixtures/lab/keys, one as a key line and one by fingerprint', () => {
    const provider = (readYaml('inventory/lab.yaml') as { provider: { sshKeys: string[] } }).provider.sshKeys;
    expect(provider).toContain(keyLine('fixtures/lab/keys/provider-ops.pub'));
    expect(provider).toContain(fingerprint(keyLine('fixtures/lab/keys/provider-install.pub')));
    expect(provider.join('\n')).not.toContain(keyLine('fixtures/lab/keys/customer-alice.pub').split(' ')[1]);
  });

  it('have a definition for every scenario directory', () => {
    const defined = Object.keys(fleetFile().scenarios);
    for (const dir of readdirSync(join(REPO, 'fixtures/lab/scenarios'))) expect(defined).toContain(dir);
  });

  it('keep each initial BMC password distinct', () => {
    const passwords = Object.values(secretsFile().hosts).flatMap((h) => h.bmc?.accounts.map((a) => a.password) ?? []);
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
