import { createSocket, type Socket } from 'node:dgram';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { REPO } from './support/run-cli.js';

const SILENT_BMC = '127.11.3.5';

/**
 * a3-05's BMC address (scenario bmc-unreachable: no simulator runs there). The tests bind a socket
 * there that reads every datagram and answers none, so a3-05 stays busy while its BMC is probed,
 * and the first datagram says its scan is in flight. (The native prober asks the BMC itself, and
 * ipmitool starts only for an administrator its handshake confirmed: there is no ipmitool to watch.)
 */
let silentBmc: Socket;
beforeAll(async () => {
  silentBmc = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    silentBmc.once('error', reject);
    silentBmc.bind(623, SILENT_BMC, () => resolve());
  });
});
afterAll(() => silentBmc.close());

/** Resolves at the next datagram the silent BMC receives; rejects after `timeoutMs`. */
function probed(timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no probe reached the silent BMC in time')), timeoutMs);
    silentBmc.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** PIDs of every ipmitool whose command line names `address`. */
function ipmitoolsTowards(address: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'ipmitool' && readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').includes(address);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('SIGINT', () => {
  it('stops starting hosts, writes the report of those that completed, and exits 130', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'fc-sigint-')), 'report.json');
    // One host at a time in inventory order, a3-05 first: its silent BMC keeps it busy for about two seconds.
    const inFlight = probed();
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', 'inventory/lab.yaml', '--hosts', 'a3-05,b1-01,b1-02', '--concurrency', '1', '--format', 'json', '--output', output], {
      cwd: REPO,
      reject: false,
    });
    // Signal only once a3-05 is being scanned (its BMC is being probed), however slow the start.
    await inFlight;
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

  it('Ctrl-C to the whole process group costs the host in flight no false BMC failure', async () => {
    // As a terminal sends it: the CLI leads a process group of its own, and SIGINT goes to the group,
    // so any ipmitool gets it too (it then exits 255 saying "SIGN INT: Close Interface"). On a3-05 the
    // native prober is still resending to a silent BMC: the host finishes with its own answer.
    const output = join(mkdtempSync(join(tmpdir(), 'fc-sigint-group-')), 'report.json');
    const inFlight = probed();
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', 'inventory/lab.yaml', '--hosts', 'a3-05', '--format', 'json', '--output', output], {
      cwd: REPO,
      reject: false,
      detached: true,
    });
    await inFlight;
    process.kill(-child.pid!, 'SIGINT');
    const run = await child;
    expect(run.exitCode, run.stderr).toBe(130);
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    expect(report.hosts.map((h) => h.name)).toEqual(['a3-05']);
    const bmc = report.hosts[0]!.checks.filter((c) => c.id.startsWith('bmc.') && c.id !== 'bmc.redfish-tls');
    expect(bmc.length).toBeGreaterThan(0);
    for (const c of bmc) {
      expect(c.status).toBe('error');
      expect(c.message).not.toMatch(/exited with 255/);
    }
  });

  it('ends at once on SIGTERM with exit 143, leaving no ipmitool behind', async () => {
    // b1-01's BMC answers: its handshake confirms the stored administrator, whose ipmitool session follows.
    const inFlight = probed();
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', 'inventory/lab.yaml', '--hosts', 'a3-05,b1-01', '--format', 'json'], { cwd: REPO, reject: false });
    await inFlight;
    child.kill('SIGTERM');
    const run = await child;
    expect(run.exitCode).toBe(143);
    expect(run.stdout).toBe(''); // SIGTERM writes no report
    await new Promise((r) => setTimeout(r, 200));
    for (const address of [SILENT_BMC, '127.11.1.1']) {
      for (const pid of ipmitoolsTowards(address)) {
        expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '), `ipmitool ${pid} still running`).toBe(false);
      }
    }
  });
});
