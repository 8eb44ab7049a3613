import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatInventoryIssue } from '../../../src/inventory/inventory-issue.js';
import { loadInventory } from '../../../src/inventory/load-inventory.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
/** A repository file, named the way an operator in the repository root would type it. */
const fixture = (name: string): string => relative(process.cwd(), join(repo, name)) || name;

async function issuesOf(file: string): Promise<string[]> {
  const result = await loadInventory(file);
  if (result.ok) throw new Error(`expected ${file} to be rejected`);
  return result.issues.map(formatInventoryIssue);
}

describe('loadInventory', () => {
  it('loads the example fleet inventory', async () => {
    const result = await loadInventory(fixture('inventory/fleet.yaml'));
    expect(result.ok ? [] : result.issues.map(formatInventoryIssue)).toEqual([]);
    if (!result.ok) return;
    expect(result.inventory.racks.map((r) => [r.name, r.hosts.length])).toEqual([
      ['A3', 3],
      ['B1', 2],
      ['C7', 2],
    ]);
    expect(result.inventory.provider.sshKeys).toHaveLength(3);
  });

  it('loads the minimal fixture, resolving paths against the file', async () => {
    const file = fixture('fixtures/inventory/good/minimal.yaml');
    const result = await loadInventory(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.inventory.file).toBe(file);
    expect(result.inventory.secrets).toEqual({ kind: 'file', path: join(repo, 'fixtures/inventory/keys/secrets.yaml') });
    expect(result.inventory.hosts[0]?.ssh.knownHosts).toBe(join(repo, 'fixtures/inventory/keys/known_hosts'));
  });

  it('applies inheritance: built-in < top-level defaults < rack defaults < host', async () => {
    const result = await loadInventory(fixture('fixtures/inventory/good/inheritance.yaml'));
    if (!result.ok) throw new Error(result.issues.map(formatInventoryIssue).join('\n'));
    const [a301, a302, b101, b102] = result.inventory.hosts;
    const dir = join(repo, 'fixtures/inventory/good');
    // a3-01: everything from the top-level defaults.
    expect(a301?.ssh).toEqual({
      address: '192.0.2.31',
      port: 2201,
      user: 'top-user',
      identity: join(dir, 'keys/top_ed25519'),
      agent: false,
      knownHosts: join(dir, 'keys/known_hosts'),
      connectTimeoutMs: 1000,
      commandTimeoutMs: 10000,
      access: 'login',
      probeAccounts: [],
    });
    expect(a301?.bmc).toEqual({ address: '198.51.100.31', port: 6231, cipherSuite: 3, channel: 1, timeoutMs: 21000, retries: 1, ipmi: true });
    expect(a301?.hostTimeoutMs).toBe(30000);
    // a3-02: host overrides on top of the top-level defaults.
    expect(a302?.ssh).toMatchObject({ user: 'host-user', port: 2203, connectTimeoutMs: 3000, commandTimeoutMs: 10000 });
    expect(a302?.bmc).toEqual({ address: '198.51.100.32', port: 6231, cipherSuite: 17, channel: 1, timeoutMs: 21000, retries: 3, ipmi: true });
    expect(a302).toMatchObject({ hostTimeoutMs: 90000, secretsKey: 'shared-a3', contract: { id: 'C-1', customer: 'Example GmbH', end: '2027-12-31' } });
    // b1-01: rack defaults beat the top-level defaults.
    expect(b101?.ssh).toMatchObject({ user: 'rack-user', port: 2202, agent: true, identity: join(dir, 'keys/top_ed25519') });
    expect(b101?.bmc).toEqual({ address: '198.51.100.41', port: 6231, cipherSuite: 3, channel: 2, timeoutMs: 13000, retries: 2, ipmi: true });
    expect(b101?.hostTimeoutMs).toBe(45000);
    // b1-02: the host beats its rack.
    expect(b102?.ssh).toMatchObject({ user: 'host-user', port: 2202, agent: false, identity: '/keys/host_ed25519' });
    expect(b102?.bmc).toBeUndefined();
    expect(result.inventory.racks.map((r) => r.concurrency)).toEqual([5, 2]);
    expect(result.inventory.concurrency).toEqual({ global: 10, bmc: 4 });
    expect(result.inventory.provider).toEqual({
      sshKeys: [{ fingerprint: 'SHA256:p4eTNwTH6p/uBMI56QcTMy1Ebyic3N/cEIHWx9j8rjg', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBwQ18ESYzfkS//G3yTSxbsBYl00Qu66QCbpp+VSI0+e', label: 'provider-ops@provider.example' }],
      accounts: ['provops'],
      backup: {
        hosts: ['backup01.provider.example', '198.51.100.250'],
        cidrs: ['10.250.0.0/16', '2001:db8:250::/48'],
        domains: ['backup.provider.example'],
        agents: [],
      },
      systems: [],
    });
    expect(result.inventory.locate('racks.B1.hosts.b1-01.ssh.user')).toEqual({ file: fixture('fixtures/inventory/good/inheritance.yaml'), line: 43 });
  });

  it('reports typos with the place and the fix', async () => {
    const file = fixture('fixtures/inventory/bad/typos.yaml');
    expect(await issuesOf(file)).toEqual([
      `${file}:4 defaults.ssh.knownhosts: unknown field \`knownhosts\`, did you mean \`knownHosts\`?`,
      `${file}:5 defaults.ssh.conect_timeout: unknown field \`conect_timeout\`, did you mean \`connectTimeout\`?`,
      `${file}:9 provider.sshKey: unknown field \`sshKey\`, did you mean \`sshKeys\`?`,
      `${file}:14 racks.A3.hosts.a3-01.ssh.adress: unknown field \`adress\`, did you mean \`address\`?`,
      `${file}:17 racks.A3.hosts.a3-01.bmc.ciphersuite: unknown field \`ciphersuite\`, did you mean \`cipherSuite\`?`,
      `${file}:18 racks.A3.hosts.a3-01.colour: unknown field \`colour\` (expected one of: ssh, bmc, contract, secrets, hostTimeout, aliases)`,
    ]);
  });

  it('reports duplicates naming both places', async () => {
    const file = fixture('fixtures/inventory/bad/duplicates.yaml');
    expect(await issuesOf(file)).toEqual([
      `${file}:13 racks.A3.hosts.a3-02.ssh.address: SSH address 192.0.2.1 port 22 is also used by a3-01 (line 10)`,
      `${file}:19 racks.B1.hosts.a3-01: host \`a3-01\` is also defined in rack A3 (line 9)`,
      `${file}:23 racks.B1.hosts.b1-01.bmc.address: BMC address 198.51.100.1 port 624 is also used by a3-02 (line 14)`,
    ]);
  });

  it('reports every bad value in one pass, sorted by line', async () => {
    const file = fixture('fixtures/inventory/bad/values.yaml');
    expect(await issuesOf(file)).toEqual([
      `${file}:4 defaults.ssh.port: expected a port number (1-65535)`,
      `${file}:5 defaults.ssh.connectTimeout: expected a duration like "500ms", "5s" or "2m", or integer milliseconds`,
      `${file}:6 defaults.ssh.commandTimeout: expected a duration greater than zero`,
      `${file}:7 defaults.bmc.cipherSuite: expected an IPMI cipher suite (0-17)`,
      `${file}:7 defaults.bmc.retries: expected a retry count (0-10)`,
      `${file}:12 provider.sshKeys.0: key data is not a valid ssh-ed25519 public key`,
      `${file}:13 provider.sshKeys.1: options before the key type are not allowed here; write "<type> <base64> [comment]"`,
      `${file}:14 provider.sshKeys.2: expected a SHA256: fingerprint of 43 base64 characters`,
      `${file}:15 provider.accounts.0: expected an account name`,
      `${file}:16 provider.backup.hosts.0: expected an IP address or host name`,
      `${file}:16 provider.backup.cidrs.0: expected a network like 10.250.0.0/16`,
      `${file}:16 provider.backup.domains.0: expected a domain name`,
      `${file}:21 racks.A3.hosts.a3-01.ssh.address: expected an IP address or host name`,
      `${file}:22 racks.A3.hosts.a3-01.bmc.port: expected a port number (1-65535)`,
      `${file}:23 racks.A3.hosts.a3-01.contract.id: expected a contract id; put the value in quotes`,
      `${file}:23 racks.A3.hosts.a3-01.contract.start: expected a date like 2027-12-31`,
      `${file}:26 racks.A3.hosts.a3-02.contract.end: contract ends before it starts (2027-01-01)`,
      `${file}:27 racks.A3.hosts.A3-03: host names are lowercase: write \`a3-03\``,
    ]);
  });

  it('reports missing sections and fields', async () => {
    const file = fixture('fixtures/inventory/bad/missing.yaml');
    expect(await issuesOf(file)).toEqual([
      `${file}:1 version: unsupported version 2; this fleetcheck reads version 1`,
      `${file}:1 secrets: required field is missing`,
      `${file}:4 provider: expected a mapping, got nothing`,
      `${file}:8 racks.A3.hosts.a3-01.ssh: required field is missing`,
      `${file}:11 racks.A3.hosts.a3-02.ssh.knownHosts: required field is missing: set ssh.knownHosts on the host or in defaults`,
    ]);
  });

  it('reports YAML syntax errors with line, column and the parser message', async () => {
    const file = fixture('fixtures/inventory/bad/syntax.yaml');
    expect(await issuesOf(file)).toEqual([
      `${file}:5:3: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${file}:5:7: Nested mappings are not allowed in compact mappings`,
    ]);
    const list = fixture('fixtures/inventory/bad/not-a-mapping.yaml');
    expect(await issuesOf(list)).toEqual([`${list}:1: expected a mapping at the top level (version, defaults, secrets, provider, racks)`]);
  });

  it('turns unreadable input into issues instead of throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-inventory-'));
    expect(await issuesOf(join(dir, 'nope.yaml'))).toEqual([`${join(dir, 'nope.yaml')}: inventory file not found`]);
    expect(await issuesOf(dir)).toEqual([`${dir}: inventory file is not a regular file`]);
    const latin1 = join(dir, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(await issuesOf(latin1)).toEqual([`${latin1}: inventory file is not valid UTF-8`]);
  });
});
