import { describe, expect, it } from 'vitest';
import { providerAccount } from '../../../../src/checks/residue/provider-account.js';
import type { AccountsFact } from '../../../../src/facts/accounts.js';
import type { AuthorizedKeysFact } from '../../../../src/facts/authorized-keys.js';
import { testContext, testProvider } from '../../support/hosts.js';
import { OTHER_FP, accountsFact, key, keysFact } from './fact-builders.js';

const provops = { name: 'provops', uid: 1010, gid: 1010, home: '/home/provops', shell: '/bin/bash' };
const withProvops = (overrides: Partial<AccountsFact> = {}) =>
  accountsFact({
    passwd: [{ name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' }, provops],
    passwords: new Map([['root', 'locked'], ['provops', 'locked']]),
    groups: new Map([['provops', { gid: 1010, members: ['provops'] }]]),
    ...overrides,
  });
const judge = (accounts: AccountsFact, keys: AuthorizedKeysFact = keysFact()) =>
  providerAccount.evaluate({ 'ssh.accounts': accounts, 'ssh.authorized-keys': keys }, testContext({ provider: { ...testProvider(), accounts: ['provops'] } }));

describe('residue.provider-account', () => {
  it('passes when no provider account exists', () => {
    expect(judge(accountsFact())).toMatchObject({ status: 'pass' });
  });

  it('warns when the account is present but locked, keyless and unprivileged', () => {
    expect(judge(withProvops()).status).toBe('warn');
  });

  it('fails with a password, a key, a sudoers entry, an admin group or a process, one evidence each', () => {
    const accounts = withProvops({
      passwords: new Map([['provops', 'set']]),
      sudoers: [{ file: '/etc/sudoers.d/90-provops', line: 2, text: 'provops ALL=(ALL) NOPASSWD: ALL' }],
      groups: new Map([['sudo', { gid: 27, members: ['provops'] }]]),
      processesByUid: new Map([[1010, 2]]),
    });
    const keys = keysFact({ files: [{ path: '/home/provops/.ssh/authorized_keys', user: 'provops', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 1, key: key(OTHER_FP) }] }] });
    const out = judge(accounts, keys);
    expect(out.status).toBe('fail');
    expect(out.evidence.map((e) => e.source)).toEqual(['/etc/shadow', '/home/provops/.ssh/authorized_keys', '/etc/sudoers.d/90-provops:2', '/etc/group', '/proc']);
    expect(JSON.stringify(out)).not.toMatch(/\$6\$/);
  });

  it('finds sudo rights granted through a group or a User_Alias', () => {
    const viaGroup = withProvops({ groups: new Map([['ops', { gid: 50, members: ['provops'] }]]), sudoers: [{ file: '/etc/sudoers', line: 30, text: '%ops ALL=(ALL) ALL' }] });
    expect(judge(viaGroup).status).toBe('fail');
    const viaAlias = withProvops({ sudoers: [{ file: '/etc/sudoers', line: 5, text: 'User_Alias OPS = alice, provops' }] });
    expect(judge(viaAlias).status).toBe('fail');
  });

  it('is an error, not a warn, when shadow could not be read for a present account', () => {
    const accounts = withProvops();
    delete accounts.passwords;
    expect(judge(accounts).status).toBe('error');
  });

  it.each([
    ['a uid', '#1010 ALL=(ALL) NOPASSWD: ALL'],
    ['a list holding a uid', 'alice, #1010 ALL=(ALL) ALL'],
    ['everyone', 'ALL ALL=(ALL) NOPASSWD: ALL'],
    ['a group by gid', '%#1010 ALL=(ALL) ALL'],
  ])('finds sudo rights granted to %s', (_, text) => {
    const out = judge(withProvops({ sudoers: [{ file: '/opt/sudo/extra', line: 1, text }] }));
    expect(out).toMatchObject({ status: 'fail', evidence: [{ source: '/opt/sudo/extra:1' }] });
  });

  it('fails on a hash or an empty field in /etc/passwd, which overrides a locked shadow entry', () => {
    for (const password of ['set', 'empty'] as const) {
      const out = judge(withProvops({ passwd: [{ name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' }, { ...provops, password }] }));
      expect(out).toMatchObject({ status: 'fail', evidence: [{ source: '/etc/passwd' }] });
      expect(JSON.stringify(out)).not.toContain('$6$');
    }
  });

  it('is an error when passwd, group or sudoers were cut at the read limit', () => {
    expect(judge(accountsFact({ truncated: ['/etc/passwd'] }))).toMatchObject({ status: 'error', evidence: [{ source: '/etc/passwd', detail: expect.stringMatching(/too large/) }] });
    expect(judge(withProvops({ truncated: ['/etc/sudoers'] })).status).toBe('error');
  });
});
