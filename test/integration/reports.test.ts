// One run over the whole lab writes every format, and each is checked by its own validator: the
// JSON Schema, xmllint against the JUnit XSD, promtool, and a real headless chromium. Then the
// signed offboarding certificates of every lab host, and the change summary of saved reports.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { openChromium } from '../unit/support/chromium-page.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { fleetcheck, REPO } from './support/run-cli.js';

const LAB = ['--inventory', 'inventory/lab.yaml'];
const XSD = join(REPO, 'fixtures/junit/junit-10.xsd');
const OUTPUT_DIR = join(REPO, 'test-output/reports');
const out = mkdtempSync(join(tmpdir(), 'fc-reports-'));
const files = { json: join(out, 'report.json'), junit: join(out, 'junit.xml'), prom: join(out, 'fleetcheck.prom'), html: join(out, 'rack.html') };

/** The unwaived failures of a host, as JUnit must count them. */
const failuresOf = (h: Report['hosts'][number]) => h.checks.filter((c) => c.status === 'fail' && !(c.waiver && !c.waiver.expired)).length;

/** The lab's host names, from `fleetcheck list`. */
async function labHosts(): Promise<string[]> {
  const run = await fleetcheck(['list', ...LAB, '--format', 'json']);
  expect(run.exitCode, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { hosts: Array<{ name: string }> }).hosts.map((h) => h.name);
}

