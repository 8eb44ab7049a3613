// Marks waived findings. Pure: the same findings, waivers and day always give the same result.
// A waived failure stays in the report with its reason; it no longer makes a violation until
// the waiver expires, and an expired waiver is still shown, marked expired (verdictOf counts it).
import type { Waiver } from '../inventory/types.js';
import type { Finding } from '../model/finding.js';
import { verdictOf, type HostResult } from '../model/host-result.js';
import { globMatches } from '../text/glob.js';

/** Statuses a waiver can cover: a pass needs no waiver, and an error is not a judgement to waive. */
const WAIVABLE = new Set<Finding['status']>(['fail', 'warn']);

/** Whether `waiver` covers check `id` on host `host` of rack `rack`. */
export function waiverCovers(waiver: Waiver, id: string, host: string, rack: string): boolean {
  if (!globMatches(waiver.check, id)) return false;
  return waiver.hosts.some((p) => globMatches(p, host)) || waiver.racks.some((p) => globMatches(p, rack));
}

/**
 * The waiver for one finding: the first unexpired one that covers it, else the first expired one
 * (so the report says the exception ran out), else none. `today` is an ISO date (YYYY-MM-DD).
 */
export function waiverFor(waivers: readonly Waiver[], finding: Finding, host: string, rack: string, today: string): Finding['waiver'] {
  if (!WAIVABLE.has(finding.status)) return undefined;
  const covering = waivers.filter((w) => waiverCovers(w, finding.id, host, rack));
  const current = covering.find((w) => w.expires >= today);
  const chosen = current ?? covering[0];
  if (!chosen) return undefined;
  return { reason: chosen.reason, expires: chosen.expires, expired: chosen.expires < today };
}

/** One host's result with its waivers applied and its verdict recomputed. */
export function applyWaivers(result: HostResult, waivers: readonly Waiver[], today: string): HostResult {
  if (waivers.length === 0) return result;
  const findings = result.findings.map((f) => {
    const waiver = waiverFor(waivers, f, result.host, result.rack, today);
    const { waiver: _old, ...rest } = f;
    return waiver ? { ...rest, waiver } : rest;
  });
  return { ...result, findings, verdict: verdictOf(findings) };
}
