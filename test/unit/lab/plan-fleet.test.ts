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

describe('planFleet on the provider systems of rack P15', () => {
  it('marks backup01, backup02, staff01 and billing01 with their roles and leaves p15-01..06 rented hosts', () => {
    const hosts = plan().hosts.filter((h) => h.rack === 'P15');
    expect(hosts.map((h) => [h.name, h.role])).toEqual([
      ['p15-01', undefined], ['p15-02', undefined], ['p15-03', undefined], ['p15-04', undefined], ['p15-05', undefined], ['p15-06', undefined],
      ['backup01', 'backup'], ['backup02', 'backup'], ['staff01', 'staff'], ['billing01', 'billing'],
    ]);
  });

  it('gives backup01 its copies of p15-01..04 with their addresses and the names (not the values) of the repository passwords', () => {
    const backup01 = plan().hosts.find((h) => h.name === 'backup01')!;
    expect(backup01.backups).toEqual([
      { tool: 'bacula', host: 'p15-01', address: '127.10.15.1', scenario: 'provider-copy-bacula' },
      { tool: 'restic', host: 'p15-02', address: '127.10.15.2', scenario: 'provider-copy-restic', password: 'restic-main' },
      { tool: 'borg', host: 'p15-03', address: '127.10.15.3', scenario: 'provider-copy-borg', password: 'borg-main' },
      { tool: 'rsnapshot', host: 'p15-04', address: '127.10.15.4', scenario: 'provider-copy-rsnapshot' },
    ]);
    // The plan is hashed into pid records: no repository password may be in it.
    const planned = JSON.stringify(plan());
    for (const value of Object.values(secretsFile().systems!.backup01!)) expect(planned.includes(value)).toBe(false);
  });
});

describe('planFleet rejects backup copies', () => {
  const copies = (f: FleetFile) => f.scenarios['provider-backup-server']!.backups;

  it('of a host not in the fleet, of a provider system, and a second copy by the same tool', () => {
    expect(
      errorsOf((f) => {
        copies(f)[0] = { tool: 'bacula', host: 'p15-99' };
        copies(f)[3] = { tool: 'rsnapshot', host: 'staff01' };
        copies(f).push({ tool: 'restic', host: 'p15-06', password: 'restic-main' });
      }),
    ).toEqual([
      'backup01: bacula copy of p15-99: no such host in the fleet',
      'backup01: rsnapshot copy of staff01: staff01 is a provider system, not a rented host',
      'backup01: restic copy of p15-06: only one restic copy per server',
    ]);
  });

  it('whose repository password the secrets file lacks', () => {
    expect(
      errorsOf((f) => {
        copies(f)[1] = { tool: 'restic', host: 'p15-02', password: 'restic-other' };
      }),
    ).toEqual(['backup01: restic copy of p15-02: the secrets file has no systems.backup01.restic-other']);
  });

  it('on a host without a provider role', () => {
    expect(
      errorsOf((f) => {
        delete f.racks.P15!.hosts.backup01!.role;
      }),
    ).toEqual(['backup01: scenario provider-backup-server holds backups, so the host must have a provider role']);
  });
});
