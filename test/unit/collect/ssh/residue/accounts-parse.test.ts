// The accounts section's parser, field by field: passwd, group (primary members included), shadow
// states, sudoers lines that are directives or uid grants rather than comments, and process owners.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_FILE_READ_LIMIT, accountsSection, parseAccountsSection } from '../../../../../src/collect/ssh/residue/accounts-section.js';

const M = '@@fc-test';
const file = (what: string, path: string, ...lines: string[]) => [`${M} F ${what} ${path}`, ...lines, '', `${M} E`];
const parse = (...blocks: string[][]) => parseAccountsSection(blocks.flat().join('\n'), M);

describe('parseAccountsSection', () => {
  it('reads passwd entries with at least seven fields and a name, and what their password field says', () => {
    const fact = parse(
      file('passwd', '/etc/passwd', 'root:x:0:0:root:/root:/bin/bash', 'ops::1001:1001::/home/ops:/bin/sh', 'lock:!:1002:1002::/home/lock:/bin/sh', 'star:*:1003:1003::/:/usr/sbin/nologin', 'hash:$6$abc:1004:1004::/h:/bin/sh', 'short:x:5:5', ':x:6:6::/:/bin/sh'),
    );
    expect(fact.passwd).toEqual([
      { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' },
      { name: 'ops', uid: 1001, gid: 1001, home: '/home/ops', shell: '/bin/sh', password: 'empty' },
      { name: 'lock', uid: 1002, gid: 1002, home: '/home/lock', shell: '/bin/sh', password: 'locked' },
      { name: 'star', uid: 1003, gid: 1003, home: '/', shell: '/usr/sbin/nologin', password: 'locked' },
      { name: 'hash', uid: 1004, gid: 1004, home: '/h', shell: '/bin/sh', password: 'set' },
    ]);
  });

  it('calls a hash in passwd locked when it starts with ! or *, whatever it ends with', () => {
    // `usermod -L` puts a ! before the hash; BSD-style tools write *LOCKED* before it.
    const fact = parse(file('passwd', '/etc/passwd', 'a:!$6$salt$hash:1:1::/a:/bin/sh', 'b:*LOCKED*$6$salt$hash:2:2::/b:/bin/sh', 'c:$6$salt$hash!:3:3::/c:/bin/sh'));
    expect(fact.passwd.map((p) => [p.name, p.password])).toEqual([['a', 'locked'], ['b', 'locked'], ['c', 'set']]);
  });

  it('adds each account to its primary group and keeps listed members, without doubles', () => {
    const fact = parse(
      file('passwd', '/etc/passwd', 'root:x:0:0::/root:/bin/bash', 'alice:x:1000:27::/home/alice:/bin/bash'),
      file('group', '/etc/group', 'root:x:0:', 'sudo:x:27: bob , alice', 'broken', 'empty:x:50'),
    );
    expect(fact.groups).toEqual(
      new Map([
        ['root', { gid: 0, members: ['root'] }],
        ['sudo', { gid: 27, members: ['bob', 'alice'] }],
        ['empty', { gid: 50, members: [] }],
      ]),
    );
  });

  it('keeps only known shadow states, with names decoded', () => {
    const fact = parse(file('shadow', '/etc/shadow', 'root locked', 'my\\040user set', 'ops empty', 'odd hash', 'lonely'));
    expect(fact.passwords).toEqual(new Map([['root', 'locked'], ['my user', 'set'], ['ops', 'empty']]));
  });

  it('keeps sudoers directives and uid grants, drops blank lines and comments, and numbers lines in their file', () => {
    const fact = parse(file('sudoers', '/etc/sudoers', '# a comment', '', '  #include /etc/sudoers.local', '#includedir /etc/sudoers.d', '#1001 ALL=(ALL) ALL', '#1002,#1003 ALL=(ALL) ALL', '#12abc not a uid', '  root ALL=(ALL) ALL  '));
    expect(fact.sudoers).toEqual([
      { file: '/etc/sudoers', line: 3, text: '#include /etc/sudoers.local' },
      { file: '/etc/sudoers', line: 4, text: '#includedir /etc/sudoers.d' },
      { file: '/etc/sudoers', line: 5, text: '#1001 ALL=(ALL) ALL' },
      { file: '/etc/sudoers', line: 6, text: '#1002,#1003 ALL=(ALL) ALL' },
      { file: '/etc/sudoers', line: 8, text: 'root ALL=(ALL) ALL' },
    ]);
  });

  it('drops comments that only mention a directive or a uid grant', () => {
    // The first line is in Debian's and Ubuntu's stock /etc/sudoers; the second is a grant someone commented out.
    const fact = parse(file('sudoers', '/etc/sudoers', '# See sudoers(5) for more information on "#include" directives:', '# #1001 ALL=(ALL) NOPASSWD: ALL', '#includedir /etc/sudoers.d'));
    expect(fact.sudoers).toEqual([{ file: '/etc/sudoers', line: 3, text: '#includedir /etc/sudoers.d' }]);
  });

  it('counts processes per owner uid and skips lines that are no number', () => {
    expect(parse(file('procs', '/proc', '0', '0', ' 1001 ', '', '   ', 'x')).processesByUid).toEqual(new Map([[0, 2], [1001, 1]]));
  });

  it('lists unreadable passwd, group and sudoers files once each, and include chains too deep', () => {
    const text = [`${M} U sudoers /etc/sudoers.d/x`, `${M} U sudoers /etc/sudoers.d/x`, `${M} U group /etc/group`, `${M} U passwd /etc/passwd`, `${M} U other /etc/other`, `${M} D sudoers /etc/sudoers.d/deep`].join('\n');
    const fact = parseAccountsSection(text, M);
    expect(fact.unreadable).toEqual(['/etc/sudoers.d/x', '/etc/group', '/etc/passwd']);
    expect(fact.tooDeep).toEqual(['/etc/sudoers.d/deep']);
    expect(fact.passwords).toBeUndefined();
  });

  it('marks a file cut only when more than the read limit arrived', () => {
    // A file of exactly the limit: a line and its newline, which counts (a cut may stop just after one).
    const exactly = 'a'.repeat(ACCOUNT_FILE_READ_LIMIT - 1);
    expect(parse(file('sudoers', '/etc/sudoers', exactly)).truncated).toEqual([]);
    expect(parse(file('sudoers', '/etc/sudoers', `${exactly}b`)).truncated).toEqual(['/etc/sudoers']);
    expect(parse(file('procs', '/proc', `${exactly}b`)).truncated).toEqual([]);
    expect(parse(file('passwd', '/etc/passwd', `${exactly}b`), file('group', '/etc/group', `${exactly}b`)).truncated).toEqual(['/etc/passwd', '/etc/group']);
  });

  it('takes nothing from a record of a kind it does not know', () => {
    // `T` marked a cut inside a frame in older collecting scripts; it is no file of its own.
    const fact = parseAccountsSection([`${M} T sudoers /etc/sudoers`, `${M} T passwd /etc/passwd`].join('\n'), M);
    expect(fact).toMatchObject({ passwd: [], sudoers: [], unreadable: [], truncated: [] });
  });

  it('is what the section hands on', () => {
    const text = file('passwd', '/etc/passwd', 'root:x:0:0:root:/root:/bin/bash').join('\n');
    expect(accountsSection.parse(text, M)).toEqual({ ok: true, value: expect.objectContaining({ passwd: [{ name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' }] }) });
  });
});
