// How much evidence one finding and one host may carry: a host full of junk costs a short list
// ending in "and N more", never a report too large to write or the scanner's memory.
import type { Evidence, Finding } from './finding.js';

/** The limits that hold in every report format. */
export const EVIDENCE_LIMITS = {
  /** Entries kept per finding, before the closing "and N more" entry. */
  entriesPerFinding: 50,
  /** Characters (source plus detail) kept per finding. */
  charsPerFinding: 16 * 1024,
  /** Entries kept over all findings of one host. */
  entriesPerHost: 400,
  /** Characters kept over all findings of one host. */
  charsPerHost: 128 * 1024,
} as const;

/** The source of the entry that says how much was left out; no file or command is named so. */
export const OMITTED_SOURCE = '…';

const OMITTED_DETAIL = /^and (\d+) more\b/;

/** The closing entry of a cut evidence list: how many entries were left out, and why. */
export function omittedEvidence(count: number, why = `evidence entries not shown (at most ${EVIDENCE_LIMITS.entriesPerFinding} per finding and ${EVIDENCE_LIMITS.entriesPerHost} per host are kept)`): Evidence {
  return { source: OMITTED_SOURCE, detail: `and ${count} more ${why}` };
}

/** How many entries one evidence entry stands for: an "and N more" entry counts N. */
function weight(e: Evidence): number {
  if (e.source !== OMITTED_SOURCE) return 1;
  const m = OMITTED_DETAIL.exec(e.detail);
  return m ? Number(m[1]) : 1;
}

const size = (e: Evidence): number => e.source.length + e.detail.length;

/**
 * Collects evidence up to a budget while counting the rest, so a check looping over a hundred
 * thousand junk lines holds a few dozen entries and one number, not a hundred thousand objects.
 */
export class EvidenceBudget {
  private readonly kept: Evidence[] = [];
  private chars = 0;
  private dropped = 0;

  constructor(private readonly maxEntries: number = EVIDENCE_LIMITS.entriesPerFinding, private readonly maxChars: number = EVIDENCE_LIMITS.charsPerFinding) {}

  /** Keeps `e` if there is room, else counts it. */
  add(e: Evidence): void {
    if (this.dropped === 0 && this.kept.length < this.maxEntries && this.chars + size(e) <= this.maxChars) {
      this.kept.push(e);
      this.chars += size(e);
    } else {
      this.dropped += weight(e);
    }
  }

  /** Counts `count` entries the caller never built (a parser kept only their number). */
  skip(count: number): void {
    if (count > 0) this.dropped += count;
  }

  /** Entries offered, kept or not. */
  get total(): number {
    return this.kept.length + this.dropped;
  }

  /** The kept entries, closed by an "and N more" entry when something was left out. */
  entries(why?: string): Evidence[] {
    return this.dropped > 0 ? [...this.kept, omittedEvidence(this.dropped, why)] : [...this.kept];
  }
}

/** Cuts one evidence list to a budget; an "and N more" entry it drops is counted for its N. */
function cut(evidence: readonly Evidence[], maxEntries: number, maxChars: number): { evidence: Evidence[]; chars: number; entries: number } {
  if (evidence.length <= maxEntries && evidence.reduce((n, e) => n + size(e), 0) <= maxChars) {
    return { evidence: [...evidence], chars: evidence.reduce((n, e) => n + size(e), 0), entries: evidence.length };
  }
  // One entry's room is kept for the closing "and N more".
  const budget = new EvidenceBudget(Math.max(0, maxEntries - 1), Math.max(0, maxChars - 64));
  for (const e of evidence) budget.add(e);
  const out = budget.entries();
  return { evidence: out, chars: out.reduce((n, e) => n + size(e), 0), entries: out.length };
}

/** One finding's evidence cut to the per-finding limit, for checks that join several lists. */
export function boundEvidence(evidence: readonly Evidence[]): Evidence[] {
  return cut(evidence, EVIDENCE_LIMITS.entriesPerFinding + 1, EVIDENCE_LIMITS.charsPerFinding).evidence;
}

/** Which findings get the host's evidence budget first: what failed, then what could not be proven. */
const PRIORITY: Record<Finding['status'], number> = { fail: 0, error: 1, warn: 2, pass: 3, skip: 4 };

/**
 * Bounds the evidence of a host's findings: each finding to its own limit, then all of them
 * together to the host's, failures first, then errors and warnings, so a check flooded with junk
 * never crowds out the evidence of another check's failure. Within a finding the first entries
 * stay (checks put what failed first). Statuses, messages and the order of findings are unchanged.
 */
export function boundFindings(findings: readonly Finding[]): Finding[] {
  let entriesLeft: number = EVIDENCE_LIMITS.entriesPerHost;
  let charsLeft: number = EVIDENCE_LIMITS.charsPerHost;
  const out: Finding[] = [...findings];
  const order = findings.map((_, i) => i).sort((a, b) => PRIORITY[findings[a]!.status] - PRIORITY[findings[b]!.status] || a - b);
  for (const i of order) {
    const f = findings[i]!;
    const maxEntries = Math.max(1, Math.min(EVIDENCE_LIMITS.entriesPerFinding + 1, entriesLeft));
    const maxChars = Math.max(128, Math.min(EVIDENCE_LIMITS.charsPerFinding, charsLeft));
    const bounded = cut(f.evidence, maxEntries, maxChars);
    entriesLeft = Math.max(0, entriesLeft - bounded.entries);
    charsLeft = Math.max(0, charsLeft - bounded.chars);
    out[i] = { ...f, evidence: bounded.evidence };
  }
  return out;
}
