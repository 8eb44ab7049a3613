// A staff system on this machine (its /etc, /root and /home moved below a temporary root): the real
// collecting command reads histories, homes and configuration, and the stored secret is compared here.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProviderSystem } from '../../../../src/collect/provider/read-provider-system.js';
import { providerSystemsSecrets } from '../../../../src/checks/residue/provider-systems-secrets.js';
import type { ProviderSystem } from '../../../../src/inventory/types.js';
import { Secret } from '../../../../src/model/secret.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import { testHost, testProvider } from '../../support/hosts.js';
import { rooted } from '../ssh/run-snippet.js';
import { localOpenSsh } from './local-shell.js';

const STORED = 'Sup3r-Secret-p15-05';

function staffRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'fc-staff-'));
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'root'), { recursive: true });
  mkdirSync(join(root, 'home', 'alice', '.cache'), { recursive: true });
  writeFileSync(join(root, 'etc', 'passwd'), `root:x:0:0:root:${root}/root:/bin/bash\nalice:x:1000:1000::${root}/home/alice:/bin/bash\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n`);
  writeFileSync(join(root, 'etc', 'billing.conf'), 'db_host = billing-db\n');
  writeFileSync(join(root, 'root', '.bash_history'), `ls\nsshpass -p '${STORED}' ssh root@127.10.15.5\nexit\n`);
  writeFileSync(join(root, 'home', 'alice', 'notes.txt'), 'call the customer\n');
  // A cache is skipped: no operator types a password there, and caches are large.
  writeFileSync(join(root, 'home', 'alice', '.cache', 'blob'), STORED);
  return root;
}

const staff = (files: string[] = []): ProviderSystem => ({
  name: 'staff01',
  role: 'staff',
  ssh: { address: '127.0.0.1', port: 22, user: 'root', agent: false, knownHosts: '/dev/null', connectTimeoutMs: 5000, commandTimeoutMs: 60_000, access: 'login', probeAccounts: [] },
  hostTimeoutMs: 90_000,
  restic: [],
  borg: [],
  trees: [],
  snapshotRoots: [],
  files,
});

const stored = (password: string): HostSecrets => ({ bmcAccounts: [], osCredentials: [{ user: 'root', password: new Secret(password) }], diskPassphrases: [] });
const host = testHost({ name: 'p15-05', secretsKey: 'p15-05' });
const judge = (fact: Parameters<typeof providerSystemsSecrets.evaluate>[0]) =>
  providerSystemsSecrets.evaluate(fact, { host, provider: testProvider(), now: new Date(), mode: 'contract', modeReason: '' });

describe('staff system files', () => {
  it('finds the stored OS password in root\'s shell history; the secret never reaches the system', async () => {
    const root = staffRoot();
    const scripts: string[] = [];
    const ssh = localOpenSsh({ editScript: (s) => (scripts.push(s), rooted(s, root, ['etc', 'root', 'home'])) });
    const read = await readProviderSystem(staff(), { openSsh: ssh.open, secrets: { description: 'memory', forHost: async () => ({ ok: false, reason: 'secret-absent', message: '' }) }, acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    expect(read.reached).toBe(true);
    expect(read.sources).toEqual([{ source: 'histories, home directories and configuration', state: 'read' }]);
    const paths = read.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining([`${root}/root/.bash_history`, `${root}/home/alice/notes.txt`, `${root}/etc/billing.conf`]));
    expect(paths).not.toContain(`${root}/home/alice/.cache/blob`);
    expect(new Set(paths).size).toBe(paths.length);
    // The script the system ran holds no stored secret: only fleetcheck compares.
    expect(scripts.length).toBe(1);
    expect(scripts[0]!.includes(STORED)).toBe(false);

    const finding = judge({ 'provider.systems': { systems: [read] }, 'store.host-secrets': stored(STORED) });
    expect(finding.status).toBe('fail');
    expect(finding.evidence).toEqual([{ source: `staff01:${root}/root/.bash_history:2`, detail: 'the stored OS password of root (value masked)' }]);
    expect(JSON.stringify(finding).includes(STORED)).toBe(false);

    expect(judge({ 'provider.systems': { systems: [read] }, 'store.host-secrets': stored('another-password-1') }).status).toBe('pass');
  }, 60_000);

  it('a declared path that does not exist makes the search incomplete: error, not pass', async () => {
    const root = staffRoot();
    const ssh = localOpenSsh({ editScript: (s) => rooted(s, root, ['etc', 'root', 'home']) });
    const read = await readProviderSystem(staff(['/srv/nowhere']), { openSsh: ssh.open, secrets: { description: 'memory', forHost: async () => ({ ok: false, reason: 'secret-absent', message: '' }) }, acceptNewHostKeys: false, maxOutputBytes: 16 << 20 });
    expect(read.sources).toEqual([{ source: 'histories, home directories and configuration', state: 'failed', message: '/srv/nowhere does not exist' }]);
    expect(judge({ 'provider.systems': { systems: [read] }, 'store.host-secrets': stored('another-password-1') }).status).toBe('error');
  }, 60_000);
});
