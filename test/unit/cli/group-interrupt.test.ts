// Ctrl-C at a terminal goes to the whole process group, so ipmitool gets SIGINT too. The host in
// flight must read "interrupted", not a BMC failure ("ipmitool exited with 255"). No lab: the BMC is a
// UDP socket on a loopback address that reads and never answers. The native prober asks it first and starts ipmitool only
// for an administrator its handshake confirmed, so here the signal finds the native prober still
// resending: the run must end 130 with its report and no ipmitool failure in it. The case where the
// signal kills a running ipmitool is test/integration/interrupt.test.ts, against a lab BMC.
import { createSocket, type Socket } from 'node:dgram';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/report.js';
import { inventoryText, REPO, workspace, type Workspace } from './support/built-cli.js';

let ws: Workspace;
let silentBmc: Socket;
beforeAll(async () => {
  // A BMC that takes every datagram and answers none: the prober resends until its deadline.
  silentBmc = createSocket('udp4');
  await new Promise<void>((resolve) => silentBmc.bind(623, '127.200.16.1', resolve));
  ws = workspace('fc-group-sigint-');
  ws.write('secrets.yaml', 'hosts:\n  a3-01:\n    bmc: { accounts: [{ user: ADMIN, password: initial-1, privilege: administrator }] }\n', 0o600);
});
afterAll(() => {
  silentBmc.close();
  rmSync(ws.dir, { recursive: true, force: true });
});

/** PIDs of the direct children of `pid` named ipmitool, read from /proc. */
function ipmitoolChildren(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return stat.includes('(ipmitool)') && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('Ctrl-C to the process group', () => {
  it('leaves the host in flight no BMC failure of ipmitool, and the run exits 130 with its report', async () => {
    const racks = '  A3:\n    hosts:\n      a3-01: { ssh: { address: 127.200.16.1 }, bmc: { address: 127.200.16.1 } }';
    const inventory = ws.write('fleet.yaml', inventoryText(ws, racks, { bmc: 'timeout: 30s, retries: 3' }));
    const output = join(ws.dir, 'report.json');
    // detached: the CLI leads a process group of its own, as a shell's foreground job does.
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', inventory, '--check', 'bmc.*', '--format', 'json', '--output', output], {
      cwd: REPO,
      reject: false,
      detached: true,
      stdin: 'ignore',
      timeout: 60_000,
    });
    // The host is in flight once the CLI has loaded and sent its first probe; nothing answers.
    const probed = new Promise<void>((resolve) => silentBmc.once('message', () => resolve()));
    await probed;
    // No ipmitool without a confirmed administrator: the native handshake got no answer.
    expect(ipmitoolChildren(child.pid!)).toEqual([]);
    process.kill(-child.pid!, 'SIGINT');
    const run = await child;
    expect(run.exitCode, run.stderr).toBe(130);
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    const bmc = report.hosts.flatMap((h) => h.checks).filter((c) => c.id === 'bmc.users' || c.id === 'bmc.initial-credentials');
    expect(bmc).toHaveLength(2);
    for (const finding of bmc) {
      expect(finding.status).toBe('error');
      expect(finding.message).not.toMatch(/exited with 255/);
    }
  });
});
