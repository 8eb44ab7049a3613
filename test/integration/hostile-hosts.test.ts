// Hostile hosts of rack H12 (fixtures/lab/fleet.yaml): each costs at most its own result, never a
// false verdict, and nothing the scan starts on a host outlives its deadline there.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { statusesOf } from './support/report-lookup.js';
import { fleetcheck, REPO } from './support/run-cli.js';
import { reportSchemaErrors } from './support/report-schema.js';

const LAB = ['--inventory', 'inventory/lab.yaml', '--rack', 'H12', '--check', 'backup.schedules', '--check', 'residue.*', '--format', 'json'];

const evidenceOf = (report: Report, host: string, check: string) =>
  report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === check)!.evidence;

/** The programs running inside one lab host's container (their root is its merged tree), by pid, with their command lines. */
function processesIn(host: string): Array<{ pid: number; comm: string; cmdline: string }> {
  const root = join(REPO, '.lab/hosts', host, 'merged');
  const out: Array<{ pid: number; comm: string; cmdline: string }> = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readlinkSync(`/proc/${pid}/root`) !== root) continue;
      out.push({ pid: Number(pid), comm: readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
    } catch {
      // Gone while we looked.
    }
  }
  return out;
}

/** What the collecting command runs; sshd (the listener and its closing sessions) is the container's own. */
const collecting = (host: string) => processesIn(host).filter((p) => p.comm !== 'sshd');

describe('hostile hosts (rack H12)', () => {
  let report: Report;
  const seenDuringScan = new Set<string>();
  let markerInArgv: string[] = [];

  it('scans the rack to a schema-valid report that ends by itself, while no argv on the hosts shows the marker', async () => {
    let scanning = true;
    const sampler = (async () => {
      while (scanning) {
        for (const host of ['h12-01', 'h12-02', 'h12-03', 'h12-04']) {
          for (const p of processesIn(host)) {
            seenDuringScan.add(`${host} ${p.comm}`);
            if (p.cmdline.includes('@@fc-')) markerInArgv.push(p.cmdline.replaceAll('\u0000', ' '));
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const run = await fleetcheck(LAB, { timeoutMs: 90_000 });
    scanning = false;
    await sampler;
    expect(run.stderr).toBe('');
    report = JSON.parse(run.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
    // h12-03's grant is a violation; the others' troubles are errors of their own.
    expect(run.exitCode).toBe(1);
    // The run ended by itself (a run killed at the 90 s limit has no exit code and no report), with
    // every host's result: the slow host cost its own deadline, ended on the host, and nothing more.
    expect(report.hosts.map((h) => h.name)).toEqual(['h12-01', 'h12-02', 'h12-03', 'h12-04']);
    expect(report.hosts.find((h) => h.name === 'h12-04')!.checks.find((c) => c.id === 'backup.schedules')!.message).toMatch(/deadline on the host/);
    // The sampler saw the collecting command's programs on the slow host, so its silence means something.
    expect([...seenDuringScan].some((s) => s.startsWith('h12-04 ') && !s.endsWith(' sshd'))).toBe(true);
    expect(markerInArgv).toEqual([]);
  });

  it('h12-01: a crontab name with a newline and a crontab line schedules nothing, a directory name forges no credential', () => {
    expect(statusesOf(report, 'h12-01')).toMatchObject({ 'backup.schedules': 'pass', 'residue.provisioning-credentials': 'pass', 'residue.provider-account': 'pass' });
  });

  it('h12-02: a FIFO, /dev/zero and a 2 GB crontab are named and not read, and cost only the checks that need them', () => {
    expect(statusesOf(report, 'h12-02')).toMatchObject({
      'backup.schedules': 'error',
      'residue.provisioning-credentials': 'error',
      'residue.provider-ssh-key': 'pass',
      'residue.provider-account': 'pass',
    });
    const schedules = evidenceOf(report, 'h12-02', 'backup.schedules');
    expect(schedules).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: '/etc/cron.d/pipe', detail: expect.stringContaining('cannot read') }),
      expect.objectContaining({ source: '/etc/cron.d/zero', detail: expect.stringContaining('cannot read') }),
      expect.objectContaining({ source: '/etc/cron.d/huge', detail: expect.stringContaining('too large') }),
    ]));
    expect(evidenceOf(report, 'h12-02', 'residue.provisioning-credentials')).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: '/root/.bash_history', detail: expect.stringContaining('cannot read') }),
    ]));
  });

  it('h12-03: the NOPASSWD grant in "/etc/sudoers.d/90 provops" is found past its decoys', () => {
    expect(statusesOf(report, 'h12-03')).toMatchObject({ 'residue.provider-account': 'fail' });
    expect(evidenceOf(report, 'h12-03', 'residue.provider-account')).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: '/etc/sudoers.d/90 provops:1', detail: expect.stringContaining('provops') }),
    ]));
  });

  it('h12-04: the collecting command stops at its deadline on the host, says what it was reading, and leaves nothing running', async () => {
    const finding = report.hosts.find((h) => h.name === 'h12-04')!.checks.find((c) => c.id === 'backup.schedules')!;
    expect(finding.status).toBe('error');
    expect(finding.message).toMatch(/deadline on the host .*while reading \/etc\/cron\.d\/job-\d+/);
    // The host's watchdog ends everything within a moment of its deadline; give the kernel that moment.
    const until = Date.now() + 3_000;
    while (collecting('h12-04').length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(collecting('h12-04').map((p) => p.cmdline.replaceAll('\u0000', ' '))).toEqual([]);
  });
});
