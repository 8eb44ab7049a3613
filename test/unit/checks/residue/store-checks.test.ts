import { describe, expect, it } from 'vitest';
import { addRetention } from '../../../../src/checks/residue/policy-dates.js';
import { storeOsCredentials } from '../../../../src/checks/residue/store-os-credentials.js';
import { storeRetention } from '../../../../src/checks/residue/store-retention.js';
import type { Host, ProviderPolicy } from '../../../../src/inventory/types.js';
import { Secret } from '../../../../src/secrets/secret.js';
import type { HostSecrets } from '../../../../src/secrets/secret-store.js';
import { testHost, testProvider } from '../../support/hosts.js';
import { stored } from './fact-builders.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const contract = (end: string, handover?: string) => ({ id: 'C-1', customer: 'X', end, ...(handover ? { handover } : {}) });
const osJudge = (store: HostSecrets, host: Host = testHost()) => storeOsCredentials.evaluate({ 'store.host-secrets': store }, { host, provider: testProvider(), now: NOW });
const retJudge = (store: HostSecrets, host: Host, provider: ProviderPolicy = testProvider()) =>
  storeRetention.evaluate({ 'store.host-secrets': store }, { host, provider, now: NOW });

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

  it('uses the inventory retention window', () => {
    const provider = { ...testProvider(), retention: { amount: 200, unit: 'days' as const } };
    expect(retJudge(stored(), testHost({ contract: contract('2026-07-20') }), provider).status).toBe('pass');
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
