import { describe, expect, it } from 'vitest';
import type { FleetFile } from '../../../lab/fleet/fleet-schema.js';
import { bmcGuid, type LabFleet, planFleet } from '../../../lab/fleet/plan-fleet.js';
import { fleetFile, secretsFile } from './lab-fixtures.js';

function plan(file: FleetFile = fleetFile()): LabFleet {
  const result = planFleet(file, secretsFile());
  if ('errors' in result) throw new Error(result.errors.join('\n'));
  return result.fleet;
}

function errorsOf(mutate: (file: FleetFile) => void): string[] {
  const file = fleetFile();
  mutate(file);
  const result = planFleet(file, secretsFile());
  return 'errors' in result ? result.errors : [];
}

describe('planFleet on the committed fleet', () => {
  it('has the eight hosts of racks A3 and B1 on the fixed address plan', () => {
    const hosts = plan().hosts.filter((h) => h.rack === 'A3' || h.rack === 'B1');
    expect(hosts.map((h) => h.name)).toEqual(['a3-01', 'a3-02', 'a3-03', 'a3-04', 'a3-05', 'a3-06', 'b1-01', 'b1-02']);
    for (const h of hosts) {
      const n = h.name.slice(-1);
      expect(h.ssh).toMatchObject({ address: `127.10.${h.rackNumber}.${n}`, port: 22 });
      expect(h.bmc).toMatchObject({ address: `127.11.${h.rackNumber}.${n}`, port: 623 });
    }
  });

  it('gives a3-04 a customer password and every other simulated BMC its initial one', () => {
    const hosts = plan().hosts;
    const a304 = hosts.find((h) => h.name === 'a3-04')?.bmc?.users[0];
    expect(a304).toMatchObject({ name: 'ADMIN', initial: false });
    const stored = JSON.stringify(secretsFile());
    expect(stored).not.toContain(a304?.password);
    for (const h of hosts.filter((x) => x.name !== 'a3-04' && x.bmc)) expect(h.bmc?.users[0]?.initial).toBe(true);
  });

  it('keeps a3-05 silent and scans a3-06 as audit', () => {
    const hosts = plan().hosts;
    expect(hosts.find((h) => h.name === 'a3-05')?.bmc?.simulated).toBe(false);
    expect(hosts.find((h) => h.name === 'a3-06')?.ssh.user).toBe('audit');
  });

  it('gives each F6 host a Redfish simulator on 127.14.6.<n> with the stored accounts and its scenario', () => {
    const hosts = plan().hosts.filter((h) => h.rack === 'F6');
    expect(hosts.map((h) => [h.name, h.redfish?.address, h.bmc])).toEqual([1, 2, 3, 4, 5].map((n) => [`f6-0${n}`, `127.14.6.${n}`, undefined]));
    const f602 = hosts.find((h) => h.name === 'f6-02')!.redfish!.config;
    expect(JSON.stringify(secretsFile())).not.toContain(f602.bios.adminPassword);
    expect(hosts.find((h) => h.name === 'f6-03')!.redfish!.config.accounts.map((a) => a.userName)).toEqual(['ADMIN', 'support']);
    expect(hosts.find((h) => h.name === 'f6-04')!.redfish!.config.bios.changePassword).toBe('absent');
  });

  it('serves a real vendor capture per G7 host, with the stored accounts named as in the capture', () => {
    const hosts = plan().hosts.filter((h) => h.rack === 'G7');
    expect(hosts.map((h) => [h.name, h.redfish?.config.capture])).toEqual([
      ['g7-01', 'dell'], ['g7-02', 'dell'], ['g7-03', 'hpe'], ['g7-04', 'hpe'],
      ['g7-05', 'lenovo'], ['g7-06', 'lenovo'], ['g7-07', 'supermicro'], ['g7-08', 'supermicro'],
    ]);
    const g702 = hosts.find((h) => h.name === 'g7-02')!.redfish!.config;
    expect(g702.accounts).toEqual([
      expect.objectContaining({ userName: 'root', roleId: 'Administrator' }),
      expect.objectContaining({ userName: 'tests_admin', roleId: 'Administrator' }),
      expect.objectContaining({ id: '5', userName: 'support', roleId: 'Administrator' }),
    ]);
    expect(g702.accounts[0]).not.toHaveProperty('id');
    expect(g702.bios.pending).toEqual({ BootMode: 'Bios' });
    expect(JSON.stringify(secretsFile())).not.toContain(g702.bios.adminPassword);
    // The simulator's own tree presents itself as an OpenBMC on the F6 hosts.
    expect(plan().hosts.find((h) => h.name === 'f6-01')!.redfish!.config.vendor).toBe('openbmc');
  });

  it('derives distinct, well-formed v4 GUIDs', () => {
    const guids = plan().hosts.flatMap((h) => (h.bmc ? [h.bmc.guid] : []));
    expect(new Set(guids).size).toBe(guids.length);
    for (const g of guids) expect(g).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(bmcGuid('a3-01')).toBe(bmcGuid('a3-01'));
  });
});

describe('planFleet rejects', () => {
  it('an ssh address off the plan', () => {
    expect(errorsOf((f) => { f.racks.A3!.hosts['a3-01']!.ssh.address = '127.10.9.1'; })).toEqual([
      expect.stringContaining('outside the plan 127.10.3'),
    ]);
  });

  it('a BMC whose <n> differs from its host', () => {
    expect(errorsOf((f) => { f.racks.A3!.hosts['a3-01']!.bmc!.address = '127.11.3.9'; })).toEqual([
      expect.stringContaining('should be 127.11.3.1'),
    ]);
  });

  it('an address used twice', () => {
    expect(errorsOf((f) => { f.racks.A3!.hosts['a3-02']!.ssh.address = '127.10.3.1'; })).toContainEqual(
      expect.stringContaining('already used by a3-01'),
    );
  });

  it('an unknown scenario and an ssh user the scenario does not create', () => {
    expect(errorsOf((f) => { f.racks.B1!.hosts['b1-01']!.scenario = 'nope'; })).toEqual([expect.stringContaining('unknown scenario')]);
    expect(errorsOf((f) => { f.racks.B1!.hosts['b1-01']!.ssh.user = 'audit'; })).toEqual([
      expect.stringContaining('neither root nor an account'),
    ]);
  });

  it('a "changed" BMC password equal to the stored one', () => {
    expect(
      errorsOf((f) => {
        f.racks.A3!.hosts['a3-04']!.bmc!.users = [{ id: 2, name: 'ADMIN', privilege: 'admin', password: 'Ini7-a3-04-Hv2n' }];
      }),
    ).toEqual([expect.stringContaining('equals the stored one')]);
  });

  it('a BMC user with no password anywhere', () => {
    expect(
      errorsOf((f) => {
        f.racks.A3!.hosts['a3-01']!.bmc!.users = [{ id: 3, name: 'OPERATOR', privilege: 'operator' }];
      }),
    ).toEqual([expect.stringContaining('OPERATOR has no password')]);
  });
});
