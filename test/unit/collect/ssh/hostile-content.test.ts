// Hostile host content against the real snippets: each run by /bin/sh on files planted in a temp tree, parsed by the real parsers.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { providerAccount } from '../../../../src/checks/residue/provider-account.js';
import { authorizedKeysSection, parseAuthorizedKeysSection } from '../../../../src/collect/ssh/authorized-keys-section.js';
import { backupSchedulesSection, parseSchedulesSection } from '../../../../src/collect/ssh/backup/schedules-section.js';
import { SCHEDULE_READ_LIMIT } from '../../../../src/collect/ssh/backup/schedules-script.js';
import { accountsSection, parseAccountsSection, SUDOERS_INCLUDE_DEPTH } from '../../../../src/collect/ssh/residue/accounts-section.js';
import { leftoverFilesSection, parseLeftoverSection } from '../../../../src/collect/ssh/residue/leftover-files-section.js';
import { testContext, testProvider } from '../../support/hosts.js';
import { keysFact } from '../../checks/residue/fact-builders.js';
import { rooted, runSnippet } from './run-snippet.js';

const M = '@@fc-hostile';
const TOPS = ['etc', 'var', 'run', 'lib', 'usr', 'root', 'home'];
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID07moKJdcoyi78tXR+KeCHQqW+iGMwuCVr3N39kUQxG provops@provider.example';

/** A temp tree standing in for the host's /, with root's and one account's passwd lines. */
function host(): { root: string; put(path: string, content: string): string; at(path: string): string } {
  const root = mkdtempSync(join(tmpdir(), 'fc-hostile-'));
  const at = (path: string): string => join(root, path);
  const put = (path: string, content: string): string => {
    mkdirSync(dirname(at(path)), { recursive: true });
    writeFileSync(at(path), content);
    return at(path);
  };
  for (const d of ['root', 'etc/ssh', 'etc/sudoers.d', 'etc/cron.d']) mkdirSync(at(d), { recursive: true });
  put('etc/passwd', `root:x:0:0:root:${root}/root:/bin/sh\nprovops:x:1010:1010::${root}/home/provops:/bin/sh\n`);
  put('etc/group', 'root:x:0:\nprovops:x:1010:\n');
  put('etc/shadow', 'root:!:1::::::\nprovops:!:1::::::\n');
  put('etc/sudoers', 'root ALL=(ALL:ALL) ALL\n');
  return { root, put, at };
}

function run(script: string, root: string, limitMs = 8_000) {
  return runSnippet(rooted(script, root, TOPS), M, { cwd: join(root, 'root'), limitMs });
}

/** Schedules are told apart by where they live (/etc/cron.d/…): parse them at the paths the host would show. */
const schedules = (text: string, root: string) => parseSchedulesSection(text.replaceAll(root, ''), M);

function fifo(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  execFileSync('mkfifo', [path]);
}

/** A sparse file of `bytes` zero bytes: no newline anywhere, no disk used. */
function hugeWithoutNewline(path: string, bytes: number): void {
  mkdirSync(dirname(path), { recursive: true });
  execFileSync('truncate', ['-s', String(bytes), path]);
}

const judgeAccounts = (text: string) =>
  providerAccount.evaluate(
    { 'ssh.accounts': parseAccountsSection(text, M), 'ssh.authorized-keys': keysFact() },
    testContext({ provider: { ...testProvider(), accounts: ['provops'] } }),
  );

