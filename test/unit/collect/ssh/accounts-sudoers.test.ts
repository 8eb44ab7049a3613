import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_FILE_READ_LIMIT, accountsSection, parseAccountsSection } from '../../../../src/collect/ssh/residue/accounts-section.js';
import { rooted, runSnippet } from './run-snippet.js';

const M = '@@fc-acc';

/** Runs the section's snippet with the real sh against a temp dir standing in for /etc. */
function runAgainst(root: string): { text: string; status: number } {
  return runSnippet(rooted(accountsSection.script, root), M, { cwd: join(root, 'root') });
}

function fakeEtc(): string {
  const root = mkdtempSync(join(tmpdir(), 'fc-acc-'));
  mkdirSync(join(root, 'etc/sudoers.d'), { recursive: true });
  mkdirSync(join(root, 'root'), { recursive: true });
  mkdirSync(join(root, 'opt/sudo/more'), { recursive: true });
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\nprovops:$6$salt$hash:1001:1001::/home/provops:/bin/sh\nprovbak::1002:1002::/home/provbak:/bin/sh\n');
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\n');
  writeFileSync(join(root, 'etc/shadow'), 'root:!:1::::::\nprovops:!:1::::::\nprovbak:!:1::::::\n');
  writeFileSync(join(root, 'etc/sudoers'), [
    'root ALL=(ALL:ALL) ALL',
    `@include ${root}/opt/sudo/extra`,
    `#includedir "${root}/opt/sudo/more"`,
    '@include missing-relative',
    '@includedir /etc/sudoers.d',
    '',
  ].join('\n'));
  writeFileSync(join(root, 'opt/sudo/extra'), '#1001 ALL=(ALL) NOPASSWD: ALL\n# a comment\n');
  writeFileSync(join(root, 'opt/sudo/more/ops'), 'ALL ALL=(ALL) NOPASSWD: /usr/bin/true\n');
  writeFileSync(join(root, 'opt/sudo/more/ignored.bak'), 'provops ALL=(ALL) ALL\n');
  return root;
}

describe('residue-accounts snippet, run by sh', () => {
  it('follows @include and #includedir outside /etc/sudoers.d and reports a missing include', () => {
    const root = fakeEtc();
    const { text, status } = runAgainst(root);
    expect(status).toBe(0);
    const fact = parseAccountsSection(text, M);
    expect(fact.sudoers).toContainEqual({ file: `${root}/opt/sudo/extra`, line: 1, text: '#1001 ALL=(ALL) NOPASSWD: ALL' });
    expect(fact.sudoers).toContainEqual({ file: `${root}/opt/sudo/more/ops`, line: 1, text: 'ALL ALL=(ALL) NOPASSWD: /usr/bin/true' });
    expect(fact.sudoers.some((l) => l.file.endsWith('ignored.bak'))).toBe(false);
    expect(fact.sudoers.some((l) => l.text === '# a comment')).toBe(false);
    expect(fact.unreadable).toEqual([`${root}/etc/missing-relative`]);
  });

  it('stops at a bounded include depth and reports what it did not read', () => {
    const root = fakeEtc();
    // A loop through ever new names: a.1 includes a.2 includes … without end.
    for (let i = 0; i < 12; i++) writeFileSync(join(root, `opt/sudo/chain${i}`), `@include chain${i + 1}\n`);
    writeFileSync(join(root, 'etc/sudoers'), `@include ${root}/opt/sudo/chain0\n`);
    const fact = parseAccountsSection(runAgainst(root).text, M);
    expect(fact.unreadable.length).toBe(1);
    expect(fact.unreadable[0]).toMatch(/chain\d+$/);
  });

  it('keeps only the state of a password written into /etc/passwd, never the hash', () => {
    const fact = parseAccountsSection(runAgainst(fakeEtc()).text, M);
    expect(fact.passwd.map((p) => [p.name, p.password])).toEqual([['root', undefined], ['provops', 'set'], ['provbak', 'empty']]);
    expect(JSON.stringify(fact.passwd)).not.toContain('$6$');
  });

  it('marks passwd, group and sudoers cut at the read limit as truncated', () => {
    const root = fakeEtc();
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n' + `u:x:1:1:${'g'.repeat(ACCOUNT_FILE_READ_LIMIT)}:/h:/bin/sh\nprovops:x:1001:1001::/h:/bin/sh\n`);
    const fact = parseAccountsSection(runAgainst(root).text, M);
    expect(fact.truncated).toEqual([`${root}/etc/passwd`]);
    expect(fact.passwd.some((p) => p.name === 'provops')).toBe(false);
  });
});
