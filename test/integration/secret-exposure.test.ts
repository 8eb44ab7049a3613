// No stored secret value ever leaves fleetcheck: not in any process's argv while the whole lab is
// scanned, and not in any report format, log line or error message.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fleetcheck } from './support/run-cli.js';

const run = promisify(execFile);
const INV = ['--inventory', 'inventory/lab.yaml'];

/** Every password and passphrase in the lab's plaintext fixture (the source of .lab/secrets.age), the provider systems' repository passwords included. */
function storedSecrets(): string[] {
  const text = readFileSync('fixtures/lab/secrets.yaml', 'utf8');
  const systems = text.slice(text.search(/^systems:$/m));
  return [...new Set([...text.matchAll(/(?:password|passphrase): "([^"]+)"/g), ...systems.matchAll(/^ {4}[A-Za-z0-9_.-]+: "([^"]+)"/gm)].map((m) => m[1]!))];
}

/** The repository passwords alone: they do travel to a provider system, on a pipe, and must be in no argv there either. */
function repositoryPasswords(): string[] {
  const text = readFileSync('fixtures/lab/secrets.yaml', 'utf8');
  return [...text.slice(text.search(/^systems:$/m)).matchAll(/^ {4}[A-Za-z0-9_.-]+: "([^"]+)"/gm)].map((m) => m[1]!);
}

function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

describe('secret values', () => {
  const secrets = storedSecrets();

  it('the fixture holds secrets to look for, the repository passwords of provider systems among them', () => {
    expect(secrets.length).toBeGreaterThan(10);
    expect(repositoryPasswords().length).toBeGreaterThanOrEqual(2);
    for (const p of repositoryPasswords()) expect(secrets).toContain(p);
  });

  it('never appear in any process argv while the whole lab is scanned', async () => {
    const seen = new Set<string>();
    let samples = 0;
    let scanning = true;
    const sampler = (async () => {
      while (scanning) {
        const { stdout } = await run('ps', ['-eo', 'args', '--no-headers'], { maxBuffer: 16 * 1024 * 1024 });
        samples++;
        for (const line of stdout.split('\n')) if (/ipmitool|age|fleetcheck|pass|gpg|restic|borg|sqlite3/.test(line)) seen.add(line);
        for (const s of leaks(stdout, secrets)) seen.add(`LEAK ${s}`);
      }
    })();
    const scan = await fleetcheck([...INV, '--format', 'json'], { timeoutMs: 300_000 });
    scanning = false;
    await sampler;
    expect(samples).toBeGreaterThan(5);
    // The sampler did see the scanner's children (so it was looking at the right time)…
    expect([...seen].some((l) => l.includes('ipmitool'))).toBe(true);
    // …and never a secret in any argv.
    expect([...seen].filter((l) => l.startsWith('LEAK '))).toEqual([]);
    expect(scan.exitCode).toBe(1);
  });

  it('never appear in a report (json, table, file), on stderr, or in error messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-report-'));
    const out = join(dir, 'report.json');
    const runs = await Promise.all([
      fleetcheck([...INV, '--format', 'json', '--contract-end'], { timeoutMs: 300_000 }),
      fleetcheck([...INV, '--format', 'table'], { timeoutMs: 300_000 }),
      fleetcheck([...INV, '--format', 'json', '--output', out, '--hosts', 'a3-0[4-5],e5-0[1-4]']),
      // The identity handed over in an environment variable (never on a command line).
      fleetcheck(['--inventory', 'fixtures/lab-extra/env-identity.yaml', '--check', 'bmc.*', '--format', 'json'], {
        env: { ...process.env, FLEETCHECK_LAB_AGE_IDENTITY: readFileSync('fixtures/lab/age-identity.txt', 'utf8') } as Record<string, string>,
      }),
      fleetcheck(['secrets', 'list', ...INV]),
    ]);
    const text = runs.map((r) => `${r.stdout}\n${r.stderr}`).join('\n') + readFileSync(out, 'utf8');
    expect(leaks(text, secrets)).toEqual([]);
    // `secrets list` shows keys and account names only.
    expect(runs[4]!.exitCode).toBe(0);
    expect(runs[4]!.stdout).toMatch(/^e5-02 {2}bmc: ADMIN \(administrator\); bios: -$/m);
    // The provider systems' repository passwords are listed by name only.
    expect(runs[4]!.stdout).toMatch(/^system backup01 {2}repositories: borg-main, restic-main$/m);
    // No waiver in that inventory: ipmi_sim's cipher-zero hole is a violation there; the store opened.
    const viaEnv = JSON.parse(runs[3]!.stdout) as { hosts: Array<{ checks: Array<{ id: string; status: string }> }> };
    expect(viaEnv.hosts[0]!.checks.find((c) => c.id === 'bmc.initial-credentials')!.status).toBe('pass');
  });

  it('never appear in an argv, a provider system\'s sshd log or the report while the provider systems are read', async () => {
    const logs = ['backup01', 'backup02', 'staff01', 'billing01'].map((h) => join('.lab/hosts', h, 'log'));
    const seen = new Set<string>();
    let samples = 0;
    let scanning = true;
    const sampler = (async () => {
      while (scanning) {
        const { stdout } = await run('ps', ['-eo', 'args', '--no-headers'], { maxBuffer: 16 * 1024 * 1024 });
        samples++;
        for (const s of leaks(stdout, secrets)) seen.add(`LEAK ${s}`);
      }
    })();
    const scan = await fleetcheck([...INV, '--rack', 'P15', '--check', 'backup.provider-copies', '--check', 'residue.provider-systems-secrets', '--format', 'json'], { timeoutMs: 300_000 });
    scanning = false;
    await sampler;
    expect(samples).toBeGreaterThan(2);
    expect([...seen]).toEqual([]);
    // The scan read the repositories (their snapshots are in the report), so the passwords were used…
    expect(scan.stdout).toMatch(/restic-snapshot \(kept copy/);
    expect(scan.stdout).toMatch(/borg-archive \(kept copy/);
    // …and are in no report, message or provider system's log.
    expect(leaks(`${scan.stdout}\n${scan.stderr}`, secrets)).toEqual([]);
    for (const log of logs) expect(leaks(readFileSync(log, 'utf8'), secrets), log).toEqual([]);
  });

  it('an unset identity variable stops the run before any connection, naming file and line', async () => {
    const env = { ...process.env } as Record<string, string>;
    delete env['FLEETCHECK_LAB_AGE_IDENTITY'];
    const r = await fleetcheck(['--inventory', 'fixtures/lab-extra/env-identity.yaml'], { env });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/env-identity\.yaml:\d+ secrets\.age\.identity\.env: environment variable FLEETCHECK_LAB_AGE_IDENTITY holding the age identity is not set/);
  });

  it('a missing key is an error that names the key and holds no value', async () => {
    const r = await fleetcheck(['--inventory', 'fixtures/lab-extra/missing-key.yaml', '--check', 'bmc.initial-credentials', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { hosts: Array<{ checks: Array<{ status: string; message: string }> }> };
    expect(report.hosts[0]!.checks[0]).toMatchObject({ status: 'error', message: "no secrets stored under key 'no-such-key' in " + process.cwd() + '/.lab/secrets.age' });
    expect(leaks(r.stdout + r.stderr, secrets)).toEqual([]);
    expect(r.exitCode).toBe(2);
  });
});
