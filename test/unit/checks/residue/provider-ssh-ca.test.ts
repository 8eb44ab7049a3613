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

describe('residue.provider-ssh-ca: counts and evidence', () => {
  const keysFile = (keys: Array<{ line: number; key: ReturnType<typeof key> }>, user = 'root') => ({ path: user === 'root' ? '/root/.ssh/authorized_keys' : `/home/${user}/.ssh/authorized_keys`, user, state: 'read' as const, truncated: false, unparsedLines: [], unparsedCount: 0, keys });
  const caFile = (keys: Array<{ line: number; key: ReturnType<typeof key> }>) => ({ path: '/etc/ssh/ca.pub', state: 'read' as const, truncated: false, unparsedLines: [], unparsedCount: 0, keys });

  it('counts every trusted CA, in TrustedUserCAKeys and on cert-authority lines, and nothing else', () => {
    const fact = keysFact({
      trustedCaFiles: [caFile([{ line: 1, key: key(OTHER_FP) }])],
      // The provider's plain login key is residue.provider-ssh-key's concern, not a CA.
      files: [keysFile([{ line: 1, key: key(OTHER_FP, ['cert-authority', 'principals="ops"']) }, { line: 2, key: key(PROVIDER_FP) }])],
    });
    expect(judge(fact)).toEqual({ status: 'pass', message: 'no provider CA among 2 trusted CA key(s)', evidence: [] });
  });

  it('names a provider CA labelled only by its fingerprint once, and who it lets in', () => {
    const out = providerSshCa.evaluate(
      { 'ssh.authorized-keys': keysFact({ files: [{ ...keysFile([{ line: 4, key: key(PROVIDER_FP, ['cert-authority']) }]), path: '/etc/ssh/authorized_keys', user: '*' }] }) },
      testContext({ provider: testProvider({ [PROVIDER_FP]: PROVIDER_FP }) }),
    );
    expect(out).toEqual({
      status: 'fail',
      message: '1 provider CA trust(s) left',
      evidence: [{ source: '/etc/ssh/authorized_keys:4', detail: `cert-authority line trusts provider CA ${PROVIDER_FP} for any account` }],
    });
  });

  it('shows the first five principals of each principals file read, and what could not be read last', () => {
    const fact = keysFact({
      config: [{ path: '/etc/ssh/sshd_config', state: 'read' }, { path: '/etc/ssh/sshd_config.d/50-cloud.conf', state: 'unreadable' }],
      trustedCaFiles: [caFile([{ line: 2, key: key(PROVIDER_FP) }])],
      principalsFiles: [
        { path: '/etc/ssh/principals/root', user: 'root', state: 'read', truncated: false, principals: ['ops', 'oncall', 'backup', 'dba', 'net', 'audit'].map((name, i) => ({ line: i + 1, name })) },
        { path: '/etc/ssh/principals/alice', user: 'alice', state: 'read', truncated: false, principals: [] },
        { path: '/etc/ssh/principals/bob', user: 'bob', state: 'unreadable', truncated: false, principals: [] },
      ],
    });
    expect(judge(fact)).toEqual({
      status: 'fail',
      message: '1 provider CA trust(s) left',
      evidence: [
        { source: '/etc/ssh/ca.pub:2', detail: `TrustedUserCAKeys trusts provider CA ca@provider (${PROVIDER_FP}) for every account` },
        { source: '/etc/ssh/principals/root', detail: 'AuthorizedPrincipalsFile for root: ops, oncall, backup, dba, net' },
        { source: '/etc/ssh/sshd_config.d/50-cloud.conf', detail: 'sshd config file cannot be read: TrustedUserCAKeys unknown' },
      ],
    });
  });
});
