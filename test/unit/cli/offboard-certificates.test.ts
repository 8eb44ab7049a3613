import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCertificatePlaces, writeCertificates } from '../../../src/cli/offboard-certificates.js';
import { offboardCommand } from '../../../src/cli/offboard-command.js';
import { verifyCommand } from '../../../src/cli/verify-command.js';
import { inventoryEntryDigest, OFFBOARD_STATEMENT_SCHEMA } from '../../../src/report/offboard-statement.js';
import { CRONTAB_LINE, hostileReport } from '../report/hostile-report.js';
import { testHost } from '../support/hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-offboard-'));
const keygen = (name: string) => {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(dir, name)]);
  return readFileSync(join(dir, `${name}.pub`), 'utf8').trim();
};
const providerPub = keygen('provider_ed25519');
const otherPub = keygen('other_ed25519');
/** What the customer keeps: the provider's public key, allowed for offboarding statements only. */
const allowedSigners = join(dir, 'allowed_signers');
writeFileSync(allowedSigners, `provider namespaces="fleetcheck-offboard" ${providerPub}\n`);

const hosts = [
  testHost({ name: 'a3-01', contract: { id: 'C-2026-0031', customer: 'Example GmbH', start: '2026-01-01', end: '2026-11-30' } }),
  testHost({ name: 'a3-02', contract: { id: 'C-2026-0032', customer: 'Example GmbH', end: '2026-11-30' } }),
  ...['c2-01', 'c2-02', 'c2-03'].map((name) => testHost({ name, rack: 'C2' })),
];
const now = new Date('2026-11-24T02:00:10Z');
/** The hostile report with only its first host, a3-01. */
const firstHostOnly = () => {
  const r = hostileReport();
  r.hosts = r.hosts.slice(0, 1);
  return r;
};