describe('a name from the host cannot forge records', () => {
  it('a crontab whose name holds a newline and a crontab line schedules nothing', () => {
    const h = host();
    h.put('etc/cron.d/real', '0 4 * * * root /bin/true\n');
    h.put('etc/cron.d/tidy\n0 3 * * * root rsync -a srv backup01.provider.example:srv', '# only a comment\n');
    const r = run(backupSchedulesSection.script, h.root);
    expect(r.status).toBe(0);
    const fact = schedules(r.text, h.root);
    // The real crontab's entry shows the parser sees these files as crontabs at all.
    expect(fact.commands.map((c) => c.command)).toEqual(['/bin/true']);
    expect(fact.unreadable).toEqual([]);
  });

  it('a timer and service with spaces in their names are read whole, and what the service runs is found', () => {
    const h = host();
    h.put('etc/systemd/system/nightly copy.timer', '[Timer]\nOnCalendar=daily\n[Install]\nWantedBy=timers.target\n');
    h.put('etc/systemd/system/nightly copy.service', '[Service]\nExecStart=/usr/bin/restic backup /srv\n');
    const fact = schedules(run(backupSchedulesSection.script, h.root).text, h.root);
    expect(fact.timers).toMatchObject([{ timer: 'nightly copy.timer', service: 'nightly copy.service', servicePath: '/etc/systemd/system/nightly copy.service' }]);
    expect(fact.commands.map((c) => c.command)).toEqual(['/usr/bin/restic backup /srv']);
  });

  it('a sudoers.d file whose name holds a newline and a grant is one file, read whole', () => {
    const h = host();
    const name = h.put('etc/sudoers.d/ops\nprovops ALL=(ALL) NOPASSWD: ALL', 'root ALL=(ALL) ALL\n');
    const fact = parseAccountsSection(run(accountsSection.script, h.root).text, M);
    expect(fact.sudoers).toContainEqual({ file: name, line: 1, text: 'root ALL=(ALL) ALL' });
    expect(fact.sudoers.some((l) => l.text.startsWith('provops'))).toBe(false);
    expect(fact.unreadable).toEqual([]);
  });

  it('a leftover directory whose name holds a newline and a password line keeps its own name and content', () => {
    const h = host();
    const path = h.put('var/lib/cloud/instances/i-1\nchpasswd: { list: "root:hunter2" }/user-data.txt', '#cloud-config\n');
    const r = run(leftoverFilesSection.script, h.root);
    return parseLeftoverSection(r.text, M).then((fact) => {
      expect(fact.files.map((f) => [f.path, f.content.reveal()])).toEqual([[path, '#cloud-config']]);
    });
  });
});

describe('only regular files are opened, and only their first bytes are read', () => {
  it('a FIFO and a link to /dev/zero in /etc/cron.d are reported by name, not opened', () => {
    const h = host();
    fifo(h.at('etc/cron.d/pipe'));
    symlinkSync('/dev/zero', h.at('etc/cron.d/zero'));
    h.put('etc/cron.d/real', '0 4 * * * root /bin/true\n');
    const r = run(backupSchedulesSection.script, h.root);
    expect(r.timedOut).toBe(false);
    const fact = schedules(r.text, h.root);
    expect(fact.unreadable.sort()).toEqual(['/etc/cron.d/pipe', '/etc/cron.d/zero']);
    expect(fact.commands.map((c) => c.command)).toEqual(['/bin/true']);
  });

  it('a 2 GB crontab without a newline costs the read limit, and is marked cut', () => {
    const h = host();
    hugeWithoutNewline(h.at('etc/cron.d/huge'), 2 * 1024 ** 3);
    const r = run(backupSchedulesSection.script, h.root);
    expect(r.timedOut).toBe(false);
    expect(r.text.length).toBeLessThan(SCHEDULE_READ_LIMIT + 4096);
    expect(schedules(r.text, h.root).truncated).toEqual(['/etc/cron.d/huge']);
  });

  it.each([
    ['a FIFO', (p: string) => fifo(p)],
    ['/dev/zero', (p: string) => symlinkSync('/dev/zero', p)],
    ['a 2 GB file without a newline', (p: string) => hugeWithoutNewline(p, 2 * 1024 ** 3)],
  ])('%s named by an sshd Include is reported unreadable, and the walk goes on', (_, plant) => {
    const h = host();
    h.put('etc/ssh/sshd_config', `Include ${h.at('etc/ssh/sshd_config.d')}/*.conf\nAuthorizedKeysFile .ssh/authorized_keys\n`);
    mkdirSync(h.at('etc/ssh/sshd_config.d'));
    plant(h.at('etc/ssh/sshd_config.d/10-stall.conf'));
    h.put('etc/ssh/sshd_config.d/20-keys.conf', `AuthorizedKeysFile ${h.at('etc/ssh/keys')}/%u\n`);
    h.put('etc/ssh/keys/root', `${KEY}\n`);
    const r = run(authorizedKeysSection.script, h.root);
    expect(r.timedOut).toBe(false);
    const fact = parseAuthorizedKeysSection(r.text, M);
    expect(fact.config).toContainEqual({ path: h.at('etc/ssh/sshd_config.d/10-stall.conf'), state: 'unreadable' });
    expect(fact.files.find((f) => f.path === h.at('etc/ssh/keys/root'))?.keys).toHaveLength(1);
  });

  it('a sudoers include of a FIFO is reported unreadable, not waited for', () => {
    const h = host();
    fifo(h.at('etc/sudo-pipe'));
    h.put('etc/sudoers', `root ALL=(ALL:ALL) ALL\n@include ${h.at('etc/sudo-pipe')}\n`);
    const r = run(accountsSection.script, h.root);
    expect(r.timedOut).toBe(false);
    expect(parseAccountsSection(r.text, M).unreadable).toEqual([h.at('etc/sudo-pipe')]);
  });

  it('a FIFO as a history file is reported; a history linked to /dev/null reads as empty', async () => {
    const h = host();
    fifo(h.at('root/.bash_history'));
    mkdirSync(h.at('home/provops'), { recursive: true });
    symlinkSync('/dev/null', h.at('home/provops/.bash_history'));
    const r = run(leftoverFilesSection.script, h.root);
    expect(r.timedOut).toBe(false);
    const files = (await parseLeftoverSection(r.text, M)).files.map((f) => [f.path, f.state]);
    expect(files).toContainEqual([h.at('root/.bash_history'), 'unreadable']);
    expect(files).toContainEqual([h.at('home/provops/.bash_history'), 'read']);
  });
});

