import { describe, expect, it } from 'vitest';
import { inventoryOf, issuesOf } from './support/inventory-text.js';

const inventory = (defaultsSsh: string, hostSsh: string) =>
  [
    'version: 1',
    'defaults:',
    `  ssh: { knownHosts: known_hosts${defaultsSsh} }`,
    'secrets: { file: secrets.yaml }',
    'provider: {}',
    'racks:',
    '  A3:',
    '    defaults:',
    '      ssh: { probeAccounts: [deploy] }',
    '    hosts:',
    '      a3-01:',
    `        ssh: { address: 192.0.2.1${hostSsh} }`,
    '      a3-02:',
    '        ssh: { address: 192.0.2.2 }',
  ].join('\n');

describe('ssh.access and ssh.probeAccounts', () => {
  it('defaults to login, inherits like every ssh setting, and records the fleet default', () => {
    const inv = inventoryOf(inventory('', ', access: none, probeAccounts: [admin, admin]'));
    expect(inv.hosts.map((h) => [h.name, h.ssh.access, h.ssh.probeAccounts])).toEqual([
      ['a3-01', 'none', ['admin']],
      ['a3-02', 'login', ['deploy']],
    ]);
    expect(inv.defaultAccess).toEqual({ access: 'login', user: 'root' });
  });

  it('takes a fleet-wide none from the top-level defaults', () => {
    const inv = inventoryOf(inventory(', access: none, user: audit', ', access: login'));
    expect(inv.hosts.map((h) => h.ssh.access)).toEqual(['login', 'none']);
    expect(inv.defaultAccess).toEqual({ access: 'none', user: 'audit' });
  });

  it('names the place of a wrong value', () => {
    expect(issuesOf(inventory('', ', access: ssh'))).toEqual(['inventory/test.yaml:12 racks.A3.hosts.a3-01.ssh.access: expected `login` or `none`']);
    expect(issuesOf(inventory('', ', probeAccounts: ["bad name"]'))[0]).toMatch(/^inventory\/test\.yaml:12 racks\.A3\.hosts\.a3-01\.ssh\.probeAccounts\.0: expected a user name/);
  });
});