/** The customer's own command, exactly as the README gives it. */
function customerVerify(json: string, sig: string, signers = allowedSigners): { status: number | null; out: string } {
  const r = spawnSync('sh', ['-c', `ssh-keygen -Y verify -f "$1" -I provider -n fleetcheck-offboard -s "$2" < "$3"`, 'sh', signers, sig, json], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

async function fleetcheckVerify(json: string, sig?: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await verifyCommand(json, { allowedSigners, identity: 'provider', ...(sig ? { signature: sig } : {}) }, { write: (t: string) => (out += t) });
  return { code, out };
}

describe('offboarding certificates (real ssh-keygen)', () => {
  const evidence = join(dir, 'evidence');

  beforeAll(async () => {
    expect(await checkCertificatePlaces({ key: join(dir, 'provider_ed25519'), dir: evidence })).toEqual([]);
    const outcome = await writeCertificates(hostileReport(), hosts, { key: join(dir, 'provider_ed25519'), dir: evidence }, now);
    expect(outcome.failures).toEqual([]);
    expect(outcome.written).toEqual(['a3-01', 'a3-02', 'c2-01', 'c2-02', 'c2-03'].map((h) => join(evidence, `${h}.json`)));
  });

  it('the statement: host, rack, contract, verdict, each check, evidence sources, times, version, digest of the entry', () => {
    const s = JSON.parse(readFileSync(join(evidence, 'a3-02.json'), 'utf8'));
    expect(s).toMatchObject({
      schema: OFFBOARD_STATEMENT_SCHEMA, host: 'a3-02', rack: 'A3', rules: 'contract-end', verdict: 'violation',
      contract: { id: 'C-2026-0032', customer: 'Example GmbH', end: '2026-11-30' },
      scan: { startedAt: '2026-11-24T02:00:00.000Z', finishedAt: '2026-11-24T02:00:09.500Z' },
      issuedAt: '2026-11-24T02:00:10.000Z', fleetcheck: { version: '0.1.0' },
      inventoryEntry: { sha256: inventoryEntryDigest(hosts[1]!) },
    });
    expect(s.checks.map((c: { id: string; status: string }) => `${c.id}=${c.status}`)).toEqual(['backup.schedules=fail', 'bmc.cipher-zero=fail', 'residue.provider-ssh-key=fail', 'residue.provider-ssh-ca=warn']);
    expect(s.checks[0].evidenceSources).toEqual(['/etc/cron.d/backup:3']);
    // Evidence details quote host text; the statement keeps only where a finding came from.
    expect(readFileSync(join(evidence, 'a3-02.json'), 'utf8')).not.toContain('rsync -a /');
    expect(CRONTAB_LINE).toContain('rsync -a /');
    expect(statSync(join(evidence, 'a3-02.json.sig')).mode & 0o777).toBe(0o644);
  });

  it('the digest changes with the inventory entry and not with key order', () => {
    const h = hosts[0]!;
    expect(inventoryEntryDigest({ ...h })).toBe(inventoryEntryDigest(Object.fromEntries(Object.entries(h).reverse()) as typeof h));
    expect(inventoryEntryDigest({ ...h, ssh: { ...h.ssh, address: '127.0.0.9' } })).not.toBe(inventoryEntryDigest(h));
  });

  it('verifies with the customer\'s ssh-keygen -Y verify and with fleetcheck verify', async () => {
    const json = join(evidence, 'a3-01.json');
    const raw = customerVerify(json, `${json}.sig`);
    expect(raw.out).toMatch(/^Good "fleetcheck-offboard" signature for provider with ED25519 key SHA256:/m);
    expect(raw.status).toBe(0);
    const ours = await fleetcheckVerify(json);
    expect(ours.code).toBe(0);
    expect(ours.out).toMatch(/^Good "fleetcheck-offboard" signature for provider with ED25519 key SHA256:/);
    expect(ours.out).toContain('This proves that');
    expect(ours.out).toContain('host a3-01 (rack A3; contract C-2026-0031 of Example GmbH, ending 2026-11-30) was judged COMPLIANT under contract-end rules');
  });

  it('one changed byte fails, in both', async () => {
    const json = join(evidence, 'a3-02.json');
    const tampered = join(dir, 'a3-02-tampered.json');
    writeFileSync(tampered, readFileSync(json, 'utf8').replace('"verdict": "violation"', '"verdict": "compliant"'));
    const oneByte = Buffer.from(readFileSync(json));
    const at = oneByte.length - 2;
    oneByte.writeUInt8(oneByte.readUInt8(at) ^ 0x01, at);
    const flipped = join(dir, 'a3-02-flipped.json');
    writeFileSync(flipped, oneByte);
    for (const file of [tampered, flipped]) {
      const raw = customerVerify(file, `${json}.sig`);
      expect(raw.status).not.toBe(0);
      const ours = await fleetcheckVerify(file, `${json}.sig`);
      expect(ours.code).toBe(1);
      expect(ours.out).toMatch(/^NOT VERIFIED/);
    }
  });

  it('a signature by another key fails, in both', async () => {
    const json = join(evidence, 'c2-01.json');
    const other = join(dir, 'evidence-other');
    const outcome = await writeCertificates(hostileReport(), hosts, { key: join(dir, 'other_ed25519'), dir: other }, now);
    expect(outcome.failures).toEqual([]);
    // Same statement bytes, signed by a key the customer does not list for "provider".
    expect(readFileSync(join(other, 'c2-01.json'))).toEqual(readFileSync(json));
    expect(customerVerify(json, join(other, 'c2-01.json.sig')).status).not.toBe(0);
    expect((await fleetcheckVerify(json, join(other, 'c2-01.json.sig'))).code).toBe(1);
    // With that other key listed instead, the same files verify: the key is what decides.
    const otherSigners = join(dir, 'allowed_signers_other');
    writeFileSync(otherSigners, `provider ${otherPub}\n`);
    expect(customerVerify(json, join(other, 'c2-01.json.sig'), otherSigners).status).toBe(0);
  });

  it('a good signature over something that is not a statement is no certificate', async () => {
    const json = join(dir, 'not-a-statement.json');
    writeFileSync(json, JSON.stringify({ schema: 'something/else@1', verdict: 'compliant' }));
    writeFileSync(`${json}.sig`, execFileSync('ssh-keygen', ['-Y', 'sign', '-f', join(dir, 'provider_ed25519'), '-n', 'fleetcheck-offboard'], { input: readFileSync(json) }));
    expect(customerVerify(json, `${json}.sig`).status).toBe(0);
    const ours = await fleetcheckVerify(json);
    expect(ours.code).toBe(1);
    expect(ours.out).toContain('is not a fleetcheck offboarding statement this version can read');
  });

  it('--sign and --evidence go together, refused before anything is read', async () => {
    const io = { stdout: process.stdout, stderr: process.stderr, stop: new AbortController().signal, color: false };
    const flags = { inventory: join(dir, 'no-such-inventory.yaml'), host: ['a3-01'], acceptNewHostKeys: false, progress: false };
    await expect(offboardCommand({ ...flags, sign: join(dir, 'provider_ed25519') }, io)).rejects.toMatchObject({ exitCode: 64, message: expect.stringMatching(/--sign KEY and --evidence DIR go together/) });
    await expect(offboardCommand({ ...flags, evidence: join(dir, 'ev') }, io)).rejects.toMatchObject({ exitCode: 64 });
  });

  it('a signature in another namespace fails', () => {
    const json = join(evidence, 'c2-02.json');
    const sig = join(dir, 'c2-02.other-namespace.sig');
    writeFileSync(sig, execFileSync('ssh-keygen', ['-Y', 'sign', '-f', join(dir, 'provider_ed25519'), '-n', 'file'], { input: readFileSync(json) }));
    expect(customerVerify(json, sig).status).not.toBe(0);
  });

  it('a key that cannot be read, or a directory that cannot be made, is found before the scan', async () => {
    expect(await checkCertificatePlaces({ key: join(dir, 'missing_key'), dir: join(dir, 'provider_ed25519.pub', 'x') })).toEqual([
      `cannot read --sign ${join(dir, 'missing_key')}: ENOENT`,
      `cannot write into --evidence ${join(dir, 'provider_ed25519.pub', 'x')}: ENOTDIR`,
    ]);
  });

  it('a key that cannot sign is a failure naming the path, and leaves no statement', async () => {
    const bad = join(dir, 'not-a-key');
    writeFileSync(bad, 'garbage\n');
    const out = join(dir, 'evidence-bad');
    const outcome = await writeCertificates(firstHostOnly(), hosts, { key: bad, dir: out }, now);
    expect(outcome.written).toEqual([]);
    expect(outcome.failures[0]).toMatch(new RegExp(`^cannot sign ${join(out, 'a3-01.json')}: ssh-keygen: `));
    expect(existsSync(join(out, 'a3-01.json'))).toBe(false);
  });

  /** The provider's public key alone, with no private key beside it: only an agent can sign for it. */
  const lonePub = join(dir, 'pub-only', 'provider.pub');
  beforeAll(() => {
    execFileSync('mkdir', ['-p', join(dir, 'pub-only')]);
    writeFileSync(lonePub, providerPub + '\n');
  });

  it('a public key without an agent holding it cannot sign', async () => {
    const saved = process.env['SSH_AUTH_SOCK'];
    delete process.env['SSH_AUTH_SOCK'];
    try {
      const outcome = await writeCertificates(firstHostOnly(), hosts, { key: lonePub, dir: join(dir, 'evidence-noagent') }, now);
      expect(outcome.written).toEqual([]);
      expect(outcome.failures[0]).toMatch(/^cannot sign .*a3-01\.json: ssh-keygen: /);
    } finally {
      if (saved !== undefined) process.env['SSH_AUTH_SOCK'] = saved;
    }
  });

  describe('with the key in ssh-agent', () => {
    let agent: ChildProcess;
    const socket = join(dir, 'agent.sock');
    const saved = process.env['SSH_AUTH_SOCK'];
    beforeAll(async () => {
      agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
      for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
      execFileSync('ssh-add', ['-q', join(dir, 'provider_ed25519')], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      process.env['SSH_AUTH_SOCK'] = socket;
    });
    afterAll(() => {
      if (saved === undefined) delete process.env['SSH_AUTH_SOCK'];
      else process.env['SSH_AUTH_SOCK'] = saved;
      agent?.kill('SIGTERM');
    });

    it('signs with the public key file naming it, and the certificate verifies', async () => {
      const out = join(dir, 'evidence-agent');
      const outcome = await writeCertificates(firstHostOnly(), hosts, { key: lonePub, dir: out }, now);
      expect(outcome.failures).toEqual([]);
      expect(customerVerify(join(out, 'a3-01.json'), join(out, 'a3-01.json.sig')).status).toBe(0);
    });
  });
});