describe('include paths are read as sudo and sshd read them', () => {
  it('finds the grant in "/etc/sudoers.d/90 provops", not in the decoys 90 and /root/provops', () => {
    const h = host();
    const real = h.put('etc/sudoers.d/90 provops', 'provops ALL=(ALL) NOPASSWD: ALL\n');
    h.put('etc/sudoers.d/90', '# decoy\n');
    h.put('root/provops', '# decoy\n');
    const r = run(accountsSection.script, h.root);
    const fact = parseAccountsSection(r.text, M);
    expect(fact.sudoers).toContainEqual({ file: real, line: 1, text: 'provops ALL=(ALL) NOPASSWD: ALL' });
    expect(fact.unreadable).toEqual([]);
    expect(judgeAccounts(r.text)).toMatchObject({ status: 'fail' });
  });

  it('reads quoted, backslash-escaped and \\x-escaped include paths; an indented #include is a comment', () => {
    const h = host();
    const d = h.at('etc/sudo');
    h.put('etc/sudoers', [
      'root ALL=(ALL:ALL) ALL',
      `@include "${d}/with space"`,
      `#include ${d}/back\\ slash`,
      `@include ${d}/hex\\x41`,
      `  @includedir "${d}/dir with space"`,
      `  #include ${d}/commented`,
      '',
    ].join('\n'));
    const quoted = h.put('etc/sudo/with space', 'provops ALL=(ALL) NOPASSWD: /bin/a\n');
    const escaped = h.put('etc/sudo/back slash', 'provops ALL=(ALL) NOPASSWD: /bin/b\n');
    const hex = h.put('etc/sudo/hexA', 'provops ALL=(ALL) NOPASSWD: /bin/c\n');
    const inDir = h.put('etc/sudo/dir with space/ops', 'provops ALL=(ALL) NOPASSWD: /bin/d\n');
    h.put('etc/sudo/commented', 'provops ALL=(ALL) NOPASSWD: /bin/e\n');
    const fact = parseAccountsSection(run(accountsSection.script, h.root).text, M);
    expect(fact.sudoers.filter((l) => l.text.startsWith('provops')).map((l) => l.file)).toEqual([quoted, escaped, hex, inDir]);
    expect(fact.unreadable).toEqual([]);
  });

  it('reads sshd Include and AuthorizedKeysFile values with quotes, escapes and spaces as one word each', () => {
    const h = host();
    const d = h.at('etc/ssh');
    // A relative Include is relative to /etc/ssh, which the snippet's own text names (and the test moves).
    h.put('etc/ssh/sshd_config', `Include "sshd_config.d/my conf" ${d}/sshd_config.d/*.conf # a comment\n`);
    h.put('etc/ssh/sshd_config.d/my conf', `AuthorizedKeysFile "${d}/keys dir/%u"\n`);
    h.put('etc/ssh/sshd_config.d/x y.conf', `TrustedUserCAKeys ${d}/ca\\ keys.pub\n`);
    h.put('etc/ssh/sshd_config.d/my', `AuthorizedKeysFile ${d}/decoy/%u\n`);
    h.put('etc/ssh/keys dir/root', `${KEY}\n`);
    h.put('etc/ssh/ca keys.pub', `${KEY}\n`);
    const fact = parseAuthorizedKeysSection(run(authorizedKeysSection.script, h.root).text, M);
    expect(fact.config.map((c) => c.path)).toEqual([h.at('etc/ssh/sshd_config'), h.at('etc/ssh/sshd_config.d/my conf'), h.at('etc/ssh/sshd_config.d/x y.conf')]);
    expect(fact.files.find((f) => f.path === h.at('etc/ssh/keys dir/root'))).toMatchObject({ user: 'root', state: 'read' });
    expect(fact.trustedCaFiles.map((f) => [f.path, f.keys.length])).toEqual([[h.at('etc/ssh/ca keys.pub'), 1]]);
  });
});

