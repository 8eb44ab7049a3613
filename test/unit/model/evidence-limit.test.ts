import { describe, expect, it } from 'vitest';
import { boundFindings, EVIDENCE_LIMITS, EvidenceBudget, OMITTED_SOURCE, omittedEvidence } from '../../../src/model/evidence-limit.js';
import type { Evidence, Finding } from '../../../src/model/finding.js';

const entries = (n: number, prefix = 'f'): Evidence[] => Array.from({ length: n }, (_, i) => ({ source: `/${prefix}:${i + 1}`, detail: 'junk line' }));
const finding = (id: string, status: Finding['status'], evidence: Evidence[]): Finding => ({ id, status, message: `${evidence.length} entries`, evidence });
const chars = (fs: Finding[]) => fs.flatMap((f) => f.evidence).reduce((n, e) => n + e.source.length + e.detail.length, 0);

describe('EvidenceBudget', () => {
  it('keeps the first entries and counts the rest, skipped ones included', () => {
    const b = new EvidenceBudget(3, 10_000);
    for (const e of entries(10)) b.add(e);
    b.skip(90);
    expect(b.total).toBe(100);
    expect(b.entries('junk lines')).toEqual([...entries(3), { source: OMITTED_SOURCE, detail: 'and 97 more junk lines' }]);
  });

  it('adds nothing when everything fitted', () => {
    const b = new EvidenceBudget();
    for (const e of entries(2)) b.add(e);
    expect(b.entries()).toEqual(entries(2));
  });
});

describe('boundFindings', () => {
  it('cuts a finding of 100,000 entries to the limit and says how many more there were', () => {
    const [f] = boundFindings([finding('residue.provider-ssh-key', 'warn', entries(100_000))]);
    expect(f!.evidence).toHaveLength(EVIDENCE_LIMITS.entriesPerFinding + 1);
    expect(f!.evidence.slice(0, EVIDENCE_LIMITS.entriesPerFinding)).toEqual(entries(EVIDENCE_LIMITS.entriesPerFinding));
    expect(f!.evidence.at(-1)).toEqual(omittedEvidence(100_000 - EVIDENCE_LIMITS.entriesPerFinding));
    expect(f!.status).toBe('warn');
    expect(f!.message).toBe('100000 entries');
  });

  it('cuts by characters too: a few huge entries are not a loophole', () => {
    const huge = Array.from({ length: 10 }, (_, i) => ({ source: `/big:${i}`, detail: 'x'.repeat(10_000) }));
    const [f] = boundFindings([finding('backup.schedules', 'warn', huge)]);
    expect(chars([f!])).toBeLessThanOrEqual(EVIDENCE_LIMITS.charsPerFinding);
    expect(f!.evidence.at(-1)!.detail).toMatch(/^and 9 more /);
  });

  it('counts an "and N more" entry it drops for its N', () => {
    const [f] = boundFindings([finding('x.y', 'warn', [...entries(60), omittedEvidence(1000)])]);
    expect(f!.evidence.at(-1)).toEqual(omittedEvidence(60 - EVIDENCE_LIMITS.entriesPerFinding + 1000));
  });

  it('bounds the whole host and gives its budget to failures first, in the order of the findings', () => {
    const many = Array.from({ length: 30 }, (_, i) => finding(`x.warn-${i}`, 'warn', entries(1000, `w${i}`)));
    const failed = finding('residue.provider-ssh-key', 'fail', entries(3, 'key'));
    const bounded = boundFindings([...many, failed]);
    expect(bounded.map((f) => f.id)).toEqual([...many, failed].map((f) => f.id));
    expect(bounded.at(-1)!.evidence).toEqual(entries(3, 'key'));
    const all = bounded.flatMap((f) => f.evidence);
    expect(all.filter((e) => e.source !== OMITTED_SOURCE).length).toBeLessThanOrEqual(EVIDENCE_LIMITS.entriesPerHost);
    expect(chars(bounded)).toBeLessThanOrEqual(EVIDENCE_LIMITS.charsPerHost + 30 * 128);
    // Every entry left out is still counted somewhere.
    const counted = all.reduce((n, e) => n + (e.source === OMITTED_SOURCE ? Number(/^and (\d+)/.exec(e.detail)![1]) : 1), 0);
    expect(counted).toBe(30 * 1000 + 3);
  });

  it('leaves small findings as they were', () => {
    const fs = [finding('a.b', 'pass', []), finding('a.c', 'fail', entries(2))];
    expect(boundFindings(fs)).toEqual(fs);
  });
});
