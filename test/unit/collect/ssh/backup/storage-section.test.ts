// The storage-copies section: the real snippet run by /bin/sh over a temp tree standing in for the host's /,
// its output parsed by parseStorageSection. The storage tools cannot run on the build machines; where a
// host has one, a stand-in prints what the real tool printed there (fixtures/lvs, zfs, btrfs) and exits as it did.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStorageSection, parseStorageSection, STORAGE_READ_LIMIT } from '../../../../../src/collect/ssh/backup/storage-section.js';
import type { BackupStorageFact } from '../../../../../src/facts/backup-storage.js';
import { rooted, runSnippet } from '../run-snippet.js';

const M = '@@fc-storage';
const TOPS = ['proc', 'sys', 'dev', 'etc'];
const fixture = (rel: string) => readFileSync(new URL(`../../../../../fixtures/${rel}`, import.meta.url), 'utf8');

/** A captured run of a tool: what it printed on each stream and how it exited. */
interface ToolRun { stdout: string; stderr?: string; status: number }
const captured = (dir: string): ToolRun => ({
  stdout: fixture(`${dir}/stdout`),
  stderr: dir.startsWith('zfs') ? '' : fixture(`${dir}/stderr`),
  status: Number(fixture(`${dir}/exitcode`).trim()),
});

/** What a host holds: files (a link when the value starts with `->`), a FIFO when null; the tools on its PATH. */
interface Host { files?: Record<string, string | null>; tools?: Record<string, ToolRun> }

