// Ctrl-C at a terminal goes to the whole process group, so ipmitool gets SIGINT too. The host in
// flight must read "interrupted", not a BMC failure ("ipmitool exited with 255"). No lab: the BMC is a
// loopback address where nothing answers, so ipmitool is still resending when the signal comes.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/report.js';
import { inventoryText, REPO, workspace, type Workspace } from './support/built-cli.js';

let ws: Workspace;
beforeAll(() => {
  ws = workspace('fc-group-sigint-');
  ws.write('secrets.yaml', 'hosts:\n  a3-01:\n    bmc: { accounts: [{ user: ADMIN, password: initial-1, privilege: administrator }] }\n', 0o600);
});
afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

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
  it('makes the BMC checks of the host in flight "interrupted", and the run exit 130 with its report', async () => {
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
    const deadline = Date.now() + 30_000;
    while (ipmitoolChildren(child.pid!).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ipmitoolChildren(child.pid!).length).toBeGreaterThan(0);
    process.kill(-child.pid!, 'SIGINT');
    const run = await child;
    expect(run.exitCode, run.stderr).toBe(130);
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    const bmc = report.hosts.flatMap((h) => h.checks).filter((c) => c.id === 'bmc.users' || c.id === 'bmc.initial-credentials');
    expect(bmc).toHaveLength(2);
    for (const finding of bmc) {
      expect(finding.status).toBe('error');
      expect(finding.message, finding.message).toMatch(/interrupted \(SIGINT\)/);
      expect(finding.message).not.toMatch(/exited with 255/);
    }
  });
});