describe('the whole lab in one run, every format', () => {
  let stdout = '';
  let report: Report;

  beforeAll(async () => {
    const run = await fleetcheck(
      [...LAB, '--report', 'table', '--report', `json:${files.json}`, '--report', `junit:${files.junit}`, '--report', `prometheus:${files.prom}`, '--report', `html:${files.html}`],
      { timeoutMs: 300_000 },
    );
    // The lab has violations (a3-02, c2-*, d4-*, …): exit 1, as with one output.
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toBe('');
    stdout = run.stdout;
    report = JSON.parse(readFileSync(files.json, 'utf8')) as Report;
  }, 300_000);

  it('writes the table on standard output and the JSON report that conforms to its schema', async () => {
    expect(stdout).toMatch(/^HOST +RACK +VERDICT +CHECK +STATUS +MESSAGE$/m);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.hosts.map((h) => h.name)).toEqual(await labHosts());
    expect(stdout).toContain(`${report.summary.hosts.total} host(s): ${report.summary.hosts.compliant} compliant, ${report.summary.hosts.violation} violation`);
  });

  it('every file atomically in place: no temporary file left, reports 0640, the textfile 0644', () => {
    expect(execFileSync('ls', ['-A', out], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()).toEqual(['fleetcheck.prom', 'junit.xml', 'rack.html', 'report.json']);
    expect(statSync(files.junit).mode & 0o777).toBe(0o640);
    expect(statSync(files.prom).mode & 0o777).toBe(0o644);
  });

  it('JUnit validates against the XSD and has one suite per host with its counts', () => {
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, files.junit], { encoding: 'utf8' });
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
    const xpath = (expr: string) => execFileSync('xmllint', ['--nonet', '--xpath', expr, files.junit], { encoding: 'utf8' }).replace(/\n$/, '');
    expect(xpath('count(/testsuites/testsuite)')).toBe(String(report.hosts.length));
    for (const h of report.hosts) {
      expect(xpath(`string(/testsuites/testsuite[@name="${h.name}"]/@tests)`), h.name).toBe(String(h.checks.length));
      expect(xpath(`string(/testsuites/testsuite[@name="${h.name}"]/@failures)`), h.name).toBe(String(failuresOf(h)));
      expect(xpath(`string(/testsuites/testsuite[@name="${h.name}"]/@errors)`), h.name).toBe(String(h.checks.filter((c) => c.status === 'error').length));
    }
    // The lab waives bmc.cipher-zero on every ipmi_sim: those test cases are skipped with the waiver's reason.
    expect(xpath('string(/testsuites/testsuite[@name="a3-01"]/testcase[@name="bmc.cipher-zero"]/skipped/@type)')).toBe('waived');
  });

  it('the Prometheus textfile passes promtool and says each host\'s verdict', () => {
    const text = readFileSync(files.prom, 'utf8');
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    for (const h of report.hosts) expect(text).toContain(`fleetcheck_host_verdict{host="${h.name}",rack="${h.rack}",verdict="${h.verdict}"} 1\n`);
    expect(text).toMatch(/^fleetcheck_last_success_timestamp_seconds \d+(\.\d+)?$/m);
  });

  it('the HTML rack view, in chromium: every rack, every server in its verdict\'s colour, findings on click', async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const browser = await openChromium();
    try {
      const { page } = browser;
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(files.html).href);
      const racks = [...new Set(report.hosts.map((h) => h.rack))];
      expect(await page.$$eval('section.rack', (els) => els.map((e) => e.getAttribute('data-rack')))).toEqual(racks);
      const servers = await page.$$eval('button.server', (els) => els.map((e) => `${e.getAttribute('data-host')} ${e.getAttribute('data-verdict')}`));
      expect(servers).toEqual(report.hosts.map((h) => `${h.name} ${h.verdict}`));
      const a302 = report.hosts.find((h) => h.name === 'a3-02')!;
      await page.click('button.server[data-host="a3-02"]');
      expect(await page.locator('article.detail:visible').getAttribute('data-host')).toBe('a3-02');
      expect(await page.locator('article.detail:visible tbody tr').count()).toBe(a302.checks.length);
      expect(await page.locator('article.detail:visible tr.s-fail[data-check="residue.provider-ssh-key"] .evidence li').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(OUTPUT_DIR, 'lab-rack-view.png'), fullPage: true });
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('outputs and their failures', () => {
  it('--format/--output accept every format', async () => {
    const file = join(out, 'legacy.xml');
    const run = await fleetcheck([...LAB, '--hosts', 'b1-02', '--format', 'junit', '--output', file]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file]).status).toBe(0);
  });

  it('a failed write is exit 78 naming the path, and the other outputs are still written', async () => {
    // /dev/full passes the check before the scan (a system stream) and fails the write itself after it.
    const prom = join(out, 'still.prom');
    const run = await fleetcheck([...LAB, '--hosts', 'b1-02', '--report', 'json:/dev/full', '--report', `prometheus:${prom}`]);
    expect(run.exitCode).toBe(78);
    expect(run.stderr).toBe('fleetcheck: cannot write /dev/full (json): ENOSPC');
    expect(readFileSync(prom, 'utf8')).toContain('fleetcheck_host_verdict{host="b1-02",rack="B1",verdict="compliant"} 1');
    expect(run.stdout).toBe(''); // with --report, only the outputs it names are written
  });

  it('a directory, or a directory that is not there, is refused before any host is scanned', async () => {
    const dir = join(out, 'is-a-directory');
    mkdirSync(dir);
    const intoDir = await fleetcheck([...LAB, '--hosts', 'b1-02', '--report', `json:${dir}`]);
    expect(intoDir.exitCode).toBe(78);
    expect(intoDir.stderr).toContain(`cannot write --report json:${dir}: it is a directory`);
    const run = await fleetcheck([...LAB, '--hosts', 'b1-02', '--report', 'html:/nonexistent-fc/rack.html']);
    expect(run.exitCode).toBe(78);
    expect(run.stderr).toContain('cannot write --report html:/nonexistent-fc/rack.html: its directory /nonexistent-fc is not writable (ENOENT)');
  });
});

