import { describe, expect, it } from 'vitest';
import { providerAgent, providerBackup, providerReferences } from '../../../../src/checks/backup/provider-reference.js';
import type { NameResolutionFact } from '../../../../src/facts/name-resolution.js';
import { testProvider } from '../../support/hosts.js';

const provider = testProvider();
provider.backup = {
  hosts: ['Backup01.Provider.example', '2001:db8::b4c'],
  cidrs: ['10.250.0.0/16', 'fd00:250::/32'],
  domains: ['.Backup.Provider.example'],
  agents: ['Veeam-Agent'],
};

describe('providerReferences', () => {
  it.each([
    ['Address = BACKUP01.provider.example', ['provider backup host backup01.provider.example']],
    ['repository: sftp:restic@backup.provider.example:/srv/restic', ['backup.provider.example in provider backup domain backup.provider.example']],
    ['BORG_REPO=ssh://borg@repo7.backup.provider.example/./s13', ['repo7.backup.provider.example in provider backup domain backup.provider.example']],
    ['server = 10.250.0.9', ['10.250.0.9 in a provider backup network']],
    ['rsync -a /srv/ [fd00:250::9]:/backups/', ['fd00:250::9 in a provider backup network']],
    ['rsync -a /srv/ 192.168.1.5:/backups/ ; ping 300.250.0.1 ; nc fd00:251::9 9000', []],
    ['Address = nas.customer.example', []],
  ])('%s', (text, refs) => {
    expect(providerReferences(text, providerBackup(provider))).toEqual(refs);
  });

  it('counts a name the host resolves into a provider network or to a provider host', () => {
    const resolution: NameResolutionFact = {
      names: [
        { name: 'nas.customer.example', outcome: 'resolved', addresses: ['10.250.0.9'] },
        { name: 'v6.customer.example', outcome: 'resolved', addresses: ['fd00:250::7'] },
        { name: 'offsite.customer.example', outcome: 'resolved', addresses: ['2001:db8::b4c'] },
        { name: 'web.customer.example', outcome: 'resolved', addresses: ['192.0.2.80'] },
        { name: 'gone.customer.example', outcome: 'unknown', addresses: [] },
      ],
      notAsked: [],
    };
    const text = 'rsync -a /srv/ nas.customer.example:/b/ v6.customer.example:/b/ offsite.customer.example:/b/ web.customer.example:/b/ gone.customer.example:/b/';
    expect(providerReferences(text, providerBackup(provider, resolution))).toEqual([
      'nas.customer.example resolved on the host to 10.250.0.9, in a provider backup network',
      'v6.customer.example resolved on the host to fd00:250::7, in a provider backup network',
      'offsite.customer.example resolved on the host to 2001:db8::b4c, provider backup host',
    ]);
    expect(providerReferences(text, providerBackup(provider))).toEqual([]);
  });
});

describe('providerAgent', () => {
  it('finds a declared agent among a product\'s names, ignoring case', () => {
    const backup = providerBackup(provider);
    expect(providerAgent(['veeam-agent', 'veeam'], backup)).toBe('veeam-agent');
    expect(providerAgent(['burp', 'burp-client'], backup)).toBeUndefined();
  });
});
