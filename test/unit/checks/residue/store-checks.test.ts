import { describe, expect, it } from 'vitest';
import { addRetention } from '../../../../src/contract/policy-dates.js';
import { storeOsCredentials } from '../../../../src/checks/residue/store-os-credentials.js';
import { storeRetention } from '../../../../src/checks/residue/store-retention.js';
import type { Host, ProviderPolicy } from '../../../../src/inventory/types.js';
import { NO_SAVED_REPORTS } from '../../../../src/collect/store/saved-reports-index.js';
import type { SavedReportsFact } from '../../../../src/facts/saved-reports.js';
import { Secret } from '../../../../src/model/secret.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import { testContext, testHost, testProvider } from '../../support/hosts.js';
import { stored } from './fact-builders.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const contract = (end: string, handover?: string) => ({ id: 'C-1', customer: 'X', end, ...(handover ? { handover } : {}) });
const osJudge = (store: HostSecrets, host: Host = testHost()) => storeOsCredentials.evaluate({ 'store.host-secrets': store }, testContext({ host, now: NOW }));
const retJudge = (store: HostSecrets, host: Host, provider: ProviderPolicy = testProvider(), reports: SavedReportsFact = NO_SAVED_REPORTS) =>
  storeRetention.evaluate({ 'store.host-secrets': store, 'store.saved-reports': reports }, { host, provider, now: NOW, mode: 'contract', modeReason: '' });

describe('residue.store-os-credentials', () => {
  it('fails for a credential or passphrase kept past its handover date', () => {
    const out = osJudge(stored({
      osCredentials: [{ user: 'root', password: new Secret('x'), handover: '2026-01-02' }],
      diskPassphrases: [{ device: '/dev/md1', passphrase: new Secret('y'), handover: '2026-12-01' }],
    }));
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([{ source: 'secret store entry a3-01', detail: 'OS login root still kept, handed over on 2026-01-02' }]);
  });

  it('falls back to the contract handover date, and warns when none is known', () => {
    const dated = testHost({ contract: contract('2027-12-31', '2026-02-01') });
    expect(osJudge(stored({ osCredentials: [{ user: 'root', password: new Secret('x') }] }), dated).status).toBe('fail');
    expect(osJudge(stored({ osCredentials: [{ user: 'root', password: new Secret('x') }] })).status).toBe('warn');
  });

  it('is an error, never a pass, for a stored handover date that names no day', () => {
    const out = osJudge(stored({ osCredentials: [{ user: 'root', password: new Secret('x'), handover: '2026-13-45' }] }));
    expect(out.status).toBe('error');
    expect(out.evidence).toEqual([{ source: 'secret store entry a3-01', detail: "OS login root kept with handover date '2026-13-45', which is not a calendar date" }]);
    expect(osJudge(stored({ diskPassphrases: [{ device: '/dev/md1', passphrase: new Secret('y'), handover: '2026-02-30' }] })).status).toBe('error');
  });

  it('keeps a credential on its handover day and fails it the day after', () => {
    const held = (handover: string) => stored({ osCredentials: [{ user: 'root', password: new Secret('x'), handover }] });
    expect(osJudge(held('2026-11-23')).status).toBe('pass');
    expect(osJudge(held('2026-11-22')).status).toBe('fail');
    // The contract's handover date, when the item has none, by the same day.
    const dated = (handover: string) => testHost({ contract: contract('2027-12-31', handover) });
    expect(osJudge(stored({ osCredentials: [{ user: 'root', password: new Secret('x') }] }), dated('2026-11-23')).status).toBe('pass');
    expect(osJudge(stored({ osCredentials: [{ user: 'root', password: new Secret('x') }] }), dated('2026-11-22')).status).toBe('fail');
  });

  it('passes before handover and when nothing is held', () => {
    expect(osJudge(stored({ osCredentials: [{ user: 'root', password: new Secret('x'), handover: '2026-11-23' }] })).status).toBe('pass');
    expect(osJudge(stored()).status).toBe('pass');
  });
});

