import { describe, expect, it } from 'vitest';
import { hostIdentities, namedIdentity } from '../../../../src/checks/backup/host-names.js';
import { testHost } from '../../support/hosts.js';

describe('hostIdentities', () => {
  it('lists each name once, lowercased, in inventory order', () => {
    const host = testHost({ name: 'P15-01', aliases: ['p15-01', 'P15-01.Customer.Example', '10.0.15.1'], ssh: { ...testHost().ssh, address: '10.0.15.1' } });
    expect(hostIdentities(host)).toEqual(['p15-01', 'p15-01.customer.example', '10.0.15.1']);
  });

  // An empty identity is found at the start of any text: every holding on a provider system would be this host's.
  it('never takes an empty name as an identity', () => {
    const ids = hostIdentities(testHost({ aliases: [''] }));
    expect(ids).toEqual(['a3-01', '127.0.0.1']);
    expect(namedIdentity('/srv/restic/other-host', ids)).toBeUndefined();
  });
});
