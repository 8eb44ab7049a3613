import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderPrometheus } from '../../../src/report/prometheus-reporter.js';
import { golden } from './golden.js';
import { hostileReport } from './hostile-report.js';
import { sampleReport } from './sample-report.js';

/** Prometheus's own linter over the text exposition format (Debian package `prometheus`). */
function promtool(text: string): { status: number | null; output: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

/** Every sample line as [name, labels, value]. */
function samples(text: string): Array<[string, Record<string, string>, string]> {
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`not a sample line: ${l}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
      return [m[1]!, labels, m[3]!];
    });
}

describe('prometheus reporter', () => {
  it('golden: mixed report', () => golden('report-mixed.prom', renderPrometheus(sampleReport())));
  it('golden: hostile report', () => golden('report-hostile.prom', renderPrometheus(hostileReport())));

  it('passes promtool check metrics, which does reject a metric without HELP and a broken label', () => {
    for (const report of [sampleReport(), hostileReport()]) {
      const r = promtool(renderPrometheus(report));
      expect(r.output).toBe('');
      expect(r.status).toBe(0);
    }
    expect(promtool(renderPrometheus(sampleReport()).replace(/^# HELP fleetcheck_hosts .*\n/m, '')).output).toContain('fleetcheck_hosts no help text');
    expect(promtool(renderPrometheus(sampleReport()).replace('rack="A3"', 'rack="A3\n"')).status).not.toBe(0);
  });

  it('HELP and TYPE for every metric, each family once', () => {
    const text = renderPrometheus(hostileReport());
    const names = [...new Set(samples(text).map(([n]) => n))];
    for (const n of names) {
      expect(text.match(new RegExp(`^# HELP ${n} `, 'gm'))).toHaveLength(1);
      expect(text.match(new RegExp(`^# TYPE ${n} gauge$`, 'gm'))).toHaveLength(1);
    }
  });

  it('per host verdict and per check status, labelled host, rack, check; never instance', () => {
    const s = samples(renderPrometheus(hostileReport()));
    const verdicts = s.filter(([n]) => n === 'fleetcheck_host_verdict').map(([, l]) => `${l.host}/${l.rack}/${l.verdict}`);
    expect(verdicts).toEqual(['a3-01/A3/compliant', 'a3-02/A3/violation', 'c2-01/C2/error', 'c2-02/C2/compliant', 'c2-03/C2/compliant']);
    const status = (host: string, check: string) => s.find(([n, l]) => n === 'fleetcheck_check_status' && l.host === host && l.check === check)?.[1];
    expect(status('a3-01', 'bmc.cipher-zero')).toEqual({ host: 'a3-01', rack: 'A3', check: 'bmc.cipher-zero', status: 'fail', waived: 'true' });
    expect(status('a3-02', 'bmc.cipher-zero')).toMatchObject({ status: 'fail', waived: 'false' }); // expired waiver
    expect(status('c2-01', 'bmc.cipher-zero')).toMatchObject({ status: 'error', waived: 'false' }); // errors are never waived
    expect(s.some(([, l]) => 'instance' in l)).toBe(false);
  });

  it('counts, run times and the last success', () => {
    const s = samples(renderPrometheus(hostileReport()));
    const value = (name: string, label?: [string, string]) => s.find(([n, l]) => n === name && (!label || l[label[0]] === label[1]))?.[2];
    expect(value('fleetcheck_hosts', ['verdict', 'compliant'])).toBe('3');
    expect(value('fleetcheck_hosts', ['verdict', 'not_scanned'])).toBe('1');
    expect(value('fleetcheck_checks', ['status', 'fail'])).toBe('4'); // the waived one included
    expect(value('fleetcheck_checks_waived')).toBe('2');
    expect(value('fleetcheck_run_start_timestamp_seconds')).toBe(String(Date.parse('2026-11-24T02:00:00Z') / 1000));
    expect(value('fleetcheck_run_duration_seconds')).toBe('9.5');
    expect(value('fleetcheck_last_success_timestamp_seconds')).toBe(String(Date.parse('2026-11-24T02:00:09.500Z') / 1000));
    // An interrupted run is no success: the metric is left out, and its age (or absence) alerts.
    const interrupted = hostileReport();
    interrupted.run.interrupted = true;
    expect(renderPrometheus(interrupted)).not.toContain('fleetcheck_last_success_timestamp_seconds');
  });

  it('failed BMC logins per host, only where the report has the count', () => {
    const s = samples(renderPrometheus(hostileReport()));
    expect(s.filter(([n]) => n === 'fleetcheck_bmc_failed_logins').map(([, l, v]) => `${l.host} ${v}`)).toEqual(['a3-01 0', 'c2-02 3']);
    expect(renderPrometheus(sampleReport())).not.toContain('fleetcheck_bmc_failed_logins');
  });

  it('no free text in labels: messages, evidence and waiver reasons never become a label value', () => {
    const report = hostileReport();
    const s = samples(renderPrometheus(report));
    const allowed = new Set([
      ...report.hosts.flatMap((h) => [h.name, h.rack, ...h.checks.map((c) => c.id)]),
      ...report.notScanned.flatMap((h) => [h.name, h.rack]),
      'compliant', 'violation', 'error', 'not_scanned', 'pass', 'fail', 'warn', 'skip', 'true', 'false', report.run.version,
    ]);
    for (const [name, labels] of s) for (const v of Object.values(labels)) expect(allowed.has(v), `${name}: ${v}`).toBe(true);
  });

  it('escapes label values it does not expect to need escaping', () => {
    const report = sampleReport();
    report.hosts[0]!.rack = 'A"3\\x';
    const text = renderPrometheus(report);
    expect(text).toContain('rack="A\\"3\\\\x"');
    expect(promtool(text).status).toBe(0);
  });
});
