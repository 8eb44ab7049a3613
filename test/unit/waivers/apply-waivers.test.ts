import { describe, expect, it } from 'vitest';
import type { Waiver } from '../../../src/inventory/types.js';
import type { Finding } from '../../../src/model/finding.js';
import type { HostResult } from '../../../src/model/host-result.js';
import { applyWaivers, waiverCovers } from '../../../src/waivers/apply-waivers.js';

const waiver = (over: Partial<Waiver> = {}): Waiver => ({ check: 'bmc.cipher-zero', hosts: ['*'], racks: [], reason: 'simulator hole', expires: '2027-01-01', path: 'waivers.0', ...over });
const finding = (id: string, status: Finding['status']): Finding => ({ id, status, message: 'm', evidence: [] });
const host = (findings: Finding[]): HostResult => ({ host: 'e5-01', rack: 'E5', verdict: 'violation', findings, durationMs: 1, access: { mode: 'outside-only' } });

describe('applyWaivers', () => {
  it('keeps a waived failure in the result, marked, and no longer a violation', () => {
    const out = applyWaivers(host([finding('bmc.cipher-zero', 'fail'), finding('bmc.users', 'pass')]), [waiver()], '2026-11-23');
    expect(out.findings[0]).toEqual({ ...finding('bmc.cipher-zero', 'fail'), waiver: { reason: 'simulator hole', expires: '2027-01-01', expired: false } });
    expect(out.findings[1]!.waiver).toBeUndefined();
    expect(out.verdict).toBe('compliant');
  });

  it('reports an expired waiver as expired and counts the failure again', () => {
    const out = applyWaivers(host([finding('bmc.cipher-zero', 'fail')]), [waiver({ expires: '2026-11-22' })], '2026-11-23');
    expect(out.findings[0]!.waiver).toEqual({ reason: 'simulator hole', expires: '2026-11-22', expired: true });
    expect(out.verdict).toBe('violation');
  });

  it('applies through its expiry day and prefers a current waiver over an expired one', () => {
    expect(applyWaivers(host([finding('bmc.cipher-zero', 'fail')]), [waiver({ expires: '2026-11-23' })], '2026-11-23').verdict).toBe('compliant');
    const both = applyWaivers(host([finding('bmc.cipher-zero', 'fail')]), [waiver({ expires: '2020-01-01' }), waiver({ reason: 'renewed' })], '2026-11-23');
    expect(both.findings[0]!.waiver).toMatchObject({ reason: 'renewed', expired: false });
  });

  it('matches check globs, host globs and racks; never waives an error', () => {
    expect(waiverCovers(waiver({ check: 'bmc.*', hosts: ['e5-0?'] }), 'bmc.anonymous', 'e5-03', 'E5')).toBe(true);
    expect(waiverCovers(waiver({ check: 'bmc.*', hosts: [], racks: ['A3'] }), 'bmc.anonymous', 'e5-03', 'E5')).toBe(false);
    expect(waiverCovers(waiver({ check: 'bmc.*', hosts: [], racks: ['E*'] }), 'bmc.anonymous', 'e5-03', 'E5')).toBe(true);
    expect(waiverCovers(waiver({ check: 'bmc.users' }), 'bmc.users-extra', 'e5-03', 'E5')).toBe(false);
    const out = applyWaivers(host([finding('bmc.cipher-zero', 'error')]), [waiver()], '2026-11-23');
    expect(out.findings[0]!.waiver).toBeUndefined();
    expect(out.verdict).toBe('error');
  });
});
