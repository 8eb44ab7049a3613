// The fault lab: hosts and BMCs that misbehave, each a real process on its own address, scanned in one
// run beside healthy lab hosts. Each fault must cost its own host one classified `error` within its
// deadline, and nothing else: not the other hosts' results, not the scanner's memory, not the terminal.
import { existsSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { DEADLINES, processesMatching, residentBytes, sshPeersConnected, startFaultLab, type FaultLab } from './support/fault-lab.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { REPO } from './support/run-cli.js';

const CHECKS = ['--check', 'residue.provider-ssh-key', '--check', 'bmc.initial-credentials'];
/** The collecting output cap of the scan command (src/cli/scan-command.ts). */
const OUTPUT_CAP = 16 * 1024 * 1024;
/** The scanner's resident memory while the endless host streams must stay under this. */
const RSS_BOUND = 200 * 1024 * 1024;

// How each transport failure reason reads in a finding's message (see src/transport/**).
const REASON_TEXT = {
  timeout: /within \d+ ms|before the deadline|timed out/,
  protocol: /closed by the peer|closed before the command reported|reset by the peer/,
  'output-limit': /sent more than \d+ MiB, the output limit/,
  'host-key-mismatch': /HOST KEY CHANGED/,
  unreachable: /no answer from the BMC/,
} as const;

/** What each host must end with: the check in error and the reason its message must show, or its statuses. */
const EXPECTED: Record<string, { error?: { check: string; reason: keyof typeof REASON_TEXT; deadlineMs: number }; checks?: Record<string, string> }> = {
  'f9-01': { error: { check: 'residue.provider-ssh-key', reason: 'timeout', deadlineMs: DEADLINES.connectMs } },
  'f9-02': { error: { check: 'residue.provider-ssh-key', reason: 'timeout', deadlineMs: DEADLINES.connectMs } },
  'f9-03': { error: { check: 'residue.provider-ssh-key', reason: 'protocol', deadlineMs: DEADLINES.commandMs } },
  'f9-04': { error: { check: 'residue.provider-ssh-key', reason: 'output-limit', deadlineMs: DEADLINES.commandMs } },
  // The hostile bytes are data: the provider key among them is still found, and shown safely.
  'f9-05': { checks: { 'residue.provider-ssh-key': 'fail', 'bmc.initial-credentials': 'skip' } },
  'f9-06': { error: { check: 'residue.provider-ssh-key', reason: 'host-key-mismatch', deadlineMs: DEADLINES.connectMs } },
  'f9-07': { error: { check: 'bmc.initial-credentials', reason: 'unreachable', deadlineMs: DEADLINES.bmcMs } },
  // Half the packets lost: an error, never a password or privilege "refused" (no false violation).
  'f9-08': { error: { check: 'bmc.initial-credentials', reason: 'unreachable', deadlineMs: DEADLINES.lossyBmcMs } },
  // Ten times slower than a healthy BMC is still an answer: the true result.
  'f9-09': { checks: { 'residue.provider-ssh-key': 'pass', 'bmc.initial-credentials': 'pass' } },
  'f9-10': { error: { check: 'bmc.initial-credentials', reason: 'timeout', deadlineMs: DEADLINES.stalledBmcMs } },
  'b1-01': { checks: { 'residue.provider-ssh-key': 'pass', 'bmc.initial-credentials': 'pass' } },
  'b1-02': { checks: { 'residue.provider-ssh-key': 'pass', 'bmc.initial-credentials': 'pass' } },
};

/** ESC, C1 controls (as characters or as their raw UTF-8 encoding), BEL and backspace. */
const RAW_CONTROL = /[\u0007\u0008\u001b\u0080-\u009f]/;

describe('the fault lab', () => {
  let lab: FaultLab;
  let report: Report;
  let exitCode: number;
  let stderr: string;
  let peakRss = 0;
  let rssSamples = 0;
  /** Whether one moment of the run saw the tarpit (f9-01) and the silent banner (f9-02) both connected. */
  let tarpitAndSilenceAtOnce = false;
  let leftovers: { ipmitool: number[]; ssh: number[] };

  beforeAll(async () => {
    lab = await startFaultLab();
    const output = `${lab.dir}/report.json`;
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', lab.inventory, ...CHECKS, '--format', 'json', '--output', output], {
      cwd: REPO,
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
    });
    const sampler = setInterval(() => {
      const rss = residentBytes(child.pid!);
      if (rss === undefined) return;
      rssSamples++;
      peakRss = Math.max(peakRss, rss);
      const peers = sshPeersConnected('127.10.9.');
      if (peers.has('127.10.9.1') && peers.has('127.10.9.2')) tarpitAndSilenceAtOnce = true;
    }, 10);
    const run = await child;
    clearInterval(sampler);
    exitCode = run.exitCode ?? -1;
    stderr = String(run.stderr);
    leftovers = { ipmitool: processesMatching('ipmitool', '127.11.9.'), ssh: processesMatching('ssh', '127.10.9.') };
    if (!existsSync(output)) throw new Error(`no report (exit ${exitCode}): ${stderr}`);
    report = JSON.parse(readFileSync(output, 'utf8')) as Report;
  }, 120_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('finishes the run with a valid report and exit 1 (f9-05 holds a provider key)', () => {
    expect(stderr).toBe('');
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(exitCode).toBe(1);
    expect(report.hosts.map((h) => h.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    // Hosts ran concurrently, so the run is bounded by the slowest deadline, not their sum: the
    // tarpit and the silent banner, each holding its connection until its connect deadline, were
    // connected at the same moment.
    expect(tarpitAndSilenceAtOnce).toBe(true);
  });

  it.each(Object.entries(EXPECTED))('%s gets its own result within its deadline', (name, expected) => {
    const host = report.hosts.find((h) => h.name === name)!;
    const statuses = Object.fromEntries(host.checks.map((c) => [c.id, c.status]));
    if (expected.checks) expect(statuses).toEqual(expected.checks);
    if (expected.error) {
      const finding = host.checks.find((c) => c.id === expected.error!.check)!;
      expect(finding.status, finding.message).toBe('error');
      expect(finding.message).toMatch(REASON_TEXT[expected.error.reason]);
      // No other reason's wording: the classification is distinct.
      for (const [reason, text] of Object.entries(REASON_TEXT)) if (reason !== expected.error.reason) expect(finding.message).not.toMatch(text);
      // A deadline ended it only where the reason says so, and then its own deadline, as the
      // inventory set it; every other fault ended it first (no timeout wording, checked above).
      if (expected.error.reason === 'timeout') expect(finding.message).toContain(`${expected.error.deadlineMs} ms`);
      expect(host.verdict).toBe('error');
    }
  });

  it('reads no more than the output cap from the endless host, with memory bounded', () => {
    const sent = Number(existsSync(lab.endlessStatus) ? readFileSync(lab.endlessStatus, 'utf8') : '0');
    // The peer offered at least the cap (it streams until told to stop) and the scanner stopped reading.
    expect(sent).toBeGreaterThanOrEqual(OUTPUT_CAP);
    expect(rssSamples).toBeGreaterThan(10);
    expect(peakRss).toBeLessThan(RSS_BOUND);
  });

  it('leaves no ipmitool or ssh child behind', () => {
    expect(leftovers).toEqual({ ipmitool: [], ssh: [] });
  });

  it('keeps every text from a host free of control characters in the JSON report', () => {
    for (const host of report.hosts) {
      for (const c of host.checks) {
        expect(c.message).not.toMatch(RAW_CONTROL);
        for (const e of c.evidence) expect(`${e.source} ${e.detail}`).not.toMatch(RAW_CONTROL);
      }
    }
    const evidence = report.hosts.find((h) => h.name === 'f9-05')!.checks.find((c) => c.id === 'residue.provider-ssh-key')!.evidence;
    expect(evidence.length).toBeGreaterThan(0);
  });

  it('never lets escape sequences reach the terminal raw in the table', async () => {
    const run = await execa('node', ['bin/fleetcheck.js', '--inventory', lab.inventory, ...CHECKS, '--hosts', 'f9-03,f9-05,f9-06'], {
      cwd: REPO,
      reject: false,
      stdin: 'ignore',
      encoding: 'buffer',
      timeout: 30_000,
    });
    expect(run.exitCode).toBe(1);
    const out = Buffer.concat([run.stdout as Uint8Array, run.stderr as Uint8Array]);
    expect(out.includes(0x1b)).toBe(false);
    expect(out.toString('utf8')).not.toMatch(RAW_CONTROL);
    // Not even the invalid UTF-8 gets through: everything printed decodes cleanly.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(out)).not.toThrow();
    expect(out.toString('utf8')).toMatch(/f9-05/);
  });
});
