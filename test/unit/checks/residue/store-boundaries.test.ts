// The store checks on their boundary days, with exact messages and evidence: the handover day and
// the retention deadline day still belong to the provider; the day after does not.
import { describe, expect, it } from 'vitest';
import { storeOsCredentials } from '../../../../src/checks/residue/store-os-credentials.js';
import { storeRetention } from '../../../../src/checks/residue/store-retention.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import type { SavedReportsFact } from '../../../../src/facts/saved-reports.js';
import type { Host } from '../../../../src/inventory/types.js';
import { Secret } from '../../../../src/model/secret.js';
import { testHost } from '../../support/hosts.js';
import { checkContext } from '../check-context.js';

const EMPTY: HostSecrets = { bmcAccounts: [], osCredentials: [], diskPassphrases: [] };
const host = (end: string, handover?: string): Host => testHost({ secretsKey: 'hosts/d4-11', name: 'd4-11', contract: { id: 'C-4', customer: 'X', end, ...(handover ? { handover } : {}) } });
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const os = (store: HostSecrets, h: Host, day: string) => storeOsCredentials.evaluate({ 'store.host-secrets': store }, checkContext({ host: h, now: at(day) }));
const NO_REPORTS: SavedReportsFact = { dir: undefined, naming: [], unreadable: [] };
const retention = (store: HostSecrets, h: Host, day: string, reports: SavedReportsFact = NO_REPORTS) =>
  storeRetention.evaluate({ 'store.host-secrets': store, 'store.saved-reports': reports }, checkContext({ host: h, now: at(day) }));

describe('residue.store-os-credentials on the handover day', () => {
  const store: HostSecrets = { ...EMPTY, osCredentials: [{ user: 'root', password: new Secret('Os-Initial-7q') }] };

  it('passes on the handover day itself, naming how many are kept', () => {
    expect(os(store, host('2026-12-31', '2026-11-23'), '2026-11-23')).toEqual({ status: 'pass', message: '1 OS credential(s) or passphrase(s) kept until handover', evidence: [] });
  });

  it('fails the day after, with the entry and the date', () => {
    expect(os(store, host('2026-12-31', '2026-11-23'), '2026-11-24')).toEqual({
      status: 'fail',
      message: '1 OS credential(s) or passphrase(s) kept past handover',
      evidence: [{ source: 'secret store entry hosts/d4-11', detail: 'OS login root still kept, handed over on 2026-11-23' }],
    });
  });

  it('lists undated and invalid items after what failed, and the undated ones after the invalid in an error', () => {
    const mixed: HostSecrets = {
      ...EMPTY,
      osCredentials: [{ user: 'root', password: new Secret('a-b-c-d-e-f'), handover: '2026-01-01' }, { user: 'ops', password: new Secret('g-h-i-j-k-l') }],
      diskPassphrases: [{ device: '/dev/md1', passphrase: new Secret('m-n-o-p-q-r'), handover: '2026-02-30' }],
    };
    const noContract = testHost({ secretsKey: 'hosts/d4-11' });
    expect(os(mixed, noContract, '2026-11-24').evidence).toEqual([
      { source: 'secret store entry hosts/d4-11', detail: 'OS login root still kept, handed over on 2026-01-01' },
      { source: 'secret store entry hosts/d4-11', detail: "disk passphrase for /dev/md1 kept with handover date '2026-02-30', which is not a calendar date" },
      { source: 'secret store entry hosts/d4-11', detail: 'OS login ops kept, no handover date known' },
    ]);
    const notYet = { ...mixed, osCredentials: mixed.osCredentials.slice(1) };
    expect(os(notYet, noContract, '2026-11-24')).toEqual({
      status: 'error',
      message: '1 OS credential(s) or passphrase(s) with a handover date that is not a calendar date',
      evidence: [
        { source: 'secret store entry hosts/d4-11', detail: "disk passphrase for /dev/md1 kept with handover date '2026-02-30', which is not a calendar date" },
        { source: 'secret store entry hosts/d4-11', detail: 'OS login ops kept, no handover date known' },
      ],
    });
    expect(os({ ...EMPTY, osCredentials: mixed.osCredentials.slice(1) }, noContract, '2026-11-24')).toEqual({
      status: 'warn',
      message: '1 OS credential(s) or passphrase(s) kept with no handover date',
      evidence: [{ source: 'secret store entry hosts/d4-11', detail: 'OS login ops kept, no handover date known' }],
    });
  });

  it('passes an empty store with its own message', () => {
    expect(os(EMPTY, host('2026-12-31'), '2026-11-24')).toEqual({ status: 'pass', message: 'the store holds no OS credential or disk passphrase', evidence: [] });
  });
});

