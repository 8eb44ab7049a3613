// The lab's provider systems (rack P15) hold what backup.provider-copies and
// residue.provider-systems-secrets are tested against: real copies of p15-01..04 made by the real tools
// on backup01, nothing of any rented host on backup02, p15-05's stored password in staff01's history.
// Read over the lab's real sshd with the scanner's key, with the tools installed on the systems.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/run-cli.js';

const ADDRESS = {
  'p15-01': '127.10.15.1',
  'p15-02': '127.10.15.2',
  'p15-03': '127.10.15.3',
  'p15-04': '127.10.15.4',
  'p15-06': '127.10.15.6',
  backup01: '127.10.15.101',
  backup02: '127.10.15.102',
  staff01: '127.10.15.103',
  billing01: '127.10.15.104',
} as const;

interface LabSecrets {
  hosts: Record<string, { os?: { user: string; password: string; handover?: string }[] }>;
  systems: Record<string, Record<string, string>>;
}
const secrets = parse(readFileSync(join(REPO, 'fixtures/lab/secrets.yaml'), 'utf8')) as LabSecrets;

/** Runs `command` as root on a lab host; `input` goes to its stdin (how passwords travel here, never argv). */
async function onHost(host: keyof typeof ADDRESS, command: string, input = ''): Promise<string> {
  const r = await execa(
    'ssh',
    ['-i', join(REPO, '.lab/keys/scanner_ed25519'), '-o', `UserKnownHostsFile=${join(REPO, '.lab/known_hosts')}`, '-o', 'BatchMode=yes',
      '-o', 'ConnectTimeout=5', `root@${ADDRESS[host]}`, command],
    { input, timeout: 60_000, reject: false },
  );
  if (r.exitCode !== 0) throw new Error(`${host}: \`${command}\` exited ${r.exitCode}: ${r.stderr}`);
  return r.stdout;
}

const resticPassword = secrets.systems.backup01!['restic-main']!;
const borgPassphrase = secrets.systems.backup01!['borg-main']!;
const restic = (args: string) => onHost('backup01', `restic --no-cache --password-file /dev/stdin -r /srv/restic/main ${args}`, resticPassword);
const borg = (args: string) => onHost('backup01', `BORG_PASSPHRASE_FD=0 borg ${args}`, borgPassphrase);
const catalog = async (sql: string, host: 'backup01' | 'backup02' = 'backup01') => {
  const out = await onHost(host, `sqlite3 -json /var/lib/bacula/bacula.db "${sql}"`);
  // sqlite3 prints nothing at all for an empty result.
  return (out.trim() === '' ? [] : JSON.parse(out)) as Record<string, unknown>[];
};

