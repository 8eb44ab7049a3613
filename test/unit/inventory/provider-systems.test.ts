// provider.systems and host aliases: resolved like hosts, every problem at its line.
import { describe, expect, it } from 'vitest';
import { inventoryOf, issuesOf, withRacks } from './support/inventory-text.js';

const racks = ['  P15:', '    hosts:', '      p15-01:', '        ssh: { address: 192.0.2.1 }', '        aliases: [p15-01.customer.example, 198.51.100.1]'].join('\n');
const withSystems = (systems: string[]): string =>
  withRacks(racks).replace('provider: {}', ['provider:', '  systems:', ...systems.map((l) => `    ${l}`)].join('\n'));

describe('provider.systems', () => {
  it('resolves each system\'s ssh from the top-level defaults and keeps where to look', () => {
    const inv = inventoryOf(
      withSystems([
        'backup01:',
        '  role: backup',
        '  ssh: { address: 192.0.2.250, user: audit }',
        '  bacula: { config: /etc/bacula/bacula-dir.conf, catalog: /var/lib/bacula/bacula.db }',
        '  restic: [{ repository: /srv/restic/main, password: backup01/restic-main }]',
        '  borg: [{ repository: /srv/borg/main, passphrase: backup01/borg-main }, { repository: /srv/borg/plain }]',
        '  trees: [/srv/rsync]',
        'staff01: { role: staff, ssh: { address: 192.0.2.251 }, files: [/srv/tickets] }',
      ]),
    );
    const [backup01, staff01] = inv.provider.systems;
    expect(backup01).toMatchObject({
      name: 'backup01',
      role: 'backup',
      ssh: { address: '192.0.2.250', port: 22, user: 'audit', knownHosts: '/srv/fleet/inventory/known_hosts', access: 'login' },
      bacula: { config: '/etc/bacula/bacula-dir.conf', catalog: '/var/lib/bacula/bacula.db' },
      restic: [{ repository: '/srv/restic/main', password: { system: 'backup01', name: 'restic-main' } }],
      borg: [{ repository: '/srv/borg/main', password: { system: 'backup01', name: 'borg-main' } }, { repository: '/srv/borg/plain' }],
      trees: ['/srv/rsync'],
      snapshotRoots: [],
    });
    expect(staff01).toMatchObject({ name: 'staff01', role: 'staff', files: ['/srv/tickets'], restic: [], borg: [] });
    expect(inv.hosts[0]!.aliases).toEqual(['p15-01.customer.example', '198.51.100.1']);
  });

  it('is empty when the inventory names none, and a host without aliases has none', () => {
    const inv = inventoryOf(withRacks(['  A3:', '    hosts:', '      a3-01:', '        ssh: { address: 192.0.2.1 }'].join('\n')));
    expect(inv.provider.systems).toEqual([]);
    expect(inv.hosts[0]!.aliases).toEqual([]);
  });

  it('reports bad systems at their line, and a password written in place of a store reference', () => {
    expect(
      issuesOf(
        withSystems([
          'backup01:',
          '  role: Backup',
          '  ssh: { address: 192.0.2.250, access: none }',
          '  restic: [{ repository: /srv/restic/main, password: "hunter2" }]',
          '  trees: [relative/path]',
          '  colour: red',
        ]),
      ),
    ).toEqual([
      'inventory/test.yaml:8 provider.systems.backup01.role: expected a role: backup, storage, billing, staff or another name',
      'inventory/test.yaml:9 provider.systems.backup01.ssh.access: a provider system is always logged in to; remove ssh.access',
      'inventory/test.yaml:10 provider.systems.backup01.restic.0.password: expected a store reference SYSTEM/NAME like backup01/restic-main (the password itself goes into the secret store)',
      'inventory/test.yaml:11 provider.systems.backup01.trees.0: expected an absolute path',
      expect.stringMatching(/^inventory\/test\.yaml:12 provider\.systems\.backup01\.colour: unknown field `colour`/),
    ]);
    expect(issuesOf(withSystems(['backup01: { role: backup }']))).toEqual([expect.stringMatching(/^inventory\/test\.yaml:7 provider\.systems\.backup01\.ssh: /)]);
  });

  it('reports a bad alias at its line', () => {
    expect(issuesOf(withRacks(racks.replace('198.51.100.1', '"bad alias"')))).toEqual([
      'inventory/test.yaml:11 racks.P15.hosts.p15-01.aliases.1: expected a name or address the host is known by',
    ]);
  });
});
