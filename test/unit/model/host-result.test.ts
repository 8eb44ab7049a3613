// Verdict precedence: an unwaived (or expired-waiver) fail makes a violation; else any error makes
// the host unproven; warn, skip and pass leave it compliant.
import { describe, expect, it } from 'vitest';
import type { CheckStatus, Finding } from '../../../src/model/finding.js';
import { verdictOf } from '../../../src/model/host-result.js';

const f = (status: CheckStatus, waiver?: Finding['waiver']): Finding => ({ id: `x.${status}`, status, message: status, evidence: [], ...(waiver ? { waiver } : {}) });
const current = { reason: 'accepted', expires: '2027-01-01', expired: false };
const expired = { reason: 'accepted', expires: '2020-01-01', expired: true };

describe('verdictOf', () => {
  it.each([
    ['no findings', [], 'compliant'],
    ['only passes', [f('pass'), f('pass')], 'compliant'],
    ['a warning and a skip', [f('warn'), f('skip'), f('pass')], 'compliant'],
    ['one error', [f('pass'), f('error')], 'error'],
    ['one fail', [f('pass'), f('fail')], 'violation'],
    ['a fail after an error', [f('error'), f('fail')], 'violation'],
    ['a fail before an error', [f('fail'), f('error')], 'violation'],
    ['a fail under a current waiver', [f('fail', current), f('pass')], 'compliant'],
    ['a fail under a current waiver beside an error', [f('fail', current), f('error')], 'error'],
    ['a fail whose waiver expired', [f('fail', expired)], 'violation'],
    ['a waived fail and an unwaived one', [f('fail', current), f('fail')], 'violation'],
    ['an error carrying a waiver still counts', [f('error', current)], 'error'],
  ] as Array<[string, Finding[], string]>)('%s: %s', (_name, findings, verdict) => {
    expect(verdictOf(findings)).toBe(verdict);
  });
});
