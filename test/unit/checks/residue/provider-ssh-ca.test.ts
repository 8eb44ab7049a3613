import { describe, expect, it } from 'vitest';
import { providerSshCa } from '../../../../src/checks/residue/provider-ssh-ca.js';
import type { AuthorizedKeysFact } from '../../../../src/facts/authorized-keys.js';
import { testContext, testProvider } from '../../support/hosts.js';
import { OTHER_FP, PROVIDER_FP, key, keysFact } from './fact-builders.js';

const judge = (fact: AuthorizedKeysFact) =>
  providerSshCa.evaluate({ 'ssh.authorized-keys': fact }, testContext({ provider: testProvider({ 'ca@provider': PROVIDER_FP }) }));

describe('residue.provider-ssh-ca', () => {
  it('passes with only the customer CA trusted', () => {
    const fact = keysFact({ trustedCaFiles: [{ path: '/etc/ssh/ca.pub', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 1, key: key(OTHER_FP) }] }] });
    expect(judge(fact)).toMatchObject({ status: 'pass', message: 'no provider CA among 1 trusted CA key(s)' });
  });

  it('fails on a provider CA in TrustedUserCAKeys and shows the principals files', () => {
    const fact = keysFact({
      trustedCaFiles: [{ path: '/etc/ssh/ca.pub', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 2, key: key(PROVIDER_FP) }] }],
      principalsFiles: [{ path: '/etc/ssh/principals/root', user: 'root', state: 'read', truncated: false, principals: [{ line: 1, name: 'ops' }] }],
    });
    const out = judge(fact);
    expect(out.status).toBe('fail');
    expect(out.evidence.map((e) => e.source)).toEqual(['/etc/ssh/ca.pub:2', '/etc/ssh/principals/root']);
  });

  it('fails on a cert-authority line with a provider key', () => {
    const fact = keysFact({ files: [{ path: '/root/.ssh/authorized_keys', user: 'root', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 3, key: key(PROVIDER_FP, ['cert-authority']) }] }] });
    expect(judge(fact).evidence[0]).toEqual({ source: '/root/.ssh/authorized_keys:3', detail: `cert-authority line trusts provider CA ca@provider (${PROVIDER_FP}) for root` });
  });

  it('is an error when the CA file cannot be read', () => {
    expect(judge(keysFact({ trustedCaFiles: [{ path: '/etc/ssh/ca.pub', state: 'unreadable', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [] }] })).status).toBe('error');
  });

  it('is an error, not a pass, when an authorized_keys file was cut at the read limit', () => {
    const cut = { path: '/root/.ssh/authorized_keys', user: 'root', state: 'read' as const, truncated: true, unparsedLines: [], unparsedCount: 0, keys: [{ line: 1, key: key(OTHER_FP) }] };
    expect(judge(keysFact({ files: [cut] }))).toMatchObject({ status: 'error', evidence: [{ source: '/root/.ssh/authorized_keys', detail: expect.stringMatching(/too large/) }] });
  });
});