describe('the provider backup server backup01', () => {
  it('has a Bacula catalog whose only job is a finished Full backup of p15-01 by its file daemon, listing p15-01’s files', async () => {
    const jobs = await catalog('SELECT Job.Name, Client.Name AS Client, Job.Type, Job.Level, Job.JobStatus, Job.JobFiles, Job.EndTime FROM Job JOIN Client USING (ClientId)');
    expect(jobs).toEqual([expect.objectContaining({ Name: 'p15-01', Client: 'p15-01-fd', Type: 'B', Level: 'F', JobStatus: 'T', JobFiles: 3 })]);
    expect(jobs[0]!.EndTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // The file daemon reported its OS and version into the catalog: a job a real bacula-fd ran, not a written row.
    const [client] = await catalog('SELECT Uname FROM Client');
    expect(client!.Uname).toMatch(/^9\.6\.7 .*debian/);
    const files = await catalog("SELECT Filename.Name FROM File JOIN Filename USING (FilenameId) WHERE Filename.Name <> ''");
    const onHostFiles = (await onHost('p15-01', 'ls /srv/data')).split('\n');
    expect(files.map((f) => f.Name).sort()).toEqual(onHostFiles.sort());
    // The volume the storage daemon wrote holds the job's data.
    expect(await onHost('backup01', 'ls /srv/bacula/volumes')).toBe('Vol-0001');
  });

  it('backs up p15-01 through a Bacula file daemon that runs there on 127.10.15.1:9102', async () => {
    const exe = await onHost('p15-01', 'readlink /proc/$(cat /run/bacula/bacula-fd.9102.pid)/exe');
    expect(exe).toBe('/usr/sbin/bacula-fd');
    const listening = await onHost('p15-01', 'cat /proc/net/tcp');
    // 127.10.15.1:9102 as the kernel writes it: little-endian address, port 0x238E, state 0A (LISTEN).
    expect(listening).toMatch(/: 010F0A7F:238E 00000000:0000 0A /);
  });

  it('has a restic snapshot taken on p15-02 whose file is p15-02’s, opened with the password from the secret store', async () => {
    const snapshots = JSON.parse(await restic('snapshots --json')) as { hostname: string; paths: string[]; short_id: string }[];
    expect(snapshots.map((s) => [s.hostname, s.paths])).toEqual([['p15-02', ['/srv/data']]]);
    const kept = await restic(`dump ${snapshots[0]!.short_id} /srv/data/catalogue.txt`);
    expect(kept).toBe(await onHost('p15-02', 'cat /srv/data/catalogue.txt'));
  });

  it('has a borg archive made on p15-03 whose file is p15-03’s', async () => {
    const info = JSON.parse(await borg('info --json --last 1 /srv/borg/main')) as { archives: { name: string; hostname: string }[] };
    expect(info.archives.map((a) => a.hostname)).toEqual(['p15-03']);
    const kept = await borg(`extract --stdout /srv/borg/main::${info.archives[0]!.name} srv/data/measurements.txt`);
    expect(kept).toBe(await onHost('p15-03', 'cat /srv/data/measurements.txt'));
  });

  it('has an rsnapshot.conf with a backup line for p15-04 and the snapshot rsnapshot made of it', async () => {
    const conf = await onHost('backup01', 'cat /etc/rsnapshot.conf');
    expect(conf.split('\n').filter((l) => l.startsWith('backup\t'))).toEqual([`backup\troot@${ADDRESS['p15-04']}:/srv/data/\tp15-04/`]);
    expect(await onHost('backup01', 'cat /srv/rsnapshot/alpha.0/p15-04/srv/data/uploads.txt')).toBe(await onHost('p15-04', 'cat /srv/data/uploads.txt'));
  });

  it('keeps nothing of p15-05 and p15-06 anywhere it keeps copies', async () => {
    const found = await onHost('backup01', `grep -rlaE 'p15-0[56]|${ADDRESS['p15-06'].replaceAll('.', '\\.')}\\b' /etc/bacula /etc/rsnapshot.conf /var/lib/bacula /srv || true`);
    expect(found).toBe('');
  });
});

describe('the cached copies of backup01', () => {
  // The stamp records what the copies were made from; the passwords must not be in it, not even hashed.
  it('are recorded without the repository passwords', () => {
    const stamp = readFileSync('/var/cache/fleetcheck/rootfs/provider-copies/backup01.stamp', 'utf8');
    expect(stamp).toMatch(/^provider copies of backup01 by script [0-9a-f]{16} over \S+ from trees [0-9a-f]{16}\n/);
    for (const value of [resticPassword, borgPassphrase]) expect(stamp.includes(value)).toBe(false);
  });
});

describe('the clean backup server backup02', () => {
  it('has the backup packages with their own empty catalog and no copy of any rented host', async () => {
    const installed = await onHost('backup02', 'dpkg-query -W -f "\\${Package} \\${db:Status-Status}\\n" bacula-director bacula-sd restic borgbackup rsnapshot');
    expect(installed.split('\n').sort()).toEqual(['bacula-director', 'bacula-sd', 'borgbackup', 'restic', 'rsnapshot'].map((p) => `${p} installed`));
    expect(await catalog('SELECT JobId FROM Job', 'backup02')).toEqual([]);
    expect(await catalog('SELECT ClientId FROM Client', 'backup02')).toEqual([]);
    expect(await onHost('backup02', 'ls -A /srv; grep -rlaE "p15-|127\\.10\\." /etc/bacula /etc/rsnapshot.conf /var/lib/bacula || true')).toBe('');
  });
});

describe('the staff computer staff01 and the billing server billing01', () => {
  const [stored] = secrets.hosts['p15-05']!.os!;

  it('p15-05’s stored root password has a past handover', () => {
    expect(stored!.user).toBe('root');
    expect(new Date(stored!.handover!).getTime()).toBeLessThan(Date.now());
  });

  // Compared in memory; only booleans reach the test output.
  it('has p15-05’s stored root password in root’s shell history, and billing01 has it nowhere', async () => {
    expect((await onHost('staff01', 'cat /root/.bash_history')).includes(stored!.password)).toBe(true);
    const billing = await onHost('billing01', 'cat /etc/hostname; find /root /home /etc -type f -size -1000k -exec cat {} + 2>/dev/null || true');
    // The files were read: the host name first, then at least root's shell startup file.
    expect(billing.startsWith('billing01\n')).toBe(true);
    expect(billing).toContain('PS1');
    expect(billing.includes(stored!.password)).toBe(false);
  });
});