/** Runs the section over `host`, with only the planted tools and what the section itself needs on PATH; its text at the host's paths. */
function run({ files = {}, tools = {} }: Host): string {
  const root = mkdtempSync(join(tmpdir(), 'fc-storage-'));
  for (const [path, content] of Object.entries(files)) {
    const at = join(root, path);
    mkdirSync(dirname(at), { recursive: true });
    if (content === null) execFileSync('mkfifo', [at]);
    else if (content.startsWith('->')) symlinkSync(content.slice(2).trim(), at);
    else if (path.endsWith('/')) mkdirSync(at, { recursive: true });
    else writeFileSync(at, content);
  }
  const bin = join(root, '.bin');
  mkdirSync(bin);
  for (const tool of ['ls', 'head', 'cat']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
  for (const [name, run] of Object.entries(tools)) {
    writeFileSync(join(bin, `${name}.out`), run.stdout);
    writeFileSync(join(bin, `${name}.err`), run.stderr ?? '');
    writeFileSync(join(bin, name), `#!/bin/sh\ncat '${bin}/${name}.out'\ncat '${bin}/${name}.err' >&2\nexit ${run.status}\n`, { mode: 0o755 });
  }
  const r = runSnippet(`PATH='${bin}'\n${rooted(backupStorageSection.script, root, TOPS)}`, M);
  expect(r.status).toBe(0);
  return r.text.replaceAll(root, '');
}

const collect = (host: Host): BackupStorageFact => parseStorageSection(run(host), M);

const NO_MD = 'Personalities : \nunused devices: <none>\n';

describe('snapshots from the storage tools', () => {
  it('lvs: the snapshot and its origin; complaints beside good output are no problem when lvs succeeds', () => {
    const fact = collect({ files: { 'proc/mdstat': NO_MD }, tools: { lvs: captured('lvs/snapshot') } });
    expect(fact).toEqual({
      snapshots: [{ tool: 'lvs', name: 'fcvg/snapshot0', origin: 'fcvg/data', created: '2026-03-02 11:14:07 +0000' }],
      drbd: [],
      drbdLoaded: false,
      mdArrays: [],
      problems: [],
      truncated: [],
    });
  });

  it('lvs that fails is a problem, with its first error line', () => {
    const fact = collect({ tools: { lvs: captured('lvs/unknown-vg') } });
    expect(fact.problems).toEqual(['lvs failed (exit 5): Volume group "nosuchvg" not found']);
    expect(fact.snapshots).toEqual([]);
  });

  it('zfs: each snapshot with its dataset and time', () => {
    const fact = collect({ tools: { zfs: captured('zfs/snapshots') } });
    expect(fact.snapshots).toEqual([
      { tool: 'zfs list', name: 'tank/srv@autosnap_2026-03-01_00:00:01_daily', origin: 'tank/srv', created: '2026-03-01T00:00:01.000Z' },
      { tool: 'zfs list', name: 'tank/srv@autosnap_2026-03-02_00:00:01_daily', origin: 'tank/srv', created: '2026-03-02T00:00:01.000Z' },
    ]);
    expect(fact.problems).toEqual([]);
  });

  it('zfs that fails without a word is a problem all the same', () => {
    expect(collect({ tools: { zfs: { stdout: '', status: 1 } } }).problems).toEqual(['zfs list failed (exit 1)']);
  });

  it('btrfs: each mounted btrfs is listed, and a failing listing is a problem naming its mount', () => {
    const fact = collect({
      files: {
        'proc/mounts': [
          '/dev/vda1 / ext4 rw,relatime 0 0',
          '/dev/vdb /srv btrfs rw,relatime,space_cache=v2,subvolid=5,subvol=/ 0 0',
          '',
        ].join('\n'),
      },
      tools: { btrfs: captured('btrfs/snapshots') },
    });
    expect(fact.snapshots).toEqual([
      { tool: 'btrfs subvolume list /srv', name: '.snapshots/srv-2026-03-02', created: '2026-11-23 01:13:10' },
      { tool: 'btrfs subvolume list /srv', name: '.snapshots/srv-before-upgrade', created: '2026-11-23 01:13:10' },
    ]);
    expect(fact.problems).toEqual([]);
    const denied = collect({
      files: { 'proc/mounts': '/dev/vdb /srv btrfs rw,relatime 0 0\n' },
      tools: { btrfs: { stdout: '', stderr: "ERROR: can't perform the search: Operation not permitted\n", status: 1 } },
    });
    expect(denied.problems).toEqual(["btrfs subvolume list /srv failed (exit 1): ERROR: can't perform the search: Operation not permitted"]);
  });

  it('storage that exists without its tool is a problem; with no such storage a missing tool is none', () => {
    const fact = collect({
      files: {
        'dev/mapper/control': '',
        'dev/mapper/vg0-srv': '',
        'sys/module/zfs/': '',
        'proc/mounts': '/dev/vdb /srv btrfs rw,relatime 0 0\n',
      },
    });
    expect(fact.problems).toEqual([
      'device-mapper volume vg0-srv exists but lvs is missing',
      'the zfs module is loaded but zfs is missing',
      'btrfs is mounted at /srv but btrfs is missing',
    ]);
    expect(collect({ files: { 'dev/mapper/control': '', 'proc/mounts': '/dev/vda1 / ext4 rw 0 0\n' } }).problems).toEqual([]);
  });
});

describe('md arrays and DRBD', () => {
  it('an md member is known to be remote by its /sys/block link, beside lvs; DRBD resources and the loaded module are read', async () => {
    const text = run({
      tools: { lvs: captured('lvs/snapshot') },
      files: {
        'proc/mdstat': fixture('mdstat/nbd-member'),
        'sys/block/sda': '-> ../devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda',
        'sys/block/sdb': '-> ../devices/platform/host3/session1/target3:0:0/3:0:0:0/block/sdb',
        'proc/drbd': 'version: 8.4.11 (api:1/proto:86-101)\nsrcversion: 8DA8C7A6ED2F5D8D0EC0A2F\n 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n',
        'etc/drbd.d/global_common.conf': 'global {\n  usage-count no;\n}\ncommon {\n  net {\n    protocol C;\n  }\n}\n',
        'etc/drbd.d/r0.res': fixture('drbd/provider-peer.res'),
      },
    });
    // As the collector takes it: through the section's own parse.
    expect(await backupStorageSection.parse(text, M)).toEqual({ ok: true, value: {
      snapshots: [{ tool: 'lvs', name: 'fcvg/snapshot0', origin: 'fcvg/data', created: '2026-03-02 11:14:07 +0000' }],
      drbd: [{ name: 'r0', origin: '/etc/drbd.d/r0.res:1', addresses: ['10.10.0.7:7789', '10.250.9.14:7789'] }],
      drbdLoaded: true,
      mdArrays: [
        { name: 'md0', level: 'raid1', members: ['nbd0', 'sda2'], networkMembers: ['nbd0'] },
        { name: 'md1', level: 'raid1', members: ['sdb1', 'sda1'], networkMembers: ['sdb1'] },
      ],
      problems: [],
      truncated: [],
    } });
  });

  it('a DRBD file that must not be opened is a problem, one too large is cut, and the others are still read', () => {
    const fact = collect({
      files: {
        'etc/drbd.d/pipe.res': null,
        'etc/drbd.d/big.res': `resource big {\n  on backup-replica {\n    address 10.250.9.20:7789;\n  }\n}\n${'# padding\n'.repeat(STORAGE_READ_LIMIT / 10 + 10)}`,
        'etc/drbd.d/r0.res': fixture('drbd/provider-peer.res'),
      },
    });
    expect(fact.problems).toEqual(['cannot read /etc/drbd.d/pipe.res']);
    expect(fact.truncated).toEqual(['/etc/drbd.d/big.res']);
    expect(fact.drbd.map((r) => [r.name, r.addresses])).toEqual([['big', ['10.250.9.20:7789']], ['r0', ['10.10.0.7:7789', '10.250.9.14:7789']]]);
    expect(fact.drbdLoaded).toBe(false);
  });
});