describe('the running sshd', () => {
  it('is asked for its config through its process title, which a listening sshd rewrites into one string', () => {
    const h = host();
    h.put('etc/ssh/sshd_config', 'AuthorizedKeysFile .ssh/authorized_keys\n');
    h.put('etc/ssh/alt.conf', `AuthorizedKeysFile ${h.at('etc/ssh/keys')}/%u\n`);
    h.put('etc/ssh/keys/root', `${KEY}\n`);
    // What a listening sshd shows in /proc/<pid>/cmdline: its whole title as argv[0].
    const title = spawn('bash', ['-c', `exec -a "sshd: /usr/sbin/sshd -D -f ${h.at('etc/ssh/alt.conf')} [listener] 0 of 10-100 startups" sleep 30`], { stdio: 'ignore' });
    try {
      execFileSync('sh', ['-c', 'for i in 1 2 3 4 5 6 7 8 9 10; do grep -q listener "/proc/$1/cmdline" 2>/dev/null && exit 0; sleep 0.1; done; exit 1', 'sh', String(title.pid)]);
      h.put('run/sshd_lab.pid', `${title.pid}\n`);
      const fact = parseAuthorizedKeysSection(run(authorizedKeysSection.script, h.root).text, M);
      expect(fact.config.map((c) => c.path)).toEqual([h.at('etc/ssh/alt.conf')]);
      expect(fact.files.find((f) => f.path === h.at('etc/ssh/keys/root'))?.keys).toHaveLength(1);
    } finally {
      title.kill('SIGKILL');
    }
  });
});

describe('a sudoers include chain deeper than sudo follows', () => {
  it('says too deep, not cannot read, and the check names it so', () => {
    const h = host();
    const depth = SUDOERS_INCLUDE_DEPTH + 2;
    for (let i = 0; i < depth; i++) h.put(`etc/sudo/chain${i}`, `@include chain${i + 1}\n`);
    h.put('etc/sudoers', `@include ${h.at('etc/sudo/chain0')}\n`);
    const r = run(accountsSection.script, h.root, 20_000);
    const fact = parseAccountsSection(r.text, M);
    expect(fact.unreadable).toEqual([]);
    expect(fact.tooDeep).toEqual([h.at(`etc/sudo/chain${SUDOERS_INCLUDE_DEPTH - 1}`)]);
    const finding = judgeAccounts(r.text);
    expect(finding.evidence).toContainEqual(expect.objectContaining({ detail: expect.stringContaining('too deep') }));
    expect(finding.evidence.some((e) => e.detail === 'cannot read')).toBe(false);
  });
});
