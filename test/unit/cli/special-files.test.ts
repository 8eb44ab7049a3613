// Files named in the inventory or on the command line that are not files: a device that never ends
// (/dev/zero, /dev/urandom) or a FIFO nobody writes. Each is refused by name, at once, before a byte
// of it is read; the time limits below are only there so a regression fails instead of hanging.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetcheck, inventoryText, workspace, type Workspace } from './support/built-cli.js';

let ws: Workspace;
let fifo: string;
const STACK_FRAME = /\n\s+at |\bat .*\.(?:js|ts):\d+/;

beforeAll(() => {
  ws = workspace('fc-special-files-');
  fifo = join(ws.dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

const redfishHost = (trust: string) =>
  ['  A3:', '    hosts:', '      a3-01:', '        ssh: { address: 127.200.15.1 }', `        bmc: { address: 127.200.15.101, redfish: { ${trust} } }`].join('\n');

describe('special files named by the inventory', () => {
  for (const [key, path] of [['fingerprintFile', '/dev/zero'], ['caFile', '/dev/urandom'], ['fingerprintFile', 'FIFO'], ['caFile', 'FIFO']] as const) {
    it(`${key}: ${path} is exit 78 naming file, line and path`, async () => {
      const target = path === 'FIFO' ? fifo : path;
      const inventory = ws.write(`redfish-${key}-${path.replace(/\W/g, '')}.yaml`, inventoryText(ws, redfishHost(`${key}: ${target}`)));
      const run = await fleetcheck(['--inventory', inventory, '--format', 'json'], { timeoutMs: 30_000 });
      expect(run.exitCode, run.stderr).toBe(78);
      expect(run.stdout).toBe('');
      const label = key === 'caFile' ? 'CA file' : 'pinned fingerprint file';
      expect(run.stderr).toContain(`fleetcheck: ${inventory}:11 racks.A3.hosts.a3-01.bmc.redfish.${key}: ${label} is not a regular file: `);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    });
  }

  it('an inventory that is a FIFO is exit 78 at once', async () => {
    const run = await fleetcheck(['list', '--inventory', fifo], { timeoutMs: 30_000 });
    expect(run.exitCode, run.stderr).toBe(78);
    expect(run.stderr).toBe(`fleetcheck: ${fifo}: inventory file is not a regular file`);
  });
});

describe('fleetcheck secrets import of a special file', () => {
  for (const path of ['/dev/zero', 'FIFO']) {
    it(`${path}: refused by name before reading, and the store is untouched`, async () => {
      const inventory = ws.write('secrets.yaml-inventory.yaml', inventoryText(ws, '  A3:\n    hosts:\n      a3-01: { ssh: { address: 127.200.15.1 } }'));
      const target = path === 'FIFO' ? fifo : path;
      const run = await fleetcheck(['secrets', 'import', target, '--inventory', inventory], { timeoutMs: 30_000 });
      expect(run.exitCode, run.stderr).toBe(64);
      expect(run.stderr).toBe(`fleetcheck: cannot read ${target}: not a regular file`);
      expect(execFileSync('cat', [ws.secrets]).toString()).toBe('hosts: {}\n');
    });
  }
});
