// residue.ssh-key-accepted and ssh.access: none over the lab (rack K10 in fixtures/lab/fleet.yaml):
// what sshd answers from outside, that no host without a login is ever logged in to, and that the
// outside check needs no private key at all.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { fleetcheck, REPO } from './support/run-cli.js';
import { statusesOf, verdictOf } from './support/report-lookup.js';
import { reportSchemaErrors } from './support/report-schema.js';

const LAB = ['--inventory', 'inventory/lab.yaml'];
const NONE_HOSTS = ['k10-04', 'k10-05', 'k10-06'];
const PROBE = 'residue.ssh-key-accepted';
const hostsDir = join(REPO, '.lab/hosts');
const sshdLog = (host: string): string => readFileSync(join(hostsDir, host, 'log'), 'utf8');
const scannerFingerprint = (): string => {
  const blob = Buffer.from(readFileSync(join(REPO, '.lab/keys/scanner_ed25519.pub'), 'utf8').split(' ')[1]!, 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
};

// What each K10 host yields; checks not named here have their own tests.
const EXPECTED: Record<string, { verdict: string; checks: Record<string, string> }> = {
  'k10-01': { verdict: 'violation', checks: { [PROBE]: 'fail', 'residue.provider-ssh-key': 'fail' } },
  'k10-02': { verdict: 'violation', checks: { [PROBE]: 'fail', 'residue.provider-ssh-key': 'fail', 'residue.provider-account': 'fail' } },
  // from= to another network: refused from the scanner (warn: the lab lists one key by fingerprint only), found inside.
  'k10-03': { verdict: 'violation', checks: { [PROBE]: 'warn', 'residue.provider-ssh-key': 'fail' } },
  'k10-04': { verdict: 'compliant', checks: { [PROBE]: 'warn', 'residue.provider-ssh-key': 'skip', 'residue.provider-account': 'skip' } },
  'k10-05': { verdict: 'violation', checks: { [PROBE]: 'fail', 'residue.provider-ssh-key': 'skip' } },
  'k10-06': { verdict: 'violation', checks: { [PROBE]: 'fail', 'residue.provider-ssh-key': 'skip' } },
};

const created: string[] = [];
afterAll(() => created.forEach((f) => rmSync(f, { recursive: true, force: true })));

/** Byte length of every lab host's sshd log now, to read what a run appends. */
function logSizes(): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const h of readdirSync(hostsDir)) {
    if (existsSync(join(hostsDir, h, 'log'))) sizes.set(h, statSync(join(hostsDir, h, 'log')).size);
  }
  return sizes;
}
function appendedSince(sizes: Map<string, number>, hosts: readonly string[]): Map<string, string> {
  return new Map(hosts.map((h) => [h, readFileSync(join(hostsDir, h, 'log')).subarray(sizes.get(h) ?? 0).toString('utf8')]));
}
/** sshd writes a connection's last line a moment after the client has gone. */
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 500));

