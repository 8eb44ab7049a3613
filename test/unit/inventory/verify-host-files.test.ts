import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatInventoryIssue } from '../../../src/inventory/inventory-issue.js';
import { loadInventory } from '../../../src/inventory/load-inventory.js';
import { safePath } from '../../../src/inventory/safe-text.js';
import type { Inventory } from '../../../src/inventory/types.js';
import { verifyHostFiles, type VerifyOptions } from '../../../src/inventory/verify-host-files.js';

const INVENTORY = `version: 1
defaults:
  ssh:
    identity: keys/id_ed25519
    knownHosts: keys/known_hosts
secrets: { file: secrets.yaml }
provider: {}
racks:
  A3:
    hosts:
      a3-01: { ssh: { address: 192.0.2.1 } }
      a3-02: { ssh: { address: 192.0.2.2 } }
      a3-03: { ssh: { address: 192.0.2.3, identity: keys/other } }
      a3-04: { ssh: { address: 192.0.2.4, agent: true, identity: keys/absent } }
      a3-05: { ssh: { address: 192.0.2.5, access: none, identity: keys/public-only } }
`;

let dir = '';
/** A path under the test directory as messages print it (long paths keep their end). */
const shown = (name: string): string => safePath(join(dir, name));
let file = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleetcheck-verify-'));
  file = join(dir, 'fleet.yaml');
  mkdirSync(join(dir, 'keys'));
  writeFileSync(file, INVENTORY);
  for (const name of ['keys/id_ed25519', 'keys/other', 'keys/known_hosts']) writeFileSync(join(dir, name), 'x', { mode: 0o600 });
  writeFileSync(join(dir, 'secrets.yaml'), 'a3-01: {}\n', { mode: 0o600 });
  chmodSync(join(dir, 'secrets.yaml'), 0o600);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function inventory(): Promise<Inventory> {
  const result = await loadInventory(file);
  if (!result.ok) throw new Error(result.issues.map(formatInventoryIssue).join('\n'));
  return result.inventory;
}

async function verify(names?: string[], options?: VerifyOptions): Promise<string[]> {
  const inv = await inventory();
  const hosts = names ? inv.hosts.filter((h) => names.includes(h.name)) : inv.hosts;
  return verifyHostFiles(inv, hosts, options).map(formatInventoryIssue);
}

describe('verifyHostFiles', () => {
  it('is quiet when every file is in place', async () => {
    expect(await verify()).toEqual([]);
  });

  it('reports a missing identity once, at the line it was written (inherited or not)', async () => {
    rmSync(join(dir, 'keys/id_ed25519'));
    rmSync(join(dir, 'keys/other'));
    expect(await verify()).toEqual([
      `${file}:4 defaults.ssh.identity: identity file not found: ${shown('keys/id_ed25519')}`,
      `${file}:13 racks.A3.hosts.a3-03.ssh.identity: identity file not found: ${shown('keys/other')}`,
    ]);
  });

  it('ignores the identity of hosts that use the agent, and hosts not selected', async () => {
    rmSync(join(dir, 'keys/other'));
    expect(await verify(['a3-01', 'a3-04'])).toEqual([]);
  });

  it("checks a provider system's identity at the line that names it", async () => {
    writeFileSync(file, INVENTORY.replace('provider: {}', 'provider:\n  systems:\n    backup01:\n      role: backup\n      ssh: { address: 192.0.2.250, identity: keys/backup01 }'));
    const issues = await verify(['a3-01']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`provider\\.systems\\.backup01\\.ssh\\.identity: identity file not found: .*keys/backup01$`));
    writeFileSync(join(dir, 'keys/backup01'), 'x', { mode: 0o600 });
    expect(await verify(['a3-01'])).toEqual([]);
  });

  it('needs no private key for a host fleetcheck never logs in to', async () => {
    expect(await verify(['a3-05'])).toEqual([]);
  });

  it('reports an identity that is a directory', async () => {
    rmSync(join(dir, 'keys/other'));
    mkdirSync(join(dir, 'keys/other'));
    expect(await verify(['a3-03'])).toEqual([
      `${file}:13 racks.A3.hosts.a3-03.ssh.identity: identity file is not a regular file: ${shown('keys/other')}`,
    ]);
  });

  it('lets a missing known_hosts file be created when its directory exists, unless told otherwise', async () => {
    rmSync(join(dir, 'keys/known_hosts'));
    expect(await verify()).toEqual([]);
    expect(await verify(undefined, { knownHostsMayBeCreated: false })).toEqual([
      `${file}:5 defaults.ssh.knownHosts: known_hosts file not found: ${shown('keys/known_hosts')}`,
    ]);
  });

  it('reports a known_hosts file whose directory does not exist', async () => {
    writeFileSync(file, INVENTORY.replace('knownHosts: keys/known_hosts', 'knownHosts: nowhere/known_hosts'));
    expect(await verify()).toEqual([
      `${file}:5 defaults.ssh.knownHosts: directory for the known_hosts file not found: ${shown('nowhere')}`,
    ]);
  });

  it('refuses a secrets file other users can read', async () => {
    chmodSync(join(dir, 'secrets.yaml'), 0o644);
    expect(await verify()).toEqual([`${file}:6 secrets.file: secrets file is readable by group or others; chmod 600`]);
    chmodSync(join(dir, 'secrets.yaml'), 0o640);
    expect(await verify()).toEqual([`${file}:6 secrets.file: secrets file is readable by group or others; chmod 600`]);
  });

  it('reports a missing secrets file, but not when no host is selected', async () => {
    rmSync(join(dir, 'secrets.yaml'));
    expect(await verify()).toEqual([`${file}:6 secrets.file: secrets file not found: ${shown('secrets.yaml')}`]);
    expect(await verify([])).toEqual([]);
  });

  it('reports an identity the scanner cannot read', async () => {
    // Permissions do not stop root, who runs the tests; a symlink loop fails to open for anyone.
    rmSync(join(dir, 'keys/id_ed25519'));
    symlinkSync(join(dir, 'keys/loop'), join(dir, 'keys/id_ed25519'));
    symlinkSync(join(dir, 'keys/id_ed25519'), join(dir, 'keys/loop'));
    expect(await verify(['a3-01'])).toEqual([
      `${file}:4 defaults.ssh.identity: identity file is not readable (ELOOP): ${shown('keys/id_ed25519')}`,
    ]);
  });
});

