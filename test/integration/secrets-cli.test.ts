import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse, parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { REPO, type CliRun } from './support/run-cli.js';

// `fleetcheck secrets …` against a store of the test's own: an age file and identity in a temporary
// directory, named by a copy of the lab inventory beside it (so its relative paths still resolve).
const dir = mkdtempSync(join(tmpdir(), 'fc-secrets-cli-'));
const identity = join(dir, 'identity.txt');
const store = join(dir, 'store.age');
const reportsDir = join(dir, 'reports');
const created: string[] = [];
afterAll(() => {
  created.forEach((f) => rmSync(f, { force: true }));
  rmSync(dir, { recursive: true, force: true });
});

function labInventoryWith(secrets: unknown, reports?: unknown): string {
  const doc = parseDocument(readFileSync(join(REPO, 'inventory/lab.yaml'), 'utf8'));
  doc.set('secrets', secrets);
  if (reports !== undefined) doc.set('reports', reports);
  const file = join(REPO, 'inventory', `.test-secrets-cli-${process.pid}-${created.length}.yaml`);
  writeFileSync(file, doc.toString());
  created.push(file);
  return file;
}
const inventory = labInventoryWith({ age: { file: store, identity: { file: identity } } }, { dir: reportsDir });

// Every value this test stores; none may ever appear in any output.
const VALUES = {
  osD409: 'Cli-Os-d409-Zq81',
  bmcD409: 'Cli-Bmc-d409-Hx42',
  bmcD411: 'Cli-Bmc-d411-Lp07',
  bmcA301: 'Cli-Bmc-a301-,"Rk',
  biosA301: 'Cli-Bios-a301-Tw3',
  osD410: 'Cli-Os-d410-Mm55',
  diskD410: 'Cli-Disk-d410-Yv19',
  diskD410b: 'Cli-Disk-d410b-Ua60',
};
const outputs: string[] = [];

