// The text-file walk run by the real /bin/sh (dash on Debian), find and awk over a planted tree, parsed by its real parser.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastStarted } from '../../../../../src/collect/ssh/last-started.js';
import { parseTextFilesSection, TEXT_LIMITS, textFilesSection, textFilesScript } from '../../../../../src/collect/ssh/residue/text-files-section.js';
import { rooted, runSnippet } from '../run-snippet.js';

const M = '@@fc-textfiles';
const TOPS = ['etc', 'var', 'root', 'home', 'opt', 'srv', 'usr'];

function plant(): { root: string; put(path: string, content: string | Buffer): string } {
  const root = mkdtempSync(join(tmpdir(), 'fc-text-'));
  const put = (path: string, content: string | Buffer): string => {
    const p = join(root, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  };
  put(
    'etc/passwd',
    [
      `root:x:0:0:root:${root}/root:/bin/bash`,
      `alice:x:1000:1000::${root}/home/alice:/bin/bash`,
      `svc:x:998:998::${root}/var/lib/svc:/usr/sbin/nologin`,
      `ops:x:1001:1001::${root}/data/ops:/bin/sh`,
      '',
    ].join('\n'),
  );
  return { root, put };
}

/** The walk's output, with the tree's prefix taken off so paths read as the host shows them. */
function walkText(root: string, limits = TEXT_LIMITS): string {
  const run = runSnippet(rooted(textFilesScript(limits), root, TOPS), M, { limitMs: 20_000 });
  expect(run.status).toBe(0);
  return run.text.replaceAll(root, '');
}

function walk(root: string, limits = TEXT_LIMITS) {
  const fact = parseTextFilesSection(walkText(root, limits), M, limits);
  expect(fact).toBeDefined();
  return fact!;
}

describe('the text-file walk on a planted host', () => {
  it('reads text under the roots and homes’ top level, skips binaries, never opens special files nor reads shadow or host keys', () => {
    const { root, put } = plant();
    put('etc/motd', 'Welcome\nInitial password: Root-Init-77q\n');
    put('etc/shadow', 'root:$y$j9T$hash:19000:0:99999:7:::\n');
    put('etc/gshadow', 'root:*::\n');
    put('etc/ssh/ssh_host_ed25519_key', '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    put('etc/ssh/ssh_host_ed25519_key.pub', 'ssh-ed25519 AAAA host\n');
    put('root/notes/handover.txt', 'bmc Bmc-Initial-9x\n');
    put('home/alice/.profile', 'export A=1\n');
    put('home/alice/todo', 'call provider\n');
    put('home/alice/projects/deep.txt', 'below the top level\n');
    put('var/lib/svc/.env', 'svc is no login account\n');
    put('data/ops/.netrc', 'machine x login ops password y\n');
    put('var/log/provision.log', 'step 1\n');
    put('opt/tool/bin/tool', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 10, 65]));
    put('srv/app/name with space\nand newline', 'odd name\n');
    put("srv/app/it's", 'quoted name\n');
    put('srv/empty', '');
    execFileSync('mkfifo', [join(root, 'etc/fifo')]);
    symlinkSync('/dev/zero', join(root, 'etc/zero'));
    const fact = walk(root);
    const read = Object.fromEntries(fact.files.map((f) => [f.path, f.content.reveal()]));
    expect(Object.keys(read).sort()).toEqual(
      ['/etc/motd', '/etc/passwd', '/etc/ssh/ssh_host_ed25519_key.pub', '/root/notes/handover.txt', '/home/alice/.profile', '/home/alice/todo', '/data/ops/.netrc', '/var/log/provision.log', '/srv/app/name with space\nand newline', "/srv/app/it's"].sort(),
    );
    expect(read['/etc/motd']).toBe('Welcome\nInitial password: Root-Init-77q');
    expect(fact).toMatchObject({ unreadable: [], limits: [], binary: 1 });
    expect(fact.examined).toBe(12);
    expect(fact.files.every((f) => !f.truncated)).toBe(true);
  });

  it('reads a file larger than the per-file limit through head -c, cut and marked, and skips a large binary', () => {
    const { root, put } = plant();
    put('var/log/big.log', 'x'.repeat(3000) + '\nsecret at the end\n');
    put('opt/big.bin', Buffer.concat([Buffer.from('text first\n'), Buffer.alloc(5000)]));
    put("var/log/it's big", 'y\n'.repeat(2000));
    const fact = walk(root, { bytesPerFile: 1024, bytesPerHost: 1 << 20, files: 100 });
    const big = fact.files.find((f) => f.path === '/var/log/big.log')!;
    expect(big.truncated).toBe(true);
    expect(big.content.reveal()).toBe('x'.repeat(1025));
    expect(fact.files.find((f) => f.path === "/var/log/it's big")!.truncated).toBe(true);
    expect(fact.files.some((f) => f.path === '/opt/big.bin')).toBe(false);
    expect(fact.binary).toBe(1);
  });

  it('reads files of the per-file limit and one byte under it whole, by awk', () => {
    const { root, put } = plant();
    put('srv/at-limit.txt', `${'a'.repeat(1023)}\n`);
    put('srv/under-limit.txt', `${'b'.repeat(1022)}\n`);
    const limits = { bytesPerFile: 1024, bytesPerHost: 1 << 20, files: 100 };
    const text = walkText(root, limits);
    // Only a file larger than the limit goes through head, with a progress record of its own.
    expect(text).not.toContain(`${M} > file`);
    const fact = parseTextFilesSection(text, M, limits)!;
    const read = fact.files.filter((f) => f.path.startsWith('/srv/')).map((f) => [f.path, f.content.reveal().length, f.truncated]);
    expect(read.sort()).toEqual([['/srv/at-limit.txt', 1023, false], ['/srv/under-limit.txt', 1022, false]]);
  });

  it('names itself before it starts, so a run cut off during the walk says what it was doing', () => {
    const { root, put } = plant();
    put('etc/motd', 'hello\n');
    expect(lastStarted(walkText(root), M)).toBe('running find and awk over /etc /root /var/log /opt /srv and homes');
  });

  it('stops at the file limit and at the byte limit, saying which', () => {
    const { root, put } = plant();
    for (let i = 0; i < 30; i++) put(`srv/data/f${i}.txt`, 'z'.repeat(500) + '\n');
    const byFiles = walk(root, { bytesPerFile: 1024, bytesPerHost: 1 << 20, files: 10 });
    expect(byFiles.limits).toEqual([{ limit: 'files', value: 10 }]);
    expect(byFiles.examined).toBe(10);
    const byBytes = walk(root, { bytesPerFile: 1024, bytesPerHost: 4000, files: 1000 });
    expect(byBytes.limits).toEqual([{ limit: 'bytes', value: 4000 }]);
    expect(byBytes.bytes).toBeGreaterThanOrEqual(4000);
    expect(byBytes.bytes).toBeLessThan(4000 + 1025);
  });
});

