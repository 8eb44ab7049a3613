// Reads a provider system built on this machine with the real tools (restic, borg, sqlite3 on
// Debian's Bacula catalog schema, rsnapshot's configuration) through the real collecting command,
// under strace: every repository password reaches its tool on a pipe, never in an argv or environment.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readProviderSystem } from '../../../../src/collect/provider/read-provider-system.js';
import { CATALOG_JOBS_SQL } from '../../../../src/collect/provider/provider-system-script.js';
import type { ProviderSystemRead } from '../../../../src/facts/provider-systems.js';
import type { ProviderSystem } from '../../../../src/inventory/types.js';
import { Secret } from '../../../../src/model/secret.js';
import type { SecretStore } from '../../../../src/secrets/secret-store.js';
import { backupProviderCopies } from '../../../../src/checks/backup/provider-copies.js';
import { testHost, testProvider } from '../../support/hosts.js';
import { localOpenSsh } from './local-shell.js';

const CAPTURE = resolve('fixtures/provider-systems-capture');
const RESTIC_PW = 'repopw-restic-Zq1x';
const BORG_PW = 'repopw-borg-Zq2y';

let dir: string;

function run(cmd: string, args: string[], input?: string, env: Record<string, string> = {}): void {
  execFileSync(cmd, args, { input, env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'pipe'] });
}

/** A store answering the repository passwords it is given; a test can leave one out. */
function store(passwords: Record<string, string>): SecretStore {
  return {
    description: 'memory',
    forHost: async () => ({ ok: false, reason: 'secret-absent', message: 'none' }),
    forSystem: async (ref) => {
      const v = passwords[`${ref.system}/${ref.name}`];
      return v === undefined ? { ok: false, reason: 'secret-absent', message: 'absent' } : { ok: true, value: new Secret(v) };
    },
  };
}

function system(overrides: Partial<ProviderSystem> = {}): ProviderSystem {
  return {
    name: 'backup01',
    role: 'backup',
    ssh: { address: '127.0.0.1', port: 22, user: 'root', agent: false, knownHosts: '/dev/null', connectTimeoutMs: 5000, commandTimeoutMs: 60_000, access: 'login', probeAccounts: [] },
    hostTimeoutMs: 90_000,
    bacula: { config: join(dir, 'bacula-dir.conf'), catalog: join(dir, 'bacula.db') },
    restic: [{ repository: join(dir, 'restic'), password: { system: 'backup01', name: 'restic-main' } }],
    borg: [{ repository: join(dir, 'borg'), password: { system: 'backup01', name: 'borg-main' } }],
    rsnapshot: { config: join(dir, 'rsnapshot.conf') },
    trees: [join(dir, 'rsync')],
    snapshotRoots: [],
    files: [],
    ...overrides,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fc-provider-'));
  const source = join(dir, 'data', 'etc');
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, 'hostname'), 'p15-02\n');
  // restic: a real repository with a real snapshot of "p15-02" (the setup's password file is the test's own).
  const pwFile = join(dir, 'restic-password');
  writeFileSync(pwFile, RESTIC_PW, { mode: 0o600 });
  run('restic', ['init', '-q', '-r', join(dir, 'restic'), '--password-file', pwFile]);
  run('restic', ['backup', '-q', '-r', join(dir, 'restic'), '--password-file', pwFile, '--host', 'p15-02', join(dir, 'data')]);
  // borg: a repokey repository with an archive named after p15-03.
  const borgEnv = { BORG_BASE_DIR: join(dir, 'borg-home'), BORG_PASSPHRASE_FD: '0' };
  run('borg', ['init', '-e', 'repokey', join(dir, 'borg')], BORG_PW, borgEnv);
  run('borg', ['create', `${join(dir, 'borg')}::p15-03-2026-12-07`, join(dir, 'data')], BORG_PW, borgEnv);
  // Bacula: Debian's catalog schema, with the rows a backup of p15-01-fd leaves.
  const db = join(dir, 'bacula.db');
  run('sqlite3', [db], readFileSync(join(CAPTURE, 'bacula-catalog-schema.sql'), 'utf8'));
  run('sqlite3', [
    db,
    "INSERT INTO Client (ClientId, Name, Uname) VALUES (1,'backup01-fd','9.6.7'),(2,'p15-01-fd','9.6.7'); " +
      "INSERT INTO Job (JobId, Job, Name, Type, Level, ClientId, JobStatus, SchedTime, StartTime, EndTime, JobFiles, JobBytes) VALUES " +
      "(1,'BackupP1501.2026-12-06_22.05.01_03','BackupP1501','B','F',2,'T','2026-12-06 22:05:00','2026-12-06 22:05:01','2026-12-06 22:05:09',1874,48211977);",
  ]);
  writeFileSync(join(dir, 'bacula-dir.conf'), readFileSync(join(CAPTURE, 'bacula-dir.conf'), 'utf8'));
  // rsnapshot: Debian's configuration pointed at a tree here, with an interval directory for p15-04.
  const conf = readFileSync(join(CAPTURE, 'rsnapshot.conf'), 'utf8').replace(/^snapshot_root\t.*$/m, `snapshot_root\t${join(dir, 'rsnapshot')}/`);
  writeFileSync(join(dir, 'rsnapshot.conf'), conf);
  mkdirSync(join(dir, 'rsnapshot', 'alpha.0', 'p15-04', 'etc'), { recursive: true });
  mkdirSync(join(dir, 'rsync', 'other-server'), { recursive: true });
}, 60_000);

