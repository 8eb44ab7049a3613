// `--format prometheus`: a textfile for node_exporter's textfile collector, so that nightly audits
// land in the dashboards and alerts ops already have. Every label value is an inventory name, a check
// id or a fixed word: no message or evidence text, which would make a series per wording.
import type { CheckStatus } from '../model/finding.js';
import type { HostVerdict } from '../model/host-result.js';
import { findingState } from './finding-state.js';
import type { Report } from './report.js';
import type { Reporter } from './reporter.js';

const VERDICTS: readonly HostVerdict[] = ['compliant', 'violation', 'error'];
const STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'warn', 'error', 'skip'];

/** A label value in the text exposition format: backslash, double quote and newline escaped. */
const labelValue = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const labels = (pairs: Record<string, string>): string => {
  const parts = Object.entries(pairs).map(([k, v]) => `${k}="${labelValue(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
};

/** Seconds with millisecond precision, as Prometheus expects for timestamps and durations. */
const seconds = (ms: number): string => String(Math.round(ms) / 1000);

class Exposition {
  readonly #lines: string[] = [];
  /** One metric family: HELP and TYPE once, then its samples. */
  gauge(name: string, help: string, samples: ReadonlyArray<readonly [Record<string, string>, string]>): void {
    if (samples.length === 0) return;
    this.#lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [l, v] of samples) this.#lines.push(`${name}${labels(l)} ${v}`);
  }
  text(): string {
    return this.#lines.join('\n') + '\n';
  }
}

/** Renders the report in the Prometheus text exposition format (version 0.0.4). */
export function renderPrometheus(report: Report): string {
  const out = new Exposition();
  const run = report.run;
  out.gauge('fleetcheck_build_info', 'fleetcheck version that wrote this file (always 1).', [[{ version: run.version }, '1']]);
  out.gauge('fleetcheck_run_start_timestamp_seconds', 'Start of the fleetcheck run, Unix time.', [[{}, seconds(Date.parse(run.startedAt))]]);
  out.gauge('fleetcheck_run_duration_seconds', 'Wall time of the fleetcheck run.', [[{}, seconds(run.durationMs)]]);
  out.gauge('fleetcheck_run_interrupted', '1 when SIGINT stopped the run before every host was scanned.', [[{}, run.interrupted ? '1' : '0']]);
  // Only a run that finished sets it: an alert on its age catches audits that stopped running or
  // keep being cut short. (A run that fails before scanning writes no file, so the old value stays.)
  if (!run.interrupted) {
    out.gauge('fleetcheck_last_success_timestamp_seconds', 'End of the last fleetcheck run that scanned every selected host, Unix time.', [[{}, seconds(Date.parse(run.finishedAt))]]);
  }
  const h = report.summary.hosts;
  out.gauge('fleetcheck_hosts', 'Hosts in the run by verdict (not_scanned: left out by an interruption).', [
    ...VERDICTS.map((v) => [{ verdict: v }, String(h[v])] as const),
    [{ verdict: 'not_scanned' }, String(h.notScanned)],
  ]);
  const findings = report.hosts.flatMap((x) => x.checks);
  out.gauge('fleetcheck_checks', 'Check results in the run by status (waived failures and warnings count under their status).', STATUSES.map((s) => [{ status: s }, String(report.summary.checks[s])] as const));
  out.gauge('fleetcheck_checks_waived', 'Failures and warnings an unexpired waiver accepts.', [[{}, String(findings.filter((f) => findingState(f) === 'waived').length)]]);
  out.gauge(
    'fleetcheck_host_verdict',
    'The host verdict: one series per host, its verdict label compliant, violation or error (value always 1).',
    report.hosts.map((x) => [{ host: x.name, rack: x.rack, verdict: x.verdict }, '1'] as const),
  );
  out.gauge(
    'fleetcheck_host_scan_duration_seconds',
    'Time spent scanning the host.',
    report.hosts.map((x) => [{ host: x.name, rack: x.rack }, seconds(x.durationMs)] as const),
  );
  out.gauge(
    'fleetcheck_check_status',
    'One series per host and check, its status label pass, fail, warn, error or skip; waived="true" when an unexpired waiver accepts it (value always 1).',
    report.hosts.flatMap((x) => x.checks.map((c) => [{ host: x.name, rack: x.rack, check: c.id, status: c.status, waived: String(findingState(c) === 'waived') }, '1'] as const)),
  );
  // Only where the report has the count (the BMC login checks ran): no series rather than a made-up 0.
  const counted = report.hosts.filter((x) => x.checks.some((c) => c.bmcFailedLogins !== undefined));
  out.gauge(
    'fleetcheck_bmc_failed_logins',
    'Logins this run made that the host\'s BMC refused (stored, default, null-user and empty-password probes); each counts against the BMC\'s lockout.',
    counted.map((x) => [{ host: x.name, rack: x.rack }, String(x.checks.reduce((n, c) => n + (c.bmcFailedLogins ?? 0), 0))] as const),
  );
  out.gauge(
    'fleetcheck_host_not_scanned',
    'Hosts the run did not reach because it was interrupted (value always 1).',
    report.notScanned.map((x) => [{ host: x.name, rack: x.rack }, '1'] as const),
  );
  // Only systems this run examined: a system the selected checks did not need has no reading to report.
  const examined = (report.providerSystems ?? []).filter((p) => p.examined);
  out.gauge(
    'fleetcheck_provider_system_read',
    'Provider systems (inventory provider.systems) examined in the run: 1 when reached and every source read or absent, 0 when it could not be read in full.',
    examined.map((p) => [{ system: p.name, role: p.role }, p.reached === true && p.sources.every((x) => x.state !== 'failed') ? '1' : '0'] as const),
  );
  out.gauge(
    'fleetcheck_provider_system_sources',
    'Sources of each examined provider system by state: read, absent (not on the system) or failed.',
    examined.flatMap((p) => (['read', 'absent', 'failed'] as const).map((state) => [{ system: p.name, role: p.role, state }, String(p.sources.filter((x) => x.state === state).length)] as const)),
  );
  return out.text();
}

/** node_exporter's textfile collector reads this; write it to a `.prom` file in its directory. */
export const prometheusReporter: Reporter = { name: 'prometheus', render: (report) => renderPrometheus(report) };
