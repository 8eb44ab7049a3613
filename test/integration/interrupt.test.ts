import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { REPO } from './support/run-cli.js';

/** PIDs of the direct children of `pid` whose command name is `name`, read from /proc. */
function childrenNamed(pid: number, name: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid && comm === name;
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SIGINT', () => {
  it('stops starting hosts, writes the report of those that completed, and exits 130', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'fc-sigint-')), 'report.json');
    // One host at a time in inventory order, a3-05 first: its silent BMC keeps it busy for about two seconds.
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', 'inventory/lab.yaml', '--hosts', 'a3-05,b1-01,b1-02', '--concurrency', '1', '--format', 'json', '--output', output], {
      cwd: REPO,
      reject: false,
    });
    // Signal only once a3-05 is being scanned (its ipmitool is running), however slow the start.
    await waitFor(() => childrenNamed(child.pid!, 'ipmitool').length > 0, 30_000);
    child.kill('SIGINT');
    const run = await child;
    expect(run.exitCode).toBe(130);
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.run.interrupted).toBe(true);
    // a3-05 was running when the signal came: it finishes; nothing after it starts.
    expect(report.hosts.map((h) => h.name)).toEqual(['a3-05']);
    expect(report.notScanned.map((h) => h.name)).toEqual(['b1-01', 'b1-02']);
    expect(report.summary.hosts).toMatchObject({ total: 3, error: 1, notScanned: 2 });
  });

  it('Ctrl-C to the whole process group makes the host in flight "interrupted", not a BMC failure', async () => {
    // As a terminal sends it: the CLI leads a process group of its own, and SIGINT goes to the group,
    // so ipmitool gets it too (it then exits 255 saying "SIGN INT: Close Interface").
    const output = join(mkdtempSync(join(tmpdir(), 'fc-sigint-group-')), 'report.json');
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', 'inventory/lab.yaml', '--hosts', 'a3-05', '--format', 'json', '--output', output], {
      cwd: REPO,
      reject: false,
      detached: true,
    });
    await waitFor(() => childrenNamed(child.pid!, 'ipmitool').length > 0, 30_000);
    process.kill(-child.pid!, 'SIGINT');
    const run = await child;
    expect(run.exitCode, run.stderr).toBe(130);
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    const messages = report.hosts.flatMap((h) => h.checks.map((c) => `${c.id}: ${c.message ?? ''}`));
    expect(messages.join('\n')).not.toMatch(/exited with 255/);
    expect(messages.join('\n')).toMatch(/bmc\.[a-z-]+: .*interrupted \(SIGINT\)/);
  });

  it('ends at once on SIGTERM with exit 143, leaving no ipmitool behind', async () => {
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', 'inventory/lab.yaml', '--hosts', 'a3-05', '--format', 'json'], { cwd: REPO, reject: false });
    await waitFor(() => childrenNamed(child.pid!, 'ipmitool').length > 0, 30_000);
    const ipmitool = childrenNamed(child.pid!, 'ipmitool');
    child.kill('SIGTERM');
    const run = await child;
    expect(run.exitCode).toBe(143);
    await new Promise((r) => setTimeout(r, 200));
    for (const pid of ipmitool) expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '), `ipmitool ${pid} still running`).toBe(false);
  });
});
