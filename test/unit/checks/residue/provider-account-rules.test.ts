// residue.provider-account, exactly: each way a provider account stays usable gives one piece of
// evidence, and what could not be read makes the check an error, never a pass or a mere warning.
import { describe, expect, it } from 'vitest';
import { providerAccount } from '../../../../src/checks/residue/provider-account.js';
import type { AccountsFact, SudoersLine } from '../../../../src/facts/accounts.js';
import type { AuthorizedKeysFact } from '../../../../src/facts/authorized-keys.js';
import { testProvider } from '../../support/hosts.js';
import { checkContext } from '../check-context.js';
import { accountsFact, key, keysFact, OTHER_FP } from './fact-builders.js';

const root = { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' };
const provops = { name: 'provops', uid: 1010, gid: 1010, home: '/home/provops', shell: '/bin/bash' };
const context = checkContext({ provider: { ...testProvider(), accounts: ['provops', 'provbackup'] } });
const accounts = (over: Partial<AccountsFact> = {}): AccountsFact =>
  accountsFact({
    passwd: [root, provops],
    passwords: new Map([['root', 'locked'], ['provops', 'locked']]),
    groups: new Map([['provops', { gid: 1010, members: ['provops'] }], ['ops', { gid: 2000, members: ['provops', 'alice'] }]]),
    processesByUid: new Map([[0, 5]]),
    ...over,
  });
const sudoers = (...text: string[]): SudoersLine[] => text.map((t, i) => ({ file: '/etc/sudoers', line: i + 1, text: t }));
const judge = (a: AccountsFact, k: AuthorizedKeysFact = keysFact()) => providerAccount.evaluate({ 'ssh.accounts': a, 'ssh.authorized-keys': k }, context);

describe('residue.provider-account, exactly', () => {
  it('finds sudo grants by name, uid, group, group id and ALL, and skips Defaults and includes', () => {
    const out = judge(accounts({ sudoers: sudoers('Defaults provops !requiretty', '#include provops', '@include provops', 'provops ALL=(ALL) ALL', '#1010 ALL=(ALL) ALL', '%ops ALL=(ALL) ALL', '%#2000 ALL=(ALL) ALL', 'ALL ALL=(ALL) /bin/true', 'alice ALL=(ALL) ALL', '"provops" , alice ALL=(ALL) ALL') }));
    expect(out).toEqual({
      status: 'fail',
      message: 'provider account(s) still usable: provops',
      evidence: [
        { source: '/etc/sudoers:4', detail: 'sudoers grants provops' },
        { source: '/etc/sudoers:5', detail: 'sudoers grants #1010' },
        { source: '/etc/sudoers:6', detail: 'sudoers grants %ops' },
        { source: '/etc/sudoers:7', detail: 'sudoers grants %#2000' },
        { source: '/etc/sudoers:8', detail: 'sudoers grants ALL' },
        { source: '/etc/sudoers:10', detail: 'sudoers grants provops' },
      ],
    });
  });

  it('finds a grant through a User_Alias and names it as one', () => {
    expect(judge(accounts({ sudoers: sudoers('User_Alias OPS = alice, provops', 'OPS ALL=(ALL) ALL') })).evidence).toEqual([
      { source: '/etc/sudoers:1', detail: 'sudoers grants an alias including provops' },
    ]);
  });

  it('names a password, an empty password, keys, admin groups and processes, each once', () => {
    const keys = keysFact({
      files: [
        { path: '/home/provops/.ssh/authorized_keys', user: 'provops', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 1, key: key(OTHER_FP) }, { line: 2, key: key(OTHER_FP) }] },
        { path: '/home/provops/.ssh/authorized_keys2', user: 'provops', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [] },
        { path: '/root/.ssh/authorized_keys', user: 'root', state: 'read', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 1, key: key(OTHER_FP) }] },
      ],
    });
    const out = judge(
      accounts({
        passwords: new Map([['root', 'locked'], ['provops', 'set']]),
        groups: new Map([['sudo', { gid: 27, members: ['provops'] }], ['wheel', { gid: 10, members: ['provops'] }], ['admin', { gid: 4, members: ['alice'] }]]),
        processesByUid: new Map([[1010, 3]]),
      }),
      keys,
    );
    expect(out.evidence).toEqual([
      { source: '/etc/shadow', detail: 'provops has a password set (hash not collected)' },
      { source: '/home/provops/.ssh/authorized_keys', detail: '2 key(s) let provops log in' },
      { source: '/etc/group', detail: 'provops is in group sudo' },
      { source: '/etc/group', detail: 'provops is in group wheel' },
      { source: '/proc', detail: '3 process(es) running as provops' },
    ]);
    expect(judge(accounts({ passwords: new Map([['provops', 'empty']]) })).evidence).toEqual([{ source: '/etc/shadow', detail: 'provops has an empty password' }]);
    expect(judge(accounts({ passwd: [root, { ...provops, password: 'empty' }] })).evidence).toEqual([{ source: '/etc/passwd', detail: 'provops has an empty password' }]);
  });

  it('lists what could not be read after what makes the account usable', () => {
    const out = judge(accounts({ passwords: new Map([['provops', 'set']]), unreadable: ['/etc/sudoers.d/90-x'], tooDeep: ['/etc/sudoers.d/deep'], truncated: ['/etc/group'] }));
    expect(out.evidence).toEqual([
      { source: '/etc/shadow', detail: 'provops has a password set (hash not collected)' },
      { source: '/etc/sudoers.d/90-x', detail: 'cannot read' },
      { source: '/etc/sudoers.d/deep', detail: 'sudoers include chain too deep: sudo refuses it there, so these files were not read' },
      { source: '/etc/group', detail: 'too large: only the first part was read' },
    ]);
  });

  it('is an error, not a warning, for an inert account when something could not be read', () => {
    expect(judge(accounts({ unreadable: ['/etc/sudoers.d/90-x'] }))).toEqual({
      status: 'error',
      message: 'provider account(s) present but their access could not be read in full',
      evidence: [
        { source: '/etc/passwd', detail: 'provider account provops is present (locked, no key, no sudo)' },
        { source: '/etc/sudoers.d/90-x', detail: 'cannot read' },
      ],
    });
    const unreadKeys = keysFact({ files: [{ path: '/home/provops/.ssh/authorized_keys', user: 'provops', state: 'unreadable', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [] }] });
    expect(judge(accounts(), unreadKeys).status).toBe('error');
  });

  it('warns for an inert account when everything was read', () => {
    expect(judge(accounts())).toEqual({
      status: 'warn',
      message: '1 provider account(s) present but unusable',
      evidence: [{ source: '/etc/passwd', detail: 'provider account provops is present (locked, no key, no sudo)' }],
    });
  });

  it('is an error, not a pass, with no provider account but files it could not read', () => {
    expect(judge(accounts({ passwd: [root], truncated: ['/etc/passwd'] }))).toEqual({
      status: 'error',
      message: 'passwd, group or sudoers could not be read in full',
      evidence: [{ source: '/etc/passwd', detail: 'too large: only the first part was read' }],
    });
    expect(judge(accounts({ passwd: [root] }))).toEqual({ status: 'pass', message: 'none of 2 provider account(s) present', evidence: [] });
    expect(judge(accounts({ passwd: [] }))).toEqual({ status: 'error', message: '/etc/passwd could not be read', evidence: [] });
  });

  it('does not count an unreadable key file of another account', () => {
    const other = keysFact({ files: [{ path: '/home/alice/.ssh/authorized_keys', user: 'alice', state: 'unreadable', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [] }] });
    expect(judge(accounts(), other).status).toBe('warn');
  });

  it('reads a Defaults line for a user list as a setting, not a grant', () => {
    // Defaults:User_List may list several users; the first field then splits into names like a grant's.
    expect(judge(accounts({ sudoers: sudoers('Defaults:alice, provops !requiretty') })).status).toBe('warn');
  });

  it('still reads a grant whose trailing comment mentions Defaults or @include', () => {
    expect(judge(accounts({ sudoers: sudoers('provops ALL=(ALL) NOPASSWD: ALL # moved here from the Defaults and @include files') })).evidence).toEqual([
      { source: '/etc/sudoers:1', detail: 'sudoers grants provops' },
    ]);
  });

  it('finds a name in a user list with blanks on either side of its comma', () => {
    expect(judge(accounts({ sudoers: sudoers('provops, alice ALL=(ALL) ALL') })).evidence).toEqual([{ source: '/etc/sudoers:1', detail: 'sudoers grants provops' }]);
    expect(judge(accounts({ sudoers: sudoers('alice ,provops ALL=(ALL) ALL') })).evidence).toEqual([{ source: '/etc/sudoers:1', detail: 'sudoers grants provops' }]);
  });

  it('finds a User_Alias written with tabs and no blanks around its =', () => {
    expect(judge(accounts({ sudoers: sudoers('User_Alias\t\tOPS=provops,alice') })).evidence).toEqual([
      { source: '/etc/sudoers:1', detail: 'sudoers grants an alias including provops' },
    ]);
  });

  it('does not count a grant to a group the account is not in', () => {
    const groups = new Map([['provops', { gid: 1010, members: ['provops'] }], ['dba', { gid: 3000, members: ['alice'] }]]);
    expect(judge(accounts({ groups, sudoers: sudoers('%dba ALL=(ALL) ALL', '%#3000 ALL=(ALL) ALL') })).status).toBe('warn');
  });

  it('names only the usable accounts, each once, when several are present', () => {
    const provbackup = { name: 'provbackup', uid: 1011, gid: 1011, home: '/home/provbackup', shell: '/bin/sh' };
    const provlocked = { name: 'provlocked', uid: 1012, gid: 1012, home: '/home/provlocked', shell: '/bin/sh' };
    const ctx = checkContext({ provider: { ...testProvider(), accounts: ['provops', 'provbackup', 'provlocked'] } });
    const out = providerAccount.evaluate(
      {
        'ssh.accounts': accounts({
          passwd: [root, provops, provbackup, provlocked],
          passwords: new Map([['provops', 'set'], ['provbackup', 'locked'], ['provlocked', 'locked']]),
          processesByUid: new Map([[1011, 1]]),
        }),
        'ssh.authorized-keys': keysFact(),
      },
      ctx,
    );
    expect(out).toEqual({
      status: 'fail',
      message: 'provider account(s) still usable: provops, provbackup',
      evidence: [
        { source: '/etc/shadow', detail: 'provops has a password set (hash not collected)' },
        { source: '/proc', detail: '1 process(es) running as provbackup' },
      ],
    });
  });

  it('says the password state is unknown when shadow is unreadable and an account defers to it', () => {
    const unread = accounts();
    delete unread.passwords;
    expect(judge(unread)).toEqual({
      status: 'error',
      message: 'provider account(s) present but their access could not be read in full',
      evidence: [
        { source: '/etc/passwd', detail: 'provider account provops is present (locked, no key, no sudo)' },
        { source: '/etc/shadow', detail: 'cannot read: password state unknown' },
      ],
    });
  });

  it('needs no shadow for an account locked in /etc/passwd itself, but does for one beside it that defers to shadow', () => {
    // A `*` or `!` in passwd's own field overrides shadow, so an unreadable shadow leaves nothing unknown.
    const provbackup = { name: 'provbackup', uid: 1011, gid: 1011, home: '/home/provbackup', shell: '/bin/sh' };
    const lockedInPasswd = accounts({ passwd: [root, { ...provops, password: 'locked' }] });
    delete lockedInPasswd.passwords;
    expect(judge(lockedInPasswd).status).toBe('warn');
    const mixed = accounts({ passwd: [root, { ...provops, password: 'locked' }, provbackup] });
    delete mixed.passwords;
    expect(judge(mixed)).toMatchObject({ status: 'error', evidence: expect.arrayContaining([{ source: '/etc/shadow', detail: 'cannot read: password state unknown' }]) });
  });

  it('names the unreadable key file of a provider account', () => {
    const unreadKeys = keysFact({ files: [{ path: '/home/provops/.ssh/authorized_keys', user: 'provops', state: 'unreadable', truncated: false, unparsedLines: [], unparsedCount: 0, keys: [] }] });
    expect(judge(accounts(), unreadKeys).evidence).toEqual([
      { source: '/etc/passwd', detail: 'provider account provops is present (locked, no key, no sudo)' },
      { source: '/home/provops/.ssh/authorized_keys', detail: 'cannot read' },
    ]);
  });
});
