// Waivers: which findings they cover (check, host and rack globs), what an expired one does, and the
// inventory problem a waiver that matches no check makes.
import { describe, expect, it } from 'vitest';
import type { Inventory, Waiver } from '../../../src/inventory/types.js';
import type { Finding } from '../../../src/model/finding.js';
import type { HostResult } from '../../../src/model/host-result.js';
import { applyWaivers, waiverCovers, waiverFor } from '../../../src/waivers/apply-waivers.js';
import { unknownWaiverChecks } from '../../../src/waivers/waiver-issues.js';

const TODAY = '2026-11-23';
const waiver = (over: Partial<Waiver> = {}): Waiver => ({ check: 'bmc.cipher-zero', hosts: [], racks: [], reason: 'simulator hole', expires: '2027-01-01', path: 'waivers.0', ...over });
const finding = (status: Finding['status'], id = 'bmc.cipher-zero'): Finding => ({ id, status, message: `${id} ${status}`, evidence: [{ source: 'x', detail: 'y' }] });
const result = (findings: Finding[], verdict: HostResult['verdict'] = 'violation'): HostResult => ({
  host: 'e5-01',
  rack: 'E5',
  verdict,
  findings,
  durationMs: 7,
  access: { mode: 'outside-only' },
});

describe('waiverCovers', () => {
  it('needs the check to match and then a host or a rack pattern to match', () => {
    expect(waiverCovers(waiver({ hosts: ['e5-01'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(true);
    expect(waiverCovers(waiver({ hosts: ['e5-02'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(false);
    expect(waiverCovers(waiver({ racks: ['E5'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(true);
    expect(waiverCovers(waiver({ racks: ['E6'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(false);
    expect(waiverCovers(waiver({ hosts: ['e5-02'], racks: ['E5'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(true);
    expect(waiverCovers(waiver({ hosts: ['e5-01'], racks: ['E6'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(true);
    expect(waiverCovers(waiver({ hosts: ['*'], racks: ['*'], check: 'bmc.users' }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(false);
  });

  it('covers nothing when it names neither hosts nor racks', () => {
    expect(waiverCovers(waiver(), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(false);
  });

  it('matches whole names: a host pattern is not a prefix, a rack name not a host name', () => {
    expect(waiverCovers(waiver({ hosts: ['e5'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(false);
    expect(waiverCovers(waiver({ hosts: ['e5-0?'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(true);
    expect(waiverCovers(waiver({ hosts: ['E5'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(false);
    expect(waiverCovers(waiver({ racks: ['e5-01'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(false);
    expect(waiverCovers(waiver({ check: 'bmc.cipher', hosts: ['*'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(false);
    expect(waiverCovers(waiver({ check: '*', hosts: ['*'] }), 'bmc.cipher-zero', 'e5-01', 'E5')).toBe(true);
  });
});

describe('waiverFor', () => {
  it('waives fails and warnings, never a pass, an error or a skip', () => {
    const w = [waiver({ hosts: ['*'] })];
    expect(waiverFor(w, finding('fail'), 'e5-01', 'E5', TODAY)).toEqual({ reason: 'simulator hole', expires: '2027-01-01', expired: false });
    expect(waiverFor(w, finding('warn'), 'e5-01', 'E5', TODAY)).toEqual({ reason: 'simulator hole', expires: '2027-01-01', expired: false });
    for (const status of ['pass', 'error', 'skip'] as const) expect(waiverFor(w, finding(status), 'e5-01', 'E5', TODAY)).toBeUndefined();
  });

  it('applies through its expiry day and is expired the day after', () => {
    const w = [waiver({ hosts: ['*'], expires: TODAY })];
    expect(waiverFor(w, finding('fail'), 'e5-01', 'E5', TODAY)).toEqual({ reason: 'simulator hole', expires: TODAY, expired: false });
    expect(waiverFor(w, finding('fail'), 'e5-01', 'E5', '2026-11-24')).toEqual({ reason: 'simulator hole', expires: TODAY, expired: true });
    const lapsed = waiver({ hosts: ['*'], reason: 'lapsed', expires: '2026-11-22' });
    const lastDay = waiver({ hosts: ['*'], reason: 'last day', expires: TODAY });
    expect(waiverFor([lapsed, lastDay], finding('fail'), 'e5-01', 'E5', TODAY)).toEqual({ reason: 'last day', expires: TODAY, expired: false });
  });

  it('takes the first current waiver, else the first expired one, in file order', () => {
    const first = waiver({ hosts: ['*'], reason: 'first', expires: '2027-02-01' });
    const second = waiver({ hosts: ['*'], reason: 'second', expires: '2027-03-01' });
    const oldest = waiver({ hosts: ['*'], reason: 'oldest', expires: '2025-01-01' });
    const older = waiver({ hosts: ['*'], reason: 'older', expires: '2026-01-01' });
    expect(waiverFor([oldest, first, second], finding('fail'), 'e5-01', 'E5', TODAY)?.reason).toBe('first');
    expect(waiverFor([older, oldest], finding('fail'), 'e5-01', 'E5', TODAY)).toEqual({ reason: 'older', expires: '2026-01-01', expired: true });
  });

  it('is none when no waiver covers the finding', () => {
    expect(waiverFor([waiver({ hosts: ['z9-*'] })], finding('fail'), 'e5-01', 'E5', TODAY)).toBeUndefined();
    expect(waiverFor([], finding('fail'), 'e5-01', 'E5', TODAY)).toBeUndefined();
  });
});

describe('applyWaivers', () => {
  it('returns the result unchanged, verdict included, when the inventory has no waivers', () => {
    const r = result([finding('fail')], 'violation');
    expect(applyWaivers(r, [], TODAY)).toBe(r);
  });

  it('marks each covered finding, keeps the others as they were, and recomputes the verdict', () => {
    const out = applyWaivers(result([finding('fail'), finding('fail', 'bmc.users'), finding('error', 'bmc.anonymous')]), [waiver({ hosts: ['*'] })], TODAY);
    expect(out).toEqual({
      ...result([]),
      verdict: 'violation',
      findings: [{ ...finding('fail'), waiver: { reason: 'simulator hole', expires: '2027-01-01', expired: false } }, finding('fail', 'bmc.users'), finding('error', 'bmc.anonymous')],
    });
    const onlyWaived = applyWaivers(result([finding('fail'), finding('error', 'bmc.anonymous')]), [waiver({ racks: ['E5'] })], TODAY);
    expect(onlyWaived.verdict).toBe('error');
  });

  it('takes away a waiver a finding carried from before when none covers it now', () => {
    const carried: Finding = { ...finding('fail'), waiver: { reason: 'old', expires: '2027-01-01', expired: false } };
    const out = applyWaivers(result([carried], 'compliant'), [waiver({ hosts: ['z9-*'] })], TODAY);
    expect(out.findings).toEqual([finding('fail')]);
    expect(out.verdict).toBe('violation');
  });

  it('counts a fail again once its waiver has expired, and says it expired', () => {
    const out = applyWaivers(result([finding('fail')], 'compliant'), [waiver({ hosts: ['e5-*'], expires: '2026-11-22' })], TODAY);
    expect(out.findings[0]!.waiver).toEqual({ reason: 'simulator hole', expires: '2026-11-22', expired: true });
    expect(out.verdict).toBe('violation');
  });
});

describe('unknownWaiverChecks', () => {
  const inventory = (waivers: Waiver[], lines: Record<string, number> = {}): Inventory =>
    ({ file: 'fleet.yaml', waivers, locate: (path: string) => (lines[path] === undefined ? undefined : { file: 'fleet.yaml', line: lines[path]! }) }) as unknown as Inventory;
  const IDS = ['bmc.cipher-zero', 'bmc.users'];

  it('names each waiver whose check matches no check, with its file, line and path', () => {
    const issues = unknownWaiverChecks(inventory([waiver({ path: 'waivers.0' }), waiver({ check: 'bmc.cipher-zer0', path: 'waivers.1' }), waiver({ check: 'residue.*', path: 'waivers.2' })], { 'waivers.1.check': 14 }), IDS);
    // Strict: an issue without a known line has no `line` key at all.
    expect(issues).toStrictEqual([
      { file: 'fleet.yaml', line: 14, path: 'waivers.1.check', message: 'matches no check; known checks: bmc.cipher-zero, bmc.users' },
      { file: 'fleet.yaml', path: 'waivers.2.check', message: 'matches no check; known checks: bmc.cipher-zero, bmc.users' },
    ]);
  });

  it('accepts a glob that matches at least one check', () => {
    expect(unknownWaiverChecks(inventory([waiver({ check: 'bmc.*' }), waiver({ check: 'bmc.user?' })]), IDS)).toEqual([]);
  });
});