describe('rack K10: a full scan', () => {
  let report: Report;

  it('exits 1 with a schema-valid report', async () => {
    const run = await fleetcheck([...LAB, '--rack', 'K10', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    report = JSON.parse(run.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('%s gets its expected statuses and verdict', (name, expected) => {
    const statuses = statusesOf(report, name);
    expect(Object.fromEntries(Object.keys(expected.checks).map((id) => [id, statuses[id]]))).toEqual(expected.checks);
    expect(verdictOf(report, name)).toBe(expected.verdict);
  });

  it('names key, account and the scanner’s address for every yes', () => {
    const evidence = (host: string) => report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === PROBE)!.evidence;
    expect(evidence('k10-01').filter((e) => /would be accepted/.test(e.detail))).toEqual([
      { source: 'sshd, as root, asked from 127.0.0.1', detail: expect.stringMatching(/^provider key provider-ops@provider\.example \(SHA256:\S+\) would be accepted for root$/) },
    ]);
    // Only the provider account's own file holds the key: root and the login user refuse it.
    expect(evidence('k10-02').filter((e) => /would be accepted/.test(e.detail)).map((e) => e.source)).toEqual(['sshd, as provops, asked from 127.0.0.1']);
    expect(evidence('k10-05').filter((e) => /would be accepted/.test(e.detail)).map((e) => e.source)).toEqual(['sshd, as root, asked from 127.0.0.1']);
    const own = evidence('k10-06').filter((e) => /would be accepted/.test(e.detail));
    expect(own).toHaveLength(1);
    expect(own[0]!.detail).toContain(`fleetcheck's own key`);
    expect(own[0]!.detail).toContain(scannerFingerprint());
    expect(own[0]!.detail).toContain('undeclared provider access');
  });

  it('skips, saying why, every check that needs a login on an ssh.access: none host', () => {
    for (const name of NONE_HOSTS) {
      const host = report.hosts.find((h) => h.name === name)!;
      const ran = host.checks.filter((c) => c.status !== 'skip').map((c) => c.id);
      // Only the outside probe and the checks that judge the provider's store and its own systems run without a login.
      expect(ran.sort()).toEqual(['backup.provider-copies', 'residue.provider-systems-secrets', PROBE, 'residue.store-os-credentials', 'residue.store-retention'].sort());
      for (const id of ['residue.provider-ssh-key', 'residue.provider-account', 'backup.agents']) {
        expect(host.checks.find((c) => c.id === id)!.message).toMatch(/ssh\.access: none/);
      }
    }
  });

  it('says per host how it was examined', () => {
    const access = Object.fromEntries(report.hosts.map((h) => [h.name, h.access]));
    for (const name of NONE_HOSTS) expect(access[name]).toEqual({ mode: 'outside-only' });
    for (const name of ['k10-01', 'k10-02', 'k10-03']) expect(access[name]).toEqual({ mode: 'login', user: 'root', sudo: false, keyFingerprint: scannerFingerprint() });
    expect(report.defaultAccess).toEqual({ mode: 'login', user: 'root', sudo: false });
  });

  it('shows an access line in the table only where it differs from the fleet default', async () => {
    const run = await fleetcheck([...LAB, '--rack', 'K10']);
    const accessLines = run.stdout.split('\n').filter((l) => /\baccess\b +examined from outside only/.test(l));
    expect(accessLines.map((l) => l.split(/\s+/)[0])).toEqual(NONE_HOSTS);
    expect(run.stdout).not.toMatch(/^k10-0[123] .*\baccess\b/m);
  });
});

describe('the outside check alone, over the whole lab', () => {
  it('logs in nowhere and needs no private key: public key lines only, no identity file, no agent', async () => {
    // The scanner's public key beside a private key path that does not exist, and no agent socket:
    // any attempt to read a private key or log in would have nothing to use.
    const dir = mkdtempSync(join(tmpdir(), 'fc-probe-'));
    created.push(dir);
    copyFileSync(join(REPO, '.lab/keys/scanner_ed25519.pub'), join(dir, 'scanner_ed25519.pub'));
    expect(existsSync(join(dir, 'scanner_ed25519'))).toBe(false);
    const doc = parseDocument(readFileSync(join(REPO, 'inventory/lab.yaml'), 'utf8'));
    doc.setIn(['defaults', 'ssh', 'identity'], join(dir, 'scanner_ed25519'));
    doc.setIn(['defaults', 'ssh', 'agent'], true);
    const inventory = join(REPO, 'inventory', `.test-probe-${process.pid}.yaml`);
    writeFileSync(inventory, doc.toString());
    created.push(inventory);

    const before = logSizes();
    const run = await fleetcheck(['--inventory', inventory, '--check', PROBE, '--format', 'json'], { env: { SSH_AUTH_SOCK: '' } });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
    const statuses = Object.fromEntries(report.hosts.map((h) => [h.name, h.checks[0]!.status]));
    const fails = Object.entries(statuses).filter(([, s]) => s === 'fail').map(([n]) => n);
    expect(fails).toEqual(['a3-02', 'd4-03', 'm11-01', 'k10-01', 'k10-02', 'k10-05', 'k10-06']);
    // Every other host answered, refusing all it was offered; the fingerprint-only provider key keeps it at warn.
    expect(Object.entries(statuses).filter(([, s]) => s !== 'fail' && s !== 'warn')).toEqual([]);
    expect(run.exitCode).toBe(1);
    for (const h of report.hosts) {
      expect(h.access).toEqual(NONE_HOSTS.includes(h.name) ? { mode: 'outside-only' } : { mode: 'login', user: h.name === 'a3-06' ? 'audit' : 'root', sudo: h.name === 'a3-06', keyFingerprint: null });
    }

    // sshd's own record: every host was asked (a pre-auth disconnect), none was logged in to.
    await settled();
    for (const [host, text] of appendedSince(before, report.hosts.map((h) => h.name))) {
      expect(text, `${host}: a login during the outside check`).not.toMatch(/^Accepted /m);
      expect(text, `${host}: sshd logged no probe`).toMatch(/\[preauth\]/);
    }
  });
});

describe('fleetcheck offboard', () => {
  it('includes the outside proof in its yes/no', async () => {
    const run = await fleetcheck(['offboard', ...LAB, '--host', 'k10-05', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    expect(statusesOf(JSON.parse(run.stdout) as Report, 'k10-05')[PROBE]).toBe('fail');
  });
});

describe('hosts without a login', () => {
  it('were never logged in to, by this file’s runs or any other: sshd logged probes and no login', () => {
    for (const host of NONE_HOSTS) {
      const log = sshdLog(host);
      expect(log, `${host} was logged in to`).not.toMatch(/^Accepted /m);
      expect(log, `${host}: no probe in sshd's log`).toMatch(/authenticating user root .*\[preauth\]/);
    }
  });
});
