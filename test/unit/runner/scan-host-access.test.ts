import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedKey } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/catalogue.js';
import type { Transports } from '../../../src/collect/transports.js';
import { scanHost, type ScanOptions } from '../../../src/runner/scan-host.js';
import type { SecretStore } from '../../../src/secrets/secret-store.js';
import { fingerprintOfBlob } from '../../../src/ssh-keys/fingerprint.js';
import type { ProbeOutcome } from '../../../src/transport/ssh/key-acceptance-probe.js';
import { ssh2KeyPair } from '../../support/ssh2-key-pair.js';
import { onlyTransports } from '../support/transports.js';
import { testHost, testProvider } from '../support/hosts.js';

const ops = ssh2KeyPair();
const own = ssh2KeyPair();
const provider = { ...testProvider(), sshKeys: [{ fingerprint: fingerprintOfBlob(ops.blob), publicKey: `ssh-ed25519 ${ops.blob.toString('base64')}`, label: 'ops' }] };
const store: SecretStore = { description: 'memory', forHost: async () => ({ ok: true, value: { bmcAccounts: [], osCredentials: [], diskPassphrases: [] } }) };

// fleetcheck's own key: only the public half exists, beside an identity path with nothing behind it.
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-access-'));
const identity = join(dir, 'id_ed25519');
writeFileSync(`${identity}.pub`, `ssh-ed25519 ${own.blob.toString('base64')} scanner\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Trace {
  logins: string[];
  events: string[];
  offered: string[][];
}

function options(trace: Trace, overrides: Partial<ScanOptions> = {}): ScanOptions {
  const openSsh = (async (endpoint: { host: string }) => {
    trace.logins.push(endpoint.host);
    trace.events.push('login');
    return {
      authenticatedKey: 'SHA256:' + 'K'.repeat(43),
      run: async () => ({ stdout: Buffer.from(''), stderr: '', exitCode: 0, signal: null, durationMs: 1 }),
      close: () => trace.events.push('logout'),
    };
  }) as unknown as Transports['openSsh'];
  const probeKeys = (async (_t: unknown, accounts: readonly string[], keys: readonly ParsedKey[]): Promise<ProbeOutcome> => {
    trace.events.push('probe');
    trace.offered.push(keys.map((k) => fingerprintOfBlob(k.getPublicSSH())));
    return { answers: accounts.flatMap((account) => keys.map((_, key) => ({ account, key, answer: 'refused' as const }))), sourceAddress: '127.0.0.1', connections: accounts.length };
  }) as Transports['probeKeys'];
  return {
    transports: onlyTransports({
      openSsh,
      runIpmitool: (async () => ({ ok: true, outputs: [''], durationMs: 1 })) as unknown as Transports['runIpmitool'],
      probeKeys,
    }),
    secrets: store,
    ssh: { acceptNewHostKeys: false, maxOutputBytes: 1024 },
    bmcLimit: (work) => work(),
    provider,
    now: () => new Date('2026-11-23T00:00:00Z'),
    ...overrides,
  };
}

const trace = (): Trace => ({ logins: [], events: [], offered: [] });

describe('scanHost and ssh.access', () => {
  it('on an ssh.access: none host never logs in, skips every check that needs a login, and asks about fleetcheck’s own key too', async () => {
    const t = trace();
    const host = testHost({ bmc: undefined, ssh: { ...testHost().ssh, access: 'none', identity } });
    const result = await scanHost(host, ALL_CHECKS.filter((c) => c.id.startsWith('residue.') || c.id.startsWith('backup.')), options(t));
    expect(t.logins).toEqual([]);
    expect(t.offered).toEqual([[fingerprintOfBlob(ops.blob), fingerprintOfBlob(own.blob)]]);
    const byId = Object.fromEntries(result.findings.map((f) => [f.id, f]));
    expect(byId['residue.ssh-key-accepted']?.status).toBe('pass');
    for (const id of ['residue.provider-ssh-key', 'residue.provider-account', 'backup.agents']) {
      expect(byId[id]).toMatchObject({ status: 'skip', message: expect.stringContaining('ssh.access: none') });
    }
    expect(result.access).toEqual({ mode: 'outside-only' });
    expect(result.verdict).toBe('compliant');
  });

  it('on a login host asks about provider keys only, after the login has ended', async () => {
    const t = trace();
    const host = testHost({ bmc: undefined, ssh: { ...testHost().ssh, user: 'audit', identity } });
    const result = await scanHost(host, ALL_CHECKS.filter((c) => c.id === 'residue.provider-ssh-key' || c.id === 'residue.ssh-key-accepted'), options(t));
    expect(t.events).toEqual(['login', 'logout', 'probe']);
    expect(t.offered).toEqual([[fingerprintOfBlob(ops.blob)]]);
    expect(result.access).toEqual({ mode: 'login', user: 'audit', sudo: true, keyFingerprint: 'SHA256:' + 'K'.repeat(43) });
  });

  it('says no login was made when only the outside check ran', async () => {
    const t = trace();
    const result = await scanHost(testHost({ bmc: undefined }), ALL_CHECKS.filter((c) => c.id === 'residue.ssh-key-accepted'), options(t));
    expect(t.logins).toEqual([]);
    expect(result.access).toEqual({ mode: 'login', user: 'root', sudo: false, keyFingerprint: null });
  });
});