describe('parseTextFilesSection', () => {
  it('is undefined when the walk printed no summary (cut off)', () => {
    expect(parseTextFilesSection(`${M} F /etc/motd\nhello\n${M} E\n`, M)).toBeUndefined();
  });

  it('reads records, unreadable files and limits', () => {
    const text = `${M} F /etc/a\\040b\nx\n${M} E\n${M} U /srv/x\n${M} L bytes 8388608\n${M} N 5 1 2\n`;
    const fact = parseTextFilesSection(text, M)!;
    expect(fact.files.map((f) => [f.path, f.content.reveal(), f.truncated])).toEqual([['/etc/a b', 'x', false]]);
    expect(fact).toMatchObject({ unreadable: ['/srv/x'], limits: [{ limit: 'bytes', value: 8388608 }], examined: 5, binary: 1, bytes: 2 });
  });

  it('marks a file cut only when more than the per-file limit arrived', () => {
    const limits = { bytesPerFile: 8, bytesPerHost: 1 << 20, files: 100 };
    const at = (body: string) => parseTextFilesSection(`${M} F /etc/a\n${body}\n${M} E\n${M} N 1 0 ${body.length}\n`, M, limits)!.files[0]!.truncated;
    expect(at('12345678')).toBe(false);
    expect(at('123456789')).toBe(true);
  });

  it('ignores limits and records it does not know, before or after the summary', () => {
    const fact = parseTextFilesSection(`${M} L time 30\n${M} N 5 1 2\n${M} X later\n`, M)!;
    expect(fact).toMatchObject({ limits: [], examined: 5, binary: 1, bytes: 2 });
  });

  it('is undefined when the summary was cut mid-line or is not numbers', () => {
    expect(parseTextFilesSection(`${M} N 5 1`, M)).toBeUndefined();
    expect(parseTextFilesSection(`${M} N 5 1 x`, M)).toBeUndefined();
  });
});

describe('textFilesSection.parse', () => {
  it('hands on a finished walk, and calls an unfinished one a collector failure', () => {
    expect(textFilesSection.parse(`${M} U /srv/x\n${M} N 1 0 0\n`, M)).toEqual({ ok: true, value: { files: [], unreadable: ['/srv/x'], limits: [], examined: 1, binary: 0, bytes: 0 } });
    expect(textFilesSection.parse(`${M} U /srv/x\n`, M)).toEqual({ ok: false, reason: 'collector', message: 'SSH: the text-file walk printed no summary: it did not finish' });
  });
});
