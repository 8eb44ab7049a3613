// A fleet in which one host holds a flood of junk: the report stays small, in every format, and
// the other hosts keep their results. The junk goes through the real pipeline: framing, parser,
// check, the runner's evidence limits, the report and each reporter.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/catalogue.js';
import { EVIDENCE_LIMITS, OMITTED_SOURCE } from '../../../src/model/evidence-limit.js';
import { buildReport } from '../../../src/report/report.js';
import { REPORTERS } from '../../../src/report/reporters.js';
import { runFleet } from '../../../src/runner/run-fleet.js';
import { scanHost, type ScanOptions } from '../../../src/runner/scan-host.js';
import type { openSsh } from '../../../src/transport/ssh/ssh-connection.js';
import { reportSchemaErrors } from '../../integration/support/report-schema.js';
import { onlyTransports } from '../support/transports.js';
import { testHost, testProvider } from '../support/hosts.js';

/** What each host's authorized_keys holds; the junk host's is 100,000 lines of junk, under the per-file read limit. */
const KEY_FILE: Record<string, string> = {
  'a3-01': '# only a comment',
  'a3-02': Array.from({ length: 100_000 }, () => 'x').join('\n'),
  'a3-03': '',
};

/** Answers the collecting command as a host would, with the run's own marker, for the authorized-keys section. */
const fakeSsh = (async (endpoint: { host: string }) => ({
  run: async (_command: string, opts: { stdin?: string }) => {
    const M = /^M='([^']+)'$/m.exec(opts.stdin ?? '')![1]!;
    const body = KEY_FILE[endpoint.host]!;
    const out = `${M} begin authorized-keys\n${M} F root /root/.ssh/authorized_keys\n${body}\n${M} E\n\n${M} end authorized-keys 0\n${M} done\n`;
    return { stdout: Buffer.from(out), stderr: '', exitCode: 0, signal: null, durationMs: 1 };
  },
  close() {},
})) as unknown as typeof openSsh;

const options: ScanOptions = {
  // Only SSH facts are asked for: IPMI, Redfish and the store are never reached.
  transports: onlyTransports({ openSsh: fakeSsh }),
  secrets: { description: 'none', forHost: async () => ({ ok: false, reason: 'secret-absent', message: 'none' }) } as never,
  ssh: { acceptNewHostKeys: false, maxOutputBytes: 16 << 20 },
  bmcLimit: (work) => work(),
  provider: testProvider(),
  now: () => new Date('2026-11-23T00:00:00Z'),
};

describe('a report with one host full of junk', () => {
  it('stays bounded in every format while the other hosts keep their results', async () => {
    const hosts = Object.keys(KEY_FILE).map((name) => testHost({ name, secretsKey: name }));
    const checks = ALL_CHECKS.filter((c) => c.id === 'residue.provider-ssh-key' || c.id === 'residue.provider-ssh-ca');
    const outcome = await runFleet(hosts, { global: 3, perRack: () => 3, bmc: 1 }, (h) => scanHost(h, checks, options));
    const started = new Date('2026-11-23T00:00:00Z');
    const report = buildReport({
      version: '0.0.0', startedAt: started, finishedAt: started, inventory: 'test.yaml', interrupted: false,
      selection: { racks: [], hosts: [], checks: checks.map((c) => c.id), hostCount: hosts.length },
      results: outcome.results, notScanned: [], defaultAccess: { mode: 'login', user: 'root', sudo: false },
    });

    const junk = report.hosts.find((h) => h.name === 'a3-02')!;
    const key = junk.checks.find((c) => c.id === 'residue.provider-ssh-key')!;
    expect(key.status).toBe('warn');
    expect(key.message).toBe('no provider key among 0 key(s), but 100000 line(s) could not be read as keys');
    expect(key.evidence.length).toBeLessThanOrEqual(EVIDENCE_LIMITS.entriesPerFinding + 1);
    expect(key.evidence.at(-1)).toMatchObject({ source: OMITTED_SOURCE, detail: expect.stringMatching(/^and 99950 more /) });
    for (const name of ['a3-01', 'a3-03']) {
      expect(report.hosts.find((h) => h.name === name)!.checks.map((c) => c.status)).toEqual(['pass', 'pass']);
    }

    for (const [format, reporter] of REPORTERS) {
      const text = reporter.render(report, { color: false, verbose: true });
      // Unbounded, the junk host alone made about 22 MB of JSON.
      expect(text.length, format).toBeLessThan(64 * 1024);
      // The Prometheus textfile carries statuses only, never evidence; every other format shows the cut.
      if (format !== 'prometheus') expect(text, format).toContain('and 99950 more');
    }
    expect(reportSchemaErrors(JSON.parse(REPORTERS.get('json')!.render(report, { color: false })))).toEqual([]);
  });
});