/** Runs the real CLI; stdin is `input` when given, else closed (never a terminal). */
async function cli(args: string[], input?: string): Promise<CliRun> {
  const r = await execa('node', ['bin/fleetcheck.js', ...args], { cwd: REPO, reject: false, timeout: 120_000, ...(input === undefined ? { stdin: 'ignore' as const } : { input }) });
  const run = { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
  outputs.push(run.stdout, run.stderr);
  return run;
}

/** The store decrypted by Debian's age binary, as bytes. */
const decrypt = (): Buffer => execFileSync('age', ['--decrypt', '-i', identity, store]);
const storeDoc = () => parse(decrypt().toString('utf8')) as { hosts: Record<string, Record<string, unknown>> };
const reportFiles = () => (existsSync(reportsDir) ? readdirSync(reportsDir).sort() : []);
const snapshot = () => ({ plain: decrypt(), cipher: readFileSync(store), reports: reportFiles().map((f) => [f, readFileSync(join(reportsDir, f), 'utf8')]) });

const PURGE_HOSTS = 'd4-[09-11],a3-01';
const STORE_CHECKS = ['--check', 'residue.store-os-credentials', '--check', 'residue.store-retention'];
const statuses = (run: CliRun) =>
  Object.fromEntries((JSON.parse(run.stdout) as Report).hosts.map((h) => [h.name, Object.fromEntries(h.checks.map((c) => [c.id.replace('residue.', ''), c.status]))]));

describe('fleetcheck secrets against a temporary age store', () => {
  it('init creates the identity and an empty store, both 0600, readable by age', async () => {
    const run = await cli(['secrets', 'init', '--inventory', inventory]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`created empty secret store ${store}`);
    expect(statSync(identity).mode & 0o777).toBe(0o600);
    expect(statSync(store).mode & 0o777).toBe(0o600);
    expect(storeDoc()).toEqual({ hosts: {} });
  });

  it('set reads the value from stdin; list shows key and account, never the value', async () => {
    const set = await cli(['secrets', 'set', 'd4-09', 'os', 'root', '--handover', '2026-01-02', '--inventory', inventory], `${VALUES.osD409}\n`);
    expect(set.exitCode).toBe(0);
    expect(storeDoc().hosts['d4-09']).toEqual({ os: [{ user: 'root', password: VALUES.osD409, handover: '2026-01-02' }] });
    const list = await cli(['secrets', 'list', '--inventory', inventory]);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/^d4-09 .*os: root$/m);
  });

  it('import merges a CSV of BMC accounts and a YAML of OS logins and disks', async () => {
    const csv = join(dir, 'handover.csv');
    writeFileSync(
      csv,
      `host,user,password,privilege,bios_password\nd4-11,ADMIN,${VALUES.bmcD411},administrator,\nd4-09,ADMIN,${VALUES.bmcD409},operator,\na3-01,ADMIN,"${VALUES.bmcA301.replace(/"/g, '""')}",,${VALUES.biosA301}\n`,
      { mode: 0o600 },
    );
    expect((await cli(['secrets', 'import', csv, '--inventory', inventory])).exitCode).toBe(0);
    const yaml = join(dir, 'handover.yaml');
    writeFileSync(
      yaml,
      [
        'hosts:',
        '  d4-10:',
        '    os:',
        `      - { user: root, password: "${VALUES.osD410}" }`,
        '    disks:',
        `      - { device: /dev/md1, passphrase: "${VALUES.diskD410}", handover: 2026-01-02 }`,
        `      - { device: /dev/md2, passphrase: "${VALUES.diskD410b}", handover: 2099-01-01 }`,
      ].join('\n') + '\n',
      { mode: 0o600 },
    );
    expect((await cli(['secrets', 'import', yaml, '--inventory', inventory])).exitCode).toBe(0);
    const doc = storeDoc();
    expect(doc.hosts['a3-01']).toEqual({ bmc: { accounts: [{ user: 'ADMIN', password: VALUES.bmcA301, privilege: 'administrator' }] }, bios: { password: VALUES.biosA301 } });
    expect(doc.hosts['d4-09']).toMatchObject({ bmc: { accounts: [{ user: 'ADMIN', password: VALUES.bmcD409, privilege: 'operator' }] }, os: [{ user: 'root' }] });
    expect(Object.keys(doc.hosts).sort()).toEqual(['a3-01', 'd4-09', 'd4-10', 'd4-11']);
    const list = await cli(['secrets', 'list', '--inventory', inventory]);
    expect(list.stdout.trim().split('\n')).toEqual([
      'a3-01  bmc: ADMIN (administrator); bios: set',
      'd4-09  bmc: ADMIN (operator); bios: -; os: root',
      'd4-10  bmc: -; bios: -; os: root; disks: /dev/md1, /dev/md2',
      'd4-11  bmc: ADMIN (administrator); bios: -',
    ]);
  });

  it('scan --save keeps the JSON report (0640) without hosts past retention, and a saved report naming one fails the check', async () => {
    const first = await cli(['--inventory', inventory, '--hosts', PURGE_HOSTS, ...STORE_CHECKS, '--format', 'json', '--save']);
    expect(first.exitCode).toBe(1);
    // Piped, as under cron: the report is saved without a word on stderr.
    expect(first.stderr).toBe('');
    expect(reportFiles()).toEqual([expect.stringMatching(/^\d{8}T\d{6}Z\.json$/)]);
    expect(statuses(first)).toEqual({
      'a3-01': { 'store-os-credentials': 'pass', 'store-retention': 'pass' },
      'd4-09': { 'store-os-credentials': 'fail', 'store-retention': 'pass' },
      'd4-10': { 'store-os-credentials': 'fail', 'store-retention': 'pass' },
      'd4-11': { 'store-os-credentials': 'pass', 'store-retention': 'fail' },
    });
    // d4-11 is past retention: the saved copy leaves it out, recounted.
    const saved = JSON.parse(readFileSync(join(reportsDir, reportFiles()[0]!), 'utf8')) as Report;
    expect(saved.hosts.map((h) => h.name)).toEqual(['a3-01', 'd4-09', 'd4-10']);
    expect(saved.selection).toMatchObject({ hosts: ['a3-01', 'd4-09', 'd4-10'], hostCount: 3 });
    expect(statSync(join(reportsDir, reportFiles()[0]!)).mode & 0o777).toBe(0o640);
    const only = await cli(['--inventory', inventory, '--hosts', 'd4-11', ...STORE_CHECKS, '--format', 'json', '--save']);
    expect(only.exitCode).toBe(1);
    expect(reportFiles()).toHaveLength(1);

    // Reports saved while the hosts were still within retention name them: planted here as such.
    writeFileSync(join(reportsDir, '20261001T000000Z.json'), first.stdout, { mode: 0o640 });
    writeFileSync(join(reportsDir, '20261001T000001Z.json'), only.stdout, { mode: 0o640 });
    const naming = ['20261001T000000Z.json', '20261001T000001Z.json'];
    const again = await cli(['--inventory', inventory, '--hosts', 'd4-11', ...STORE_CHECKS, '--format', 'json']);
    const finding = (JSON.parse(again.stdout) as Report).hosts[0]!.checks.find((c) => c.id === 'residue.store-retention')!;
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/^the store still holds 1 BMC account\(s\) and 2 saved report\(s\) still name the host, past 2026-10-20/);
    expect(finding.evidence.map((e) => e.source)).toEqual(['secret store entry d4-11', ...naming.map((f) => join(reportsDir, f))]);
  });

  it('purge --dry-run lists keys and kinds and changes nothing', async () => {
    const before = snapshot();
    const run = await cli(['secrets', 'purge', '--inventory', inventory, '--host', PURGE_HOSTS, '--dry-run']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`would remove from the secret store ${store}:`);
    expect(run.stdout).toContain('  d4-09  OS login root (handed over on 2026-01-02)');
    expect(run.stdout).toContain('  d4-10  OS login root (handed over on 2026-01-02)');
    expect(run.stdout).toContain('  d4-10  disk passphrase for /dev/md1 (handed over on 2026-01-02)');
    expect(run.stdout).toMatch(/^ {2}d4-11 {2}the whole entry: 1 BMC account\(s\) \(retention ended 2026-10-20/m);
    expect(run.stdout).not.toMatch(/a3-01|\/dev\/md2/);
    expect(run.stdout).toMatch(/report deleted: it names no other host/);
    expect(run.stdout).toMatch(/report rewritten without it, summary recounted/);
    expect(run.stdout).toMatch(/dry run: nothing was changed$/m);
    const after = snapshot();
    expect(after.plain.equals(before.plain)).toBe(true);
    expect(after.cipher.equals(before.cipher)).toBe(true);
    expect(after.reports).toEqual(before.reports);
  });

  it('purge without --yes and no terminal refuses with exit 64 and changes nothing', async () => {
    const before = snapshot();
    const run = await cli(['secrets', 'purge', '--inventory', inventory, '--host', PURGE_HOSTS]);
    expect(run.exitCode).toBe(64);
    expect(run.stderr).toMatch(/refusing to remove without confirmation: standard input is not a terminal/);
    const after = snapshot();
    expect(after.cipher.equals(before.cipher)).toBe(true);
    expect(after.reports).toEqual(before.reports);
  });

  it('purge --yes removes exactly what policy says, and the store checks then pass', async () => {
    // Two reports saved in the same second get names that do not sort by time: tell them apart by content.
    const namesIn = (f: string) => (JSON.parse(readFileSync(join(reportsDir, f), 'utf8')) as Report).hosts.map((h) => h.name);
    const mixed = reportFiles().find((f) => namesIn(f).length > 1 && namesIn(f).includes('d4-11'));
    const savedWithout = reportFiles().find((f) => !namesIn(f).includes('d4-11'));
    const onlyD411 = reportFiles().find((f) => namesIn(f).join() === 'd4-11');
    const run = await cli(['secrets', 'purge', '--inventory', inventory, '--host', PURGE_HOSTS, '--yes']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`removed from the secret store ${store}:`);
    expect(run.stdout).toContain(`removed from the saved reports in ${reportsDir}:`);

    // The store: still an age file Debian's age opens, still 0600, with only what policy allows.
    expect(statSync(store).mode & 0o777).toBe(0o600);
    const doc = storeDoc();
    expect(Object.keys(doc.hosts).sort()).toEqual(['a3-01', 'd4-09', 'd4-10']);
    expect(doc.hosts['a3-01']).toEqual({ bmc: { accounts: [{ user: 'ADMIN', password: VALUES.bmcA301, privilege: 'administrator' }] }, bios: { password: VALUES.biosA301 } });
    expect(doc.hosts['d4-09']).toEqual({ bmc: { accounts: [{ user: 'ADMIN', password: VALUES.bmcD409, privilege: 'operator' }] } });
    expect(doc.hosts['d4-10']).toEqual({ disks: [{ device: '/dev/md2', passphrase: VALUES.diskD410b, handover: '2099-01-01' }] });
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    // The saved reports: the one naming only d4-11 is gone, the other no longer names it and is recounted.
    expect(reportFiles()).toEqual([mixed, savedWithout].sort());
    expect(onlyD411).toBeDefined();
    const rewritten = JSON.parse(readFileSync(join(reportsDir, mixed!), 'utf8')) as Report;
    expect(statSync(join(reportsDir, mixed!)).mode & 0o777).toBe(0o640);
    expect(rewritten.hosts.map((h) => h.name)).toEqual(['a3-01', 'd4-09', 'd4-10']);
    expect(rewritten.selection).toMatchObject({ hosts: ['a3-01', 'd4-09', 'd4-10'], hostCount: 3 });
    expect(rewritten.summary).toEqual({ hosts: { total: 3, compliant: 1, violation: 2, error: 0, notScanned: 0 }, checks: { pass: 4, fail: 2, warn: 0, error: 0, skip: 0 } });

    const scan = await cli(['--inventory', inventory, '--hosts', PURGE_HOSTS, ...STORE_CHECKS, '--format', 'json']);
    expect(scan.exitCode, scan.stderr).toBe(0);
    for (const [host, checks] of Object.entries(statuses(scan))) expect(checks, host).toEqual({ 'store-os-credentials': 'pass', 'store-retention': 'pass' });

    const rerun = await cli(['secrets', 'purge', '--inventory', inventory, '--host', PURGE_HOSTS, '--yes']);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stdout).toMatch(/^nothing to purge for a3-01, d4-09, d4-10, d4-11:/);
  });

  it('says a command store cannot be purged, with exit 78', async () => {
    const commandInventory = labInventoryWith({ command: { run: ['/bin/false'] } });
    const run = await cli(['secrets', 'purge', '--inventory', commandInventory, '--host', 'd4-11', '--yes']);
    expect(run.exitCode).toBe(78);
    expect(run.stderr).toMatch(/cannot remove anything from a command store: the operator's secret helper \(\/bin\/false\) owns it/);
  });

  it('documents purge with examples', async () => {
    const help = await cli(['secrets', 'purge', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/--dry-run/);
    expect(help.stdout).toMatch(/Examples:\n {2}fleetcheck secrets purge --host d4-11 --dry-run/);
  });

  it('never printed a stored value', () => {
    const text = outputs.join('\n');
    for (const value of Object.values(VALUES)) expect(text, 'a stored value leaked').not.toContain(value);
  });
});
