import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabHost } from '../../../lab/fleet/plan-fleet.js';
import { hostPaths, stateLayout, type LabPaths } from '../../../lab/lab-paths.js';
import { prepareUpper } from '../../../lab/host/upper-tree.js';

// A lower layer with just what prepareUpper reads: the account databases.
let dir = '';
let lower = '';
const SCANNER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBwQ18ESYzfkS//G3yTSxbsBYl00Qu66QCbpp+VSI0+e fleetcheck-scanner@lab';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleetcheck-upper-'));
  lower = join(dir, 'lower');
  mkdirSync(join(lower, 'etc'), { recursive: true });
  mkdirSync(join(lower, 'root'));
  writeFileSync(join(lower, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  writeFileSync(join(lower, 'etc/group'), 'root:x:0:\n');
  writeFileSync(join(lower, 'etc/shadow'), 'root:*:20454:0:99999:7:::\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function host(name: string, scannerKey: boolean): LabHost {
  return { name, rack: 'G7', rackNumber: 7, scenario: 'clean', ssh: { address: '127.10.7.9', port: 22, user: 'root', scannerKey }, accounts: [], packages: [], specialFiles: [], backups: [], services: [] };
}

async function prepared(name: string, scannerKey: boolean): Promise<string> {
  const paths = hostPaths({ ...stateLayout(join(dir, 'state')) } as LabPaths, name);
  mkdirSync(paths.dir, { recursive: true });
  writeFileSync(paths.hostKey, 'not a real host key\n', { mode: 0o600 });
  writeFileSync(`${paths.hostKey}.pub`, 'ssh-ed25519 AAAA host\n');
  await prepareUpper({ host: host(name, scannerKey), paths, lowers: [lower], scenarioDir: join(dir, 'no-scenario'), scannerPublicKey: SCANNER });
  return paths.upper;
}

describe('prepareUpper', () => {
  it('appends the scanner key to the login user’s authorized_keys', async () => {
    const upper = await prepared('with-key', true);
    expect(readFileSync(join(upper, 'root/.ssh/authorized_keys'), 'utf8')).toBe(`${SCANNER}\n`);
  });

  it('installs no scanner key on a host whose fleet entry says scannerKey: false', async () => {
    const upper = await prepared('without-key', false);
    expect(existsSync(join(upper, 'root/.ssh/authorized_keys'))).toBe(false);
    expect(readFileSync(join(upper, 'etc/ssh/sshd_lab.conf'), 'utf8')).toContain('ListenAddress 127.10.7.9:22');
  });
});