const hosts = ['p15-01', 'p15-02', 'p15-03', 'p15-04', 'p15-05'].map((name, i) =>
  testHost({ name, secretsKey: name, ssh: { ...testHost().ssh, address: `127.10.15.${i + 1}` } }),
);

function judge(read: ProviderSystemRead, host = hosts[0]!) {
  return backupProviderCopies.evaluate({ 'provider.systems': { systems: [read] } }, { host, provider: testProvider(), now: new Date(), mode: 'contract', modeReason: '' });
}

describe('readProviderSystem on real tools', () => {
  it('reads every source and no repository password reaches an argv or environment', async () => {
    const log = join(dir, 'execve.log');
    const ssh = localOpenSsh({ straceLog: log });
    const read = await readProviderSystem(system(), { openSsh: ssh.open, secrets: store({ 'backup01/restic-main': RESTIC_PW, 'backup01/borg-main': BORG_PW }), acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    expect(read.reached).toBe(true);
    const state = Object.fromEntries(read.sources.map((s) => [s.source.split(' ')[0] + ' ' + (s.source.split(' ')[1] ?? ''), s.state]));
    expect(read.sources.filter((s) => s.state === 'failed')).toEqual([]);
    expect(state['restic ' + join(dir, 'restic')]).toBe('read');
    expect(state['borg ' + join(dir, 'borg')]).toBe('read');
    const calls = readFileSync(log, 'utf8');
    // The trace saw the tools run (with -v, their environment too), so its silence about the passwords means something.
    expect(calls).toMatch(/execve\("[^"]*\/restic", \["restic", "--no-lock"/);
    expect(calls).toMatch(/execve\("[^"]*\/borg", \["borg", "list"/);
    expect(calls).toMatch(/BORG_PASSPHRASE_FD=0/);
    expect(calls).toMatch(/execve\("[^"]*\/sqlite3", \["sqlite3", "-readonly"/);
    expect(calls.includes(RESTIC_PW)).toBe(false);
    expect(calls.includes(BORG_PW)).toBe(false);
    // Nor does the fact: it holds places and names only.
    expect(JSON.stringify(read).includes(RESTIC_PW) || JSON.stringify(read).includes(BORG_PW)).toBe(false);

    // What restic and borg answered proves they got the passwords: an encrypted repository lists nothing without.
    const restic = read.holdings.find((h) => h.kind === 'restic-snapshot');
    expect(restic).toMatchObject({ copy: true, names: expect.arrayContaining(['p15-02']) });
    expect(restic!.place).toMatch(new RegExp(`^${join(dir, 'restic')} snapshot [0-9a-f]{8}$`));
    expect(read.holdings.find((h) => h.kind === 'borg-archive')).toMatchObject({ copy: true, place: `${join(dir, 'borg')}::p15-03-2026-12-07` });
    expect(read.holdings.find((h) => h.kind === 'bacula-job')).toMatchObject({
      copy: true,
      place: `catalog ${join(dir, 'bacula.db')} JobId 1 (BackupP1501.2026-12-06_22.05.01_03)`,
      date: '2026-12-06 22:05:09',
      names: expect.arrayContaining(['p15-01-fd']),
    });
    expect(read.holdings.find((h) => h.kind === 'bacula-client' && h.names.includes('p15-01-fd'))).toMatchObject({ copy: false, names: ['p15-01-fd', '127.10.15.1'] });
    // Debian's own three `backup` lines (localhost) and the one added for p15-04, and p15-04's interval directory.
    const rsnapshot = read.holdings.filter((h) => h.kind === 'rsnapshot-backup');
    expect(rsnapshot.filter((h) => !h.copy).map((h) => h.names[1])).toEqual(['localhost/', 'localhost/', 'localhost/', 'p15-04/']);
    expect(rsnapshot.filter((h) => h.copy)).toEqual([expect.objectContaining({ place: `${join(dir, 'rsnapshot')}/alpha.0/p15-04`, names: ['p15-04'] })]);
    expect(read.holdings.find((h) => h.kind === 'rsync-tree')).toMatchObject({ names: ['other-server'] });
  }, 120_000);

  it('judges each host from what the system holds: p15-01..04 fail with system, place and date; p15-05 passes', async () => {
    const read = await readProviderSystem(system(), { openSsh: localOpenSsh().open, secrets: store({ 'backup01/restic-main': RESTIC_PW, 'backup01/borg-main': BORG_PW }), acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    const p1501 = judge(read, hosts[0]);
    expect(p1501.status).toBe('fail');
    expect(p1501.evidence.map((e) => e.source)).toEqual(
      expect.arrayContaining([`backup01: catalog ${join(dir, 'bacula.db')} JobId 1 (BackupP1501.2026-12-06_22.05.01_03)`, expect.stringMatching(/^backup01: .*bacula-dir\.conf:\d+ Client p15-01-fd$/)]),
    );
    expect(p1501.evidence[0]!.detail).toContain('2026-12-06 22:05:09');
    expect(judge(read, hosts[1]).evidence[0]!.source).toMatch(/^backup01: .*restic snapshot [0-9a-f]{8}$/);
    expect(judge(read, hosts[2]).evidence[0]!.source).toBe(`backup01: ${join(dir, 'borg')}::p15-03-2026-12-07`);
    const p1504 = judge(read, hosts[3]);
    expect(p1504.status).toBe('fail');
    expect(p1504.evidence.map((e) => e.source)).toEqual(expect.arrayContaining([`backup01: ${join(dir, 'rsnapshot')}/alpha.0/p15-04`]));
    const p1505 = judge(read, hosts[4]);
    expect(p1505.status).toBe('pass');
  }, 120_000);

  it('a repository whose password is not in the store is a failed source, and a clean host is error, not pass', async () => {
    const ssh = localOpenSsh();
    const read = await readProviderSystem(system(), { openSsh: ssh.open, secrets: store({ 'backup01/borg-main': BORG_PW }), acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    expect(read.sources.find((s) => s.source === `restic ${join(dir, 'restic')}`)).toEqual({ source: `restic ${join(dir, 'restic')}`, state: 'failed', message: 'repository password backup01/restic-main is not in the secret store' });
    expect(judge(read, hosts[4]).status).toBe('error');
    // A host with a copy elsewhere still fails: what is known is not hidden by what is not.
    expect(judge(read, hosts[2]).status).toBe('fail');
  }, 120_000);

  it('a wrong repository password is a failed source with restic\'s own reason', async () => {
    const read = await readProviderSystem(system({ borg: [] }), { openSsh: localOpenSsh().open, secrets: store({ 'backup01/restic-main': 'not-the-password' }), acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    const restic = read.sources.find((s) => s.source.startsWith('restic '));
    expect(restic?.state).toBe('failed');
    expect(restic?.message).toMatch(/restic failed \(exit 1\).*wrong password/);
  }, 60_000);

  it('a system that cannot be reached is unreached, and error for every host', async () => {
    const refused = (async () => {
      const { TransportError } = await import('../../../../src/transport/transport-error.js');
      throw new TransportError('unreachable', 'connect ECONNREFUSED 127.0.0.1:22');
    }) as unknown as Parameters<typeof readProviderSystem>[1]['openSsh'];
    const read = await readProviderSystem(system(), { openSsh: refused, secrets: store({}), acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    expect(read.reached).toBe(false);
    expect(read.message).toContain('ECONNREFUSED');
    for (const host of hosts) expect(judge(read, host).status).toBe('error');
  });

  it('without a sqlite catalog, asks the director through bconsole (here a stand-in printing captured output)', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(dir, 'bconsole.conf'), 'Director { Name = backup01-dir }\n');
    // The lab's real `bconsole` session (fixtures/provider-systems/bconsole-list.txt), replayed: the script's own branch and parsing are what is tested.
    writeFileSync(join(bin, 'bconsole'), `#!/bin/sh\n[ "$1" = -c ] && [ -f "$2" ] || exit 2\ncat >/dev/null\ncat ${resolve('fixtures/provider-systems/bconsole-list.txt')}\n`, { mode: 0o755 });
    const ssh = localOpenSsh({ editScript: (s) => s.replace('PATH=/usr/sbin', `PATH=${bin}:/usr/sbin`) });
    const sys = system({ bacula: { config: join(dir, 'bacula-dir.conf'), bconsole: join(dir, 'bconsole.conf') }, restic: [], borg: [] });
    const read = await readProviderSystem(sys, { openSsh: ssh.open, secrets: store({}), acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    expect(read.sources.find((s) => s.source.startsWith('bacula catalog'))).toMatchObject({ state: 'read' });
    expect(read.holdings.find((h) => h.kind === 'bacula-job')).toMatchObject({ place: 'catalog (bconsole llist jobs) JobId 1 (p15-01.2026-12-07_03.29.02_03)', names: expect.arrayContaining(['p15-01-fd']) });
  }, 60_000);

  it('the catalog query runs on the real schema of Debian\'s Bacula catalog', () => {
    const r = spawnSync('sqlite3', ['-readonly', '-json', join(dir, 'bacula.db'), CATALOG_JOBS_SQL], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ JobId: 1, Client: 'p15-01-fd', Type: 'B', JobFiles: 1874, JobBytes: 48211977 })]);
  });
});
