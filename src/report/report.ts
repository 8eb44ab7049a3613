// The versioned report every format renders: run metadata, selection, summary, then hosts.
import type { CheckStatus, Finding } from '../model/finding.js';
import type { HostResult, HostVerdict } from '../model/host-result.js';
import type { FleetAccess, HostAccess } from '../model/host-access.js';
import type { ProviderSystemReport } from './provider-systems-report.js';

/** The schema id; a breaking change to the JSON shape gets a new number. */
export const REPORT_SCHEMA = 'fleetcheck/report@1';

/** One host in a report. */
export interface HostReport {
  name: string;
  rack: string;
  verdict: HostVerdict;
  durationMs: number;
  /** How fleetcheck examined the host: a login (user, sudo, key) or from outside only. */
  access: HostAccess;
  checks: Finding[];
  /** RMCP+ handshakes the scan began on the BMC and left without a session (a BMC may count each as a failed login); absent when no IPMI probe ran. */
  bmcUnfinishedHandshakes?: number;
}

/** A whole run, as written by `--format json` and shown by the table. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  run: {
    version: string;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    inventory: string;
    /** True when SIGINT stopped the run: `notScanned` lists the hosts it kept from starting. */
    interrupted: boolean;
  };
  selection: { racks: string[]; hosts: string[]; checks: string[]; hostCount: number };
  /** How the inventory's defaults say fleetcheck gets in; the table names hosts examined otherwise. */
  defaultAccess: FleetAccess;
  summary: {
    hosts: Record<HostVerdict, number> & { total: number; notScanned: number };
    checks: Record<CheckStatus, number>;
  };
  hosts: HostReport[];
  notScanned: Array<{ name: string; rack: string }>;
  /** The provider's own systems (`provider.systems`) and what was read on each; absent when the inventory names none. */
  providerSystems?: ProviderSystemReport[];
}

/** What the report is built from. */
export interface ReportInput {
  version: string;
  startedAt: Date;
  finishedAt: Date;
  inventory: string;
  interrupted: boolean;
  selection: { racks: string[]; hosts: string[]; checks: string[]; hostCount: number };
  results: readonly HostResult[];
  defaultAccess: FleetAccess;
  notScanned: ReadonlyArray<{ name: string; rack: string }>;
  providerSystems?: ProviderSystemReport[];
}

/** Builds the report and its summary counts from host results; pure. */
export function buildReport(input: ReportInput): Report {
  const hosts: Report['summary']['hosts'] = { total: input.selection.hostCount, compliant: 0, violation: 0, error: 0, notScanned: input.notScanned.length };
  const checks: Report['summary']['checks'] = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of input.results) {
    hosts[r.verdict]++;
    for (const f of r.findings) checks[f.status]++;
  }
  return {
    schema: REPORT_SCHEMA,
    run: {
      version: input.version,
      startedAt: input.startedAt.toISOString(),
      finishedAt: input.finishedAt.toISOString(),
      durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
      inventory: input.inventory,
      interrupted: input.interrupted,
    },
    selection: input.selection,
    defaultAccess: input.defaultAccess,
    summary: { hosts, checks },
    hosts: input.results.map((r) => ({
      name: r.host,
      rack: r.rack,
      verdict: r.verdict,
      durationMs: r.durationMs,
      access: r.access,
      checks: r.findings,
      ...(r.bmcUnfinishedHandshakes !== undefined ? { bmcUnfinishedHandshakes: r.bmcUnfinishedHandshakes } : {}),
    })),
    notScanned: input.notScanned.map((h) => ({ name: h.name, rack: h.rack })),
    ...(input.providerSystems ? { providerSystems: input.providerSystems } : {}),
  };
}
