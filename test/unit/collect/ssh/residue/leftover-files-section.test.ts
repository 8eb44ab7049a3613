// The provisioning-leftover section: its snippet run by the real sh over a planted tree, and its parser on framed records.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { leftoverCatalogue } from '../../../../../src/collect/ssh/residue/leftover-catalogue.js';
import { LEFTOVER_READ_LIMIT, leftoverFilesSection, leftoverScript, parseLeftoverSection } from '../../../../../src/collect/ssh/residue/leftover-files-section.js';
import { rooted, runSnippet } from '../run-snippet.js';

// secretlint as it is, unless a test makes it fail the way an upstream bug would, quoting the text it scanned.
const secretlint = vi.hoisted(() => ({ fail: false }));
vi.mock('../../../../../src/collect/ssh/residue/generic-secrets.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../../src/collect/ssh/residue/generic-secrets.js')>();
  return {
    findGenericSecrets: (path: string, content: string) => {
      if (secretlint.fail) throw new Error(`secretlint choked on ${path}: ${content}`);
      return actual.findGenericSecrets(path, content);
    },
  };
});

const M = '@@fc-leftover';
const TOPS = ['etc', 'var', 'root', 'home'];
const KS_ROOTPW = { pattern: 'kickstart-rootpw', label: 'kickstart root password (rootpw)' };

/** A temp tree standing in for /, with root's and one account's passwd lines. */
function host(): { root: string; put(path: string, content: string): string } {
  const root = mkdtempSync(join(tmpdir(), 'fc-leftover-'));
  const put = (path: string, content: string): string => {
    const p = join(root, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  };
  put('etc/passwd', `root:x:0:0:root:${root}/root:/bin/bash\nprovops:x:1010:1010::${root}/home/provops:/bin/bash\n`);
  return { root, put };
}

/** The section's output with the tree's prefix taken off, so paths read as the host shows them, parsed. */
async function collect(root: string) {
  const r = runSnippet(rooted(leftoverScript(leftoverCatalogue(), LEFTOVER_READ_LIMIT), root, TOPS), M, { cwd: join(root, 'root'), limitMs: 20_000 });
  expect(r).toMatchObject({ status: 0, timedOut: false });
  return parseLeftoverSection(r.text.replaceAll(root, ''), M);
}

/**
 * `head` padded with short comment lines, no newline at the end, to exactly `bytes` bytes. Short:
 * one line of 256 KiB of letters costs the catalogue's chpasswd-pipe pattern minutes (it backtracks
 * quadratically), which this test is not about.
 */
const sized = (head: string, bytes: number): string => {
  const text = (head + `${'#'.padEnd(63, 'x')}\n`.repeat(Math.ceil(bytes / 64) + 1)).slice(0, bytes);
  return text.endsWith('\n') ? `${text.slice(0, -1)}x` : text;
};

describe('leftoverScript, run by sh', () => {
  it('reads each catalogue file once, judges only the patterns of its kind, and marks one past the read limit cut', async () => {
    const h = host();
    h.put('root/anaconda-ks.cfg', sized('lang en_US.UTF-8\r\nrootpw --plaintext Init-Root-77q\r\npassword = not-a-mycnf-line\r\n', LEFTOVER_READ_LIMIT + 1));
    h.put('root/ks.cfg', sized('rootpw --iscrypted $6$x$y\n', LEFTOVER_READ_LIMIT));
    // A kickstart line typed into a shell is history: the kickstart pattern does not apply there.
    h.put('home/provops/.bash_history', 'rootpw --plaintext typed-by-hand\nipmitool -H bmc01 -U admin -P Bmc-Pass-1 chassis status\n');
    const fact = await collect(h.root);
    expect(fact.files.map((f) => [f.path, f.kind, f.state, f.truncated, f.credentials])).toEqual([
      ['/root/anaconda-ks.cfg', 'kickstart', 'read', true, [{ line: 2, ...KS_ROOTPW }]],
      ['/root/ks.cfg', 'kickstart', 'read', false, [{ line: 1, ...KS_ROOTPW }]],
      ['/home/provops/.bash_history', 'history', 'read', false, [{ line: 2, pattern: 'ipmitool-password', label: 'BMC password on an ipmitool command line (-P)' }]],
    ]);
    expect(fact.files[0]!.content.reveal().split('\n').slice(0, 2)).toEqual(['lang en_US.UTF-8', 'rootpw --plaintext Init-Root-77q']);
  });
});

describe('parseLeftoverSection', () => {
  it('records an unreadable file with nothing read, found or cut', async () => {
    const fact = await parseLeftoverSection(`${M} U /root/.netrc\n`, M);
    expect(fact.files).toEqual([{ path: '/root/.netrc', kind: 'netrc', state: 'unreadable', truncated: false, content: expect.anything(), credentials: [], generic: [] }]);
    expect(fact.files[0]!.content.reveal()).toBe('');
  });

  it('cuts the CR of CRLF line ends only, keeping a CR inside a line', async () => {
    // A provisioning log with a progress bar: curl and wget redraw a line with a bare CR.
    const text = [`${M} F /var/log/provision.log`, 'fetch  50%\rfetch 100%\r', 'done\r', '', `${M} E`].join('\n');
    const [file] = (await parseLeftoverSection(text, M)).files;
    expect(file!.content.reveal()).toBe('fetch  50%\rfetch 100%\ndone');
  });

  it('marks a file cut only when more than the read limit arrived', async () => {
    // The snippet prints the file as read, then its own newline and the end marker.
    const at = async (bytes: number) => (await parseLeftoverSection([`${M} F /root/ks.cfg`, sized('', bytes), `${M} E`].join('\n'), M)).files[0]!.truncated;
    expect(await at(LEFTOVER_READ_LIMIT)).toBe(false);
    expect(await at(LEFTOVER_READ_LIMIT + 1)).toBe(true);
  });

  it("counts the file's own last newline: a read of limit + 1 bytes that ends in one was cut", async () => {
    // head -c of limit + 1 bytes that stopped just after a newline reads the same whether the file ended there or went on.
    const endingInNewline = async (bytes: number) => (await parseLeftoverSection([`${M} F /root/ks.cfg`, sized('', bytes - 1), '', `${M} E`].join('\n'), M)).files[0]!.truncated;
    expect(await endingInNewline(LEFTOVER_READ_LIMIT)).toBe(false);
    expect(await endingInNewline(LEFTOVER_READ_LIMIT + 1)).toBe(true);
  });

  it('takes files from F and U records only', async () => {
    // `T` marked a cut inside a frame in older collecting scripts; it names no file of its own.
    const fact = await parseLeftoverSection([`${M} T /root/ks.cfg`, `${M} U /root/.pgpass`].join('\n'), M);
    expect(fact.files.map((f) => f.path)).toEqual(['/root/.pgpass']);
  });
});

describe('leftoverFilesSection.parse', () => {
  it('hands back the parsed files', async () => {
    const r = await leftoverFilesSection.parse(`${M} U /root/.netrc\n`, M);
    expect(r.ok && r.value.files.map((f) => [f.path, f.state])).toEqual([['/root/.netrc', 'unreadable']]);
  });

  it('says only what failed when the secret scan throws, never the text it was given', async () => {
    secretlint.fail = true;
    try {
      const r = await leftoverFilesSection.parse([`${M} F /root/provision.sh`, 'export TOKEN=Tok-Secret-55', '', `${M} E`].join('\n'), M);
      expect(r).toEqual({ ok: false, reason: 'collector', message: 'could not scan the provisioning leftovers for secrets' });
    } finally {
      secretlint.fail = false;
    }
  });
});