describe('residue.store-retention', () => {
  it('fails when the store still holds anything three months after the contract ended', () => {
    const out = retJudge(stored(), testHost({ contract: contract('2026-07-20') }));
    expect(out.status).toBe('fail');
    expect(out.message).toBe('the store still holds 1 BMC account(s), past 2026-10-20 (3 months after the contract ended on 2026-07-20)');
  });

  it('passes inside the window, and when the store holds nothing after it', () => {
    expect(retJudge(stored(), testHost({ contract: contract('2026-09-01') })).status).toBe('pass');
    expect(retJudge(stored({ bmcAccounts: [] }), testHost({ contract: contract('2025-01-01') })).status).toBe('pass');
  });

  it('allows data until the deadline day itself, and fails it the day after', () => {
    // 2026-08-23 + 3 months is 2026-11-23, today: the last day data may be kept.
    expect(retJudge(stored(), testHost({ contract: contract('2026-08-23') }))).toMatchObject({ status: 'pass', message: 'contract ended or ends 2026-08-23; the store may keep data until 2026-11-23' });
    expect(retJudge(stored(), testHost({ contract: contract('2026-08-22') }))).toMatchObject({
      status: 'fail',
      message: 'the store still holds 1 BMC account(s), past 2026-11-22 (3 months after the contract ended on 2026-08-22)',
    });
    // In days: 90 days after 2026-08-25 is 2026-11-23.
    const days = { ...testProvider(), retention: { amount: 90, unit: 'days' as const } };
    expect(retJudge(stored(), testHost({ contract: contract('2026-08-25') }), days).status).toBe('pass');
    expect(retJudge(stored(), testHost({ contract: contract('2026-08-24') }), days).status).toBe('fail');
    // A month step that overflows lands on the month's last day, and that day is still allowed.
    expect(addRetention('2026-08-31', { amount: 6, unit: 'months' })).toBe('2027-02-28');
    expect(addRetention('2028-08-31', { amount: 6, unit: 'months' })).toBe('2029-02-28');
    expect(addRetention('2027-08-31', { amount: 6, unit: 'months' })).toBe('2028-02-29');
  });

  it('uses the inventory retention window', () => {
    const provider = { ...testProvider(), retention: { amount: 200, unit: 'days' as const } };
    expect(retJudge(stored(), testHost({ contract: contract('2026-07-20') }), provider).status).toBe('pass');
  });

  it('fails for saved reports that still name the host, with each report as evidence', () => {
    const reports = { dir: '/var/lib/fc/reports', naming: ['/var/lib/fc/reports/20260801T000000Z.json'], unreadable: [] };
    const ended = testHost({ contract: contract('2026-07-20') });
    const out = retJudge(stored({ bmcAccounts: [] }), ended, testProvider(), reports);
    expect(out.status).toBe('fail');
    expect(out.message).toBe('1 saved report(s) still name the host, past 2026-10-20 (3 months after the contract ended on 2026-07-20)');
    expect(out.evidence).toEqual([{ source: '/var/lib/fc/reports/20260801T000000Z.json', detail: 'saved report names a3-01; retention ended 2026-10-20' }]);
    const both = retJudge(stored(), ended, testProvider(), reports);
    expect(both.message).toMatch(/^the store still holds 1 BMC account\(s\) and 1 saved report\(s\) still name the host, past 2026-10-20/);
    expect(both.evidence.map((e) => e.source)).toEqual(['secret store entry a3-01', '/var/lib/fc/reports/20260801T000000Z.json']);
    // Inside the window a saved report is allowed.
    expect(retJudge(stored(), testHost({ contract: contract('2026-09-01') }), testProvider(), reports).status).toBe('pass');
  });

  it('is unproven when a saved report could not be read, and passes when none names the host', () => {
    const ended = testHost({ contract: contract('2026-07-20') });
    const unreadable = { dir: '/r', naming: [], unreadable: [{ file: '/r/x.json', reason: 'is not valid JSON' }] };
    expect(retJudge(stored({ bmcAccounts: [] }), ended, testProvider(), unreadable)).toMatchObject({ status: 'error', evidence: [{ source: '/r/x.json', detail: 'saved report is not valid JSON' }] });
    expect(retJudge(stored({ bmcAccounts: [] }), ended, testProvider(), { dir: '/r', naming: [], unreadable: [] })).toMatchObject({
      status: 'pass',
      message: 'the store holds nothing and no saved report names the host, 3 months after the contract ended on 2026-07-20',
    });
  });

  it('does not apply to a host without a contract', () => {
    expect(storeRetention.notApplicable!(testHost())).toBe('the inventory gives this host no contract');
  });

  it('adds calendar months, clamping to the month end', () => {
    expect(addRetention('2026-08-31', { amount: 6, unit: 'months' })).toBe('2027-02-28');
    expect(addRetention('2026-11-30', { amount: 3, unit: 'months' })).toBe('2027-02-28');
    expect(addRetention('2026-12-31', { amount: 90, unit: 'days' })).toBe('2027-03-31');
  });
});