describe('verifyHostFiles on special files', () => {
  const REDFISH = `version: 1
defaults:
  ssh:
    identity: keys/id_ed25519
    knownHosts: keys/known_hosts
secrets: { file: secrets.yaml }
provider: {}
racks:
  A3:
    hosts:
      a3-01:
        ssh: { address: 192.0.2.1 }
        bmc: { address: 192.0.2.101, redfish: { fingerprintFile: PIN } }
      a3-02:
        ssh: { address: 192.0.2.2 }
        bmc: { address: 192.0.2.102, redfish: { caFile: CA } }
`;
  const withFiles = (pin: string, ca: string): void => writeFileSync(file, REDFISH.replace('PIN', pin).replace('CA', ca));

  it('accepts a pinned fingerprint file and a CA file that are regular and small', async () => {
    writeFileSync(join(dir, 'pin'), 'SHA256:x\n');
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    withFiles(join(dir, 'pin'), join(dir, 'ca.pem'));
    expect(await verify()).toEqual([]);
  });

  it('refuses /dev/zero, /dev/urandom and a FIFO at their lines, before any of them is read', async () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    withFiles('/dev/zero', '/dev/urandom');
    expect(await verify()).toEqual([
      `${file}:13 racks.A3.hosts.a3-01.bmc.redfish.fingerprintFile: pinned fingerprint file is not a regular file: /dev/zero`,
      `${file}:16 racks.A3.hosts.a3-02.bmc.redfish.caFile: CA file is not a regular file: /dev/urandom`,
    ]);
    withFiles(join(dir, 'fifo'), join(dir, 'fifo'));
    expect(await verify()).toEqual([
      `${file}:13 racks.A3.hosts.a3-01.bmc.redfish.fingerprintFile: pinned fingerprint file is not a regular file: ${shown('fifo')}`,
      `${file}:16 racks.A3.hosts.a3-02.bmc.redfish.caFile: CA file is not a regular file: ${shown('fifo')}`,
    ]);
  });

  it('refuses files larger than fleetcheck reads of their kind', async () => {
    writeFileSync(join(dir, 'pin'), 'x'.repeat(4097));
    writeFileSync(join(dir, 'ca.pem'), Buffer.alloc(1024 * 1024 + 1));
    withFiles(join(dir, 'pin'), join(dir, 'ca.pem'));
    writeFileSync(join(dir, 'keys/known_hosts'), '');
    expect(await verify()).toEqual([
      `${file}:13 racks.A3.hosts.a3-01.bmc.redfish.fingerprintFile: pinned fingerprint file is larger than 4 KiB: ${shown('pin')}`,
      `${file}:16 racks.A3.hosts.a3-02.bmc.redfish.caFile: CA file is larger than 1 MiB: ${shown('ca.pem')}`,
    ]);
  });

  it('refuses an identity, a known_hosts and a secrets file that are devices', async () => {
    writeFileSync(file, INVENTORY.replace('keys/id_ed25519', '/dev/zero').replace('keys/known_hosts', '/dev/urandom').replace('secrets.yaml', '/dev/zero'));
    expect(await verify(['a3-01'])).toEqual([
      `${file}:4 defaults.ssh.identity: identity file is not a regular file: /dev/zero`,
      `${file}:5 defaults.ssh.knownHosts: known_hosts file is not a regular file: /dev/urandom`,
      `${file}:6 secrets.file: secrets file is not a regular file: /dev/zero`,
    ]);
  });
});
