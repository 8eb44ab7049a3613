import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { fleetcheck, REPO } from './support/run-cli.js';
import { reportSchemaErrors } from './support/report-schema.js';

// The residue scenarios of rack D4 (fixtures/lab/fleet.yaml): which residue check fails on each.
const CHECKS = [
  'residue.provider-ssh-key',
  'residue.ssh-key-accepted',
  'residue.provider-ssh-ca',
  'residue.authorized-keys-command',
  'residue.provider-account',
  'residue.provisioning-credentials',
  'residue.provider-secret-in-files',
  'residue.provider-systems-secrets',
  'residue.store-os-credentials',
  'residue.store-retention',
];
const FAILS: Record<string, string[]> = {
  'd4-01': [],
  'd4-02': ['residue.provider-ssh-key'],
  // The drop-in's AuthorizedKeysFile is one sshd reads: the outside probe gets a yes for root too.
  'd4-03': ['residue.provider-ssh-key', 'residue.ssh-key-accepted'],
  'd4-04': ['residue.provider-ssh-ca'],
  'd4-05': ['residue.provider-account'],
  'd4-06': ['residue.provisioning-credentials'],
  'd4-07': ['residue.provisioning-credentials'],
  'd4-08': ['residue.provisioning-credentials'],
  'd4-09': ['residue.provider-secret-in-files', 'residue.store-os-credentials'],
  'd4-10': ['residue.store-os-credentials'],
  'd4-11': ['residue.store-retention'],
};

/** Every secret value of the lab: the store's, and those the scenarios plant in files on the hosts. */
function labSecrets(): string[] {
  const store = [...readFileSync('fixtures/lab/secrets.yaml', 'utf8').matchAll(/(?:password|passphrase): "([^"]+)"/g)].map((m) => m[1]!);
  const planted = ['Hist-Bmc-d408-Zr5', 'Cl0ud-Init-d407-Pw', '$6$d406kS9q$RlmqXYRBQTSjTcs', 'Init-Root-d409-Vb7k'];
  return [...store, ...planted];
}

/** Text of every file under the lab's log directories, so host logs are scanned too. */
function labLogs(dir = '.lab'): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isDirectory() && !['upper', 'work', 'merged', 'rootfs'].includes(name)) text += labLogs(path);
    else if (s.isFile() && name.endsWith('.log')) text += readFileSync(path, 'utf8');
  }
  return text;
}

const LAB = ['--inventory', 'inventory/lab.yaml', '--rack', 'D4', '--check', 'residue.*'];

describe('residue checks against rack D4', () => {
  let report: Report;
  const outputs: string[] = [];

  it('exits 1 with a schema-valid report', async () => {
    const run = await fleetcheck([...LAB, '--format', 'json']);
    outputs.push(run.stdout, run.stderr);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    report = JSON.parse(run.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.selection.hostCount).toBe(Object.keys(FAILS).length);
  });

  it.each(Object.entries(FAILS))('%s fails exactly %j', (name, fails) => {
    const host = report.hosts.find((h) => h.name === name)!;
    // The lab lists one provider key by fingerprint only: the outside probe cannot offer it, so where
    // sshd refused every key it could offer, residue.ssh-key-accepted warns rather than passes.
    const unfailed = (id: string): string => (id === 'residue.ssh-key-accepted' ? 'warn' : 'pass');
    const expected = Object.fromEntries(CHECKS.map((id) => [id, fails.includes(id) ? 'fail' : unfailed(id)]));
    expect(Object.fromEntries(host.checks.map((c) => [c.id, c.status]))).toEqual(expected);
    expect(host.verdict).toBe(fails.length === 0 ? 'compliant' : 'violation');
  });

  it('names file, line and kind of each finding', () => {
    const evidence = (host: string, id: string) => report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === id)!.evidence;
    expect(evidence('d4-02', 'residue.provider-ssh-key')[0]).toMatchObject({
      source: '/home/webadmin/.ssh/authorized_keys2:2',
      detail: expect.stringMatching(/as webadmin with options from,command,/),
    });
    expect(evidence('d4-03', 'residue.provider-ssh-key')[0]!.source).toBe('/etc/ssh/authorized_keys.d/root:1');
    expect(evidence('d4-04', 'residue.provider-ssh-ca')[0]!.source).toBe('/etc/ssh/user_ca_keys.pub:1');
    expect(evidence('d4-05', 'residue.provider-account').map((e) => e.source)).toEqual(['/home/provops/.ssh/authorized_keys', '/etc/sudoers.d/90-provops:2']);
    expect(evidence('d4-06', 'residue.provisioning-credentials')[0]).toEqual({ source: '/root/anaconda-ks.cfg:30', detail: 'kickstart: kickstart root password (rootpw) (value masked)' });
    expect(evidence('d4-07', 'residue.provisioning-credentials')[0]!.source).toBe('/var/lib/cloud/instances/iid-d407/user-data.txt:7');
    expect(evidence('d4-08', 'residue.provisioning-credentials')[0]!.source).toBe('/root/.bash_history:2');
    expect(evidence('d4-09', 'residue.provider-secret-in-files')[0]).toEqual({
      source: '/var/log/provision.log:2',
      detail: 'provisioning-log: the stored OS password of root (value masked)',
    });
  });

  it('prints the same findings as a table', async () => {
    const run = await fleetcheck(LAB);
    outputs.push(run.stdout, run.stderr);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/11 host\(s\): 1 compliant, 10 violation, 0 error/);
  });

  it('puts no lab secret into any report, message, error or log', async () => {
    // A secrets file the store rejects makes the store checks errors: their messages must not leak either.
    const dir = mkdtempSync(join(tmpdir(), 'fc-residue-'));
    const secretsFile = join(dir, 'secrets.yaml');
    writeFileSync(secretsFile, 'hosts:\n  d4-09:\n    os:\n      - { user: root, password: "Init-Root-d409-Vb7k", note: "Cl0ud-Init-d407-Pw" }\n', { mode: 0o600 });
    // The lab inventory with absolute paths and its secret store swapped for that file.
    const inventory = readFileSync('inventory/lab.yaml', 'utf8')
      .replaceAll('../', REPO)
      .replace(/^secrets:\n(?:[ #].*\n)*/m, `secrets:\n  file: ${secretsFile}\n`);
    writeFileSync(join(dir, 'lab.yaml'), inventory);
    const broken = await fleetcheck(['--inventory', join(dir, 'lab.yaml'), '--hosts', 'd4-09', '--check', 'residue.*', '--format', 'json']);
    outputs.push(broken.stdout, broken.stderr);
    const statuses = (JSON.parse(broken.stdout) as Report).hosts[0]!.checks.map((c) => `${c.id}=${c.status}`);
    expect(statuses).toContain('residue.store-os-credentials=error');
    expect(statuses).toContain('residue.provisioning-credentials=pass');
    const text = outputs.join('\n') + labLogs();
    for (const secret of labSecrets()) expect(text, 'a lab secret leaked').not.toContain(secret);
  });
});