describe('residue.store-retention on the deadline day', () => {
  const held: HostSecrets = { ...EMPTY, bmcAccounts: [{ user: 'ADMIN', password: new Secret('Bmc-Initial-9x'), privilege: 'administrator' }], biosPassword: new Secret('Bios-Initial-3k') };
  // Contract ended 2026-07-20; three months later is 2026-10-20, the last day data may be kept.
  const ended = host('2026-07-20');

  it('passes on the deadline day', () => {
    expect(retention(held, ended, '2026-10-20')).toEqual({ status: 'pass', message: 'contract ended or ends 2026-07-20; the store may keep data until 2026-10-20', evidence: [] });
  });

  it('fails the day after for what the store holds and each saved report naming the host', () => {
    const reports: SavedReportsFact = { dir: '/var/lib/fleetcheck/reports', naming: ['/var/lib/fleetcheck/reports/2026-09-01.json'], unreadable: [] };
    expect(retention(held, ended, '2026-10-21', reports)).toEqual({
      status: 'fail',
      message: 'the store still holds 1 BMC account(s), a BIOS password and 1 saved report(s) still name the host, past 2026-10-20 (3 months after the contract ended on 2026-07-20)',
      evidence: [
        { source: 'secret store entry hosts/d4-11', detail: 'holds 1 BMC account(s), a BIOS password; retention ended 2026-10-20' },
        { source: '/var/lib/fleetcheck/reports/2026-09-01.json', detail: 'saved report names d4-11; retention ended 2026-10-20' },
      ],
    });
    expect(retention(EMPTY, ended, '2026-10-21', reports).message).toBe('1 saved report(s) still name the host, past 2026-10-20 (3 months after the contract ended on 2026-07-20)');
  });

  it('is an error, not a pass, when the store is empty but a saved report could not be read', () => {
    const reports: SavedReportsFact = { dir: '/r', naming: [], unreadable: [{ file: '/r/x.json', reason: 'is not valid JSON' }] };
    expect(retention(EMPTY, ended, '2026-10-21', reports)).toEqual({
      status: 'error',
      message: 'the store holds nothing, but 1 saved report(s) could not be read and may name the host (3 months after the contract ended on 2026-07-20)',
      evidence: [{ source: '/r/x.json', detail: 'saved report is not valid JSON' }],
    });
  });

  it('passes an empty store after the window, saying whether saved reports were looked at', () => {
    expect(retention(EMPTY, ended, '2026-10-21')).toEqual({ status: 'pass', message: 'the store holds nothing, 3 months after the contract ended on 2026-07-20', evidence: [] });
    expect(retention(EMPTY, ended, '2026-10-21', { dir: '/r', naming: [], unreadable: [] }).message).toBe(
      'the store holds nothing and no saved report names the host, 3 months after the contract ended on 2026-07-20',
    );
  });

  it('does not apply to a host without a contract', () => {
    expect(storeRetention.notApplicable?.(testHost())).toBe('the inventory gives this host no contract');
    expect(storeRetention.notApplicable?.(ended)).toBeUndefined();
  });
});