describe('signed offboarding certificates of every lab host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-offboard-'));
  const evidence = join(dir, 'evidence');
  const allowedSigners = join(dir, 'allowed_signers');
  let hosts: string[] = [];

  beforeAll(async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'provider', '-f', join(dir, 'offboard_ed25519')]);
    writeFileSync(allowedSigners, `provider namespaces="fleetcheck-offboard" ${readFileSync(join(dir, 'offboard_ed25519.pub'), 'utf8')}`);
    hosts = await labHosts();
    const run = await fleetcheck(['offboard', ...LAB, '--host', hosts.join(','), '--sign', join(dir, 'offboard_ed25519'), '--evidence', evidence, '--format', 'json'], { timeoutMs: 300_000 });
    // Contract-end rules: some lab hosts may not be handed back (exit 1); the certificates are written all the same.
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toBe('');
  }, 300_000);

  /** The customer's check, exactly as the README gives it. */
  const customerVerify = (json: string, sig = `${json}.sig`) =>
    spawnSync('sh', ['-c', 'ssh-keygen -Y verify -f "$1" -I provider -n fleetcheck-offboard -s "$2" < "$3"', 'sh', allowedSigners, sig, json], { encoding: 'utf8' });

  it('each host\'s certificate verifies with ssh-keygen -Y verify, and with fleetcheck verify', async () => {
    for (const h of hosts) {
      const json = join(evidence, `${h}.json`);
      expect(existsSync(`${json}.sig`), h).toBe(true);
      const r = customerVerify(json);
      expect(r.status, `${h}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^Good "fleetcheck-offboard" signature for provider with ED25519 key/);
      expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ host: h, rules: 'contract-end' });
    }
    const ours = await fleetcheck(['verify', join(evidence, 'e5-01.json'), '--allowed-signers', allowedSigners]);
    expect(ours.exitCode).toBe(0);
    expect(ours.stdout).toContain('was judged COMPLIANT under contract-end rules');
  });

  it('a tampered certificate does not verify', async () => {
    const json = join(evidence, 'a3-04.json');
    const statement = JSON.parse(readFileSync(json, 'utf8')) as { verdict: string };
    expect(statement.verdict).toBe('violation'); // the customer changed the BMC password and did not set it back
    const tampered = join(dir, 'a3-04.json');
    writeFileSync(tampered, readFileSync(json, 'utf8').replace('"verdict": "violation"', '"verdict": "compliant"'));
    expect(customerVerify(tampered, `${json}.sig`).status).not.toBe(0);
    const ours = await fleetcheck(['verify', tampered, '--allowed-signers', allowedSigners, '--signature', `${json}.sig`]);
    expect(ours.exitCode).toBe(1);
    expect(ours.stdout).toMatch(/^NOT VERIFIED/);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});

describe('scan --changes with saved reports', () => {
  const inventory = join(REPO, 'inventory', `.test-reports-${process.pid}.yaml`);
  const reportsDir = mkdtempSync(join(tmpdir(), 'fc-saved-'));

  beforeAll(() => {
    const doc = parseDocument(readFileSync(join(REPO, 'inventory/lab.yaml'), 'utf8'));
    doc.set('reports', { dir: reportsDir });
    writeFileSync(inventory, doc.toString());
  });
  afterAll(() => {
    rmSync(inventory, { force: true });
    rmSync(reportsDir, { recursive: true, force: true });
  });

  it('prints the change summary first; the exit code is the scan\'s', async () => {
    const args = ['--inventory', inventory, '--hosts', 'a3-[01-02]', '--save', '--changes'];
    const first = await fleetcheck(args);
    expect(first.exitCode, first.stderr).toBe(1); // a3-02 keeps its provider key
    expect(first.stdout.split('\n')[0]).toBe(`changes: no earlier saved report of this selection in ${reportsDir} to compare with`);
    const second = await fleetcheck(args);
    expect(second.exitCode).toBe(1);
    expect(second.stdout.split('\n')[0]).toMatch(new RegExp(`^no changes since \\S+ \\(${reportsDir}/\\d{8}T\\d{6}Z(_\\d+)?\\.json\\)$`));
    expect(second.stdout).toMatch(/^HOST +RACK/m);
    // Another selection has no earlier report of its own.
    const other = await fleetcheck(['--inventory', inventory, '--hosts', 'a3-01', '--changes']);
    expect(other.stdout.split('\n')[0]).toMatch(/^changes: no earlier saved report of this selection/);
  });
});
