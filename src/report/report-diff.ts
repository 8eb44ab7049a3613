// What changed between two reports of the same fleet ("since last night"): hosts added or gone,
// findings new, resolved or changed in status, and waivers that expired in between. Pure.
import { z } from 'zod';
import type { CheckStatus, Finding } from '../model/finding.js';
import type { HostVerdict } from '../model/host-result.js';
import { findingState, type FindingState } from './finding-state.js';

const STATUSES = ['pass', 'fail', 'warn', 'error', 'skip'] as const satisfies readonly CheckStatus[];
const VERDICTS = ['compliant', 'violation', 'error'] as const satisfies readonly HostVerdict[];

/** The parts of a JSON report (any fleetcheck/report@ version with these fields) a comparison reads. */
export const ComparableReportSchema = z.looseObject({
  schema: z.string().startsWith('fleetcheck/report@'),
  run: z.looseObject({ startedAt: z.string() }),
  selection: z.looseObject({ racks: z.array(z.string()).default([]), hosts: z.array(z.string()), checks: z.array(z.string()).default([]) }),
  hosts: z.array(
    z.looseObject({
      name: z.string(),
      rack: z.string(),
      verdict: z.enum(VERDICTS),
      checks: z.array(
        z.looseObject({
          id: z.string(),
          status: z.enum(STATUSES),
          message: z.string(),
          evidence: z.array(z.looseObject({ source: z.string(), detail: z.string() })).default([]),
          waiver: z.looseObject({ reason: z.string(), expires: z.string(), expired: z.boolean() }).optional(),
        }),
      ),
    }),
  ),
});

/** A report as a comparison reads it. */
export type ComparableReport = z.infer<typeof ComparableReportSchema>;

/** A host that is in only one of the two reports. */
export interface HostPresence {
  host: string;
  rack: string;
  verdict: HostVerdict;
}

/** One host's check whose state differs between the two reports. */
export interface FindingChange {
  host: string;
  rack: string;
  check: string;
  /** `absent` when the check did not run on the host in that report. */
  from: FindingState | 'absent';
  to: FindingState | 'absent';
  /** The newer message (the older one when the check is gone). */
  message: string;
}

/** A waiver that was in force in the old report and is expired in the new one. */
export interface ExpiredWaiver {
  host: string;
  rack: string;
  check: string;
  reason: string;
  expires: string;
}

/** Everything that changed, in host and check order. */
export interface ReportDiff {
  old: { startedAt: string };
  new: { startedAt: string };
  hostsAdded: HostPresence[];
  hostsGone: HostPresence[];
  verdictsChanged: Array<{ host: string; rack: string; from: HostVerdict; to: HostVerdict }>;
  /** A failure, warning or error that was not there (pass, skip, waived, or the check did not run). */
  newFindings: FindingChange[];
  /** A failure, warning or error that is gone (now pass, skip, waived, or the check no longer runs). */
  resolvedFindings: FindingChange[];
  /** Any other change of state: fail → error, warn → fail, pass → skip, … */
  changedFindings: FindingChange[];
  waiversExpired: ExpiredWaiver[];
}

const needsAttention = (s: FindingState | 'absent'): boolean => s === 'fail' || s === 'warn' || s === 'error';

/** Whether a diff found nothing. */
export function isEmptyDiff(d: ReportDiff): boolean {
  return [d.hostsAdded, d.hostsGone, d.verdictsChanged, d.newFindings, d.resolvedFindings, d.changedFindings, d.waiversExpired].every((l) => l.length === 0);
}

type ComparableFinding = ComparableReport['hosts'][number]['checks'][number];
const stateOf = (f: ComparableFinding | undefined): FindingState | 'absent' => (f ? findingState(f as Finding) : 'absent');

/** Compares two reports; `older` is the earlier run. */
export function diffReports(older: ComparableReport, newer: ComparableReport): ReportDiff {
  const oldHosts = new Map(older.hosts.map((h) => [h.name, h]));
  const newHosts = new Map(newer.hosts.map((h) => [h.name, h]));
  const byName = (a: { host: string }, b: { host: string }) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);
  const diff: ReportDiff = {
    old: { startedAt: older.run.startedAt },
    new: { startedAt: newer.run.startedAt },
    hostsAdded: newer.hosts.filter((h) => !oldHosts.has(h.name)).map((h) => ({ host: h.name, rack: h.rack, verdict: h.verdict })).sort(byName),
    hostsGone: older.hosts.filter((h) => !newHosts.has(h.name)).map((h) => ({ host: h.name, rack: h.rack, verdict: h.verdict })).sort(byName),
    verdictsChanged: [],
    newFindings: [],
    resolvedFindings: [],
    changedFindings: [],
    waiversExpired: [],
  };
  const both = newer.hosts.filter((h) => oldHosts.has(h.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const now of both) {
    const before = oldHosts.get(now.name)!;
    if (before.verdict !== now.verdict) diff.verdictsChanged.push({ host: now.name, rack: now.rack, from: before.verdict, to: now.verdict });
    const oldChecks = new Map(before.checks.map((c) => [c.id, c]));
    const newChecks = new Map(now.checks.map((c) => [c.id, c]));
    const ids = [...new Set([...now.checks.map((c) => c.id), ...before.checks.map((c) => c.id)])].sort();
    for (const id of ids) {
      const o = oldChecks.get(id);
      const n = newChecks.get(id);
      const from = stateOf(o);
      const to = stateOf(n);
      if (o?.waiver && !o.waiver.expired && n?.waiver?.expired) {
        diff.waiversExpired.push({ host: now.name, rack: now.rack, check: id, reason: n.waiver.reason, expires: n.waiver.expires });
      }
      if (from === to) continue;
      const change: FindingChange = { host: now.name, rack: now.rack, check: id, from, to, message: (n ?? o)!.message };
      if (!needsAttention(from) && needsAttention(to)) diff.newFindings.push(change);
      else if (needsAttention(from) && !needsAttention(to)) diff.resolvedFindings.push(change);
      // A check that started or stopped running without finding anything is no change of the fleet.
      else if ((from === 'absent' && to !== 'waived') || (to === 'absent' && from !== 'waived')) continue;
      else diff.changedFindings.push(change);
    }
  }
  return diff;
}
