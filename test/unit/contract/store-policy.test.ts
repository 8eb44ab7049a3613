// The store policy's rules on names and dates: the handover day, the retention deadline day, the
// calendar arithmetic behind them, and how held items are named.
import { describe, expect, it } from 'vitest';
import { addRetention, DEFAULT_RETENTION, describeRetention, isoDay } from '../../../src/contract/policy-dates.js';
import { judgingModeFor } from '../../../src/contract/judging-mode.js';
import { describeItem, heldKinds, hostsPastRetention, judgeHandover, judgeRetention } from '../../../src/contract/store-policy.js';
import { testHost } from '../support/hosts.js';

const contract = (end: string) => ({ id: 'C-9', customer: 'X', end });

describe('judgeHandover', () => {
  const held = { osCredentials: [{ user: 'root' }, { user: 'deploy', handover: '2026-12-01' }], diskPassphrases: [{ device: '/dev/md1', handover: '2026-13-45' }] };

  it('judges each item by its own date, else the contract handover, through the handover day itself', () => {
    expect(judgeHandover(held, '2026-11-23', '2026-11-23')).toEqual([
      { item: { kind: 'os', user: 'root', handover: undefined }, handover: '2026-11-23', state: 'before-handover' },
      { item: { kind: 'os', user: 'deploy', handover: '2026-12-01' }, handover: '2026-12-01', state: 'before-handover' },
      { item: { kind: 'disk', device: '/dev/md1', handover: '2026-13-45' }, handover: '2026-13-45', state: 'invalid-date' },
    ]);
  });

  it('is past handover from the next day on', () => {
    expect(judgeHandover(held, '2026-11-23', '2026-11-24').map((j) => j.state)).toEqual(['past-handover', 'before-handover', 'invalid-date']);
    expect(judgeHandover(held, '2026-11-23', '2026-12-02').map((j) => j.state)).toEqual(['past-handover', 'past-handover', 'invalid-date']);
  });

  it('is undated with neither its own nor a contract date', () => {
    expect(judgeHandover({ osCredentials: [{ user: 'root' }], diskPassphrases: [] }, undefined, '2030-01-01')).toEqual([
      { item: { kind: 'os', user: 'root', handover: undefined }, handover: undefined, state: 'undated' },
    ]);
  });

  it('names items without their values', () => {
    expect(describeItem({ kind: 'os', user: 'root', handover: undefined })).toBe('OS login root');
    expect(describeItem({ kind: 'disk', device: '/dev/md1', handover: undefined })).toBe('disk passphrase for /dev/md1');
  });
});

describe('judgeRetention', () => {
  it('keeps a host through the deadline day and expires it the day after', () => {
    const provider = { retention: { amount: 90, unit: 'days' as const } };
    expect(judgeRetention(contract('2026-07-20'), provider, '2026-10-18')).toEqual({
      expired: false,
      deadline: '2026-10-18',
      end: '2026-07-20',
      window: '90 days after the contract ended on 2026-07-20',
    });
    expect(judgeRetention(contract('2026-07-20'), provider, '2026-10-19')?.expired).toBe(true);
  });

  it('defaults to three months', () => {
    expect(DEFAULT_RETENTION).toEqual({ amount: 3, unit: 'months' });
    expect(judgeRetention(contract('2026-07-20'), {}, '2026-10-20')).toEqual({ expired: false, deadline: '2026-10-20', end: '2026-07-20', window: '3 months after the contract ended on 2026-07-20' });
    expect(judgeRetention(contract('2026-07-20'), {}, '2026-10-21')?.expired).toBe(true);
  });

  it('says nothing about a host without a contract', () => {
    expect(judgeRetention(undefined, {}, '2026-10-21')).toBeUndefined();
  });

  it('names exactly the hosts past the window', () => {
    const hosts = [
      { name: 'gone', contract: contract('2026-01-02') },
      { name: 'deadline-today', contract: contract('2026-08-23') },
      { name: 'running', contract: contract('2027-01-01') },
      { name: 'no-contract' },
    ];
    expect(hostsPastRetention(hosts, {}, '2026-11-23')).toEqual(new Set(['gone']));
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months and years', () => {
    expect(addRetention('2026-12-31', { amount: 1, unit: 'days' })).toBe('2027-01-01');
    expect(addRetention('2026-02-27', { amount: 2, unit: 'days' })).toBe('2026-03-01');
  });

  it('adds months, landing on the last day of a shorter month', () => {
    expect(addRetention('2026-01-31', { amount: 1, unit: 'months' })).toBe('2026-02-28');
    expect(addRetention('2028-01-31', { amount: 1, unit: 'months' })).toBe('2028-02-29');
    expect(addRetention('2026-03-15', { amount: 1, unit: 'months' })).toBe('2026-04-15');
    expect(addRetention('2026-11-30', { amount: 14, unit: 'months' })).toBe('2028-01-30');
  });

  it('writes a window in words, singular for one', () => {
    expect(describeRetention({ amount: 1, unit: 'months' })).toBe('1 month');
    expect(describeRetention({ amount: 1, unit: 'days' })).toBe('1 day');
    expect(describeRetention({ amount: 2, unit: 'days' })).toBe('2 days');
  });

  it('takes the day in UTC', () => {
    expect(isoDay(new Date('2026-06-30T23:59:59Z'))).toBe('2026-06-30');
    expect(isoDay(new Date('2026-07-01T00:00:00+02:00'))).toBe('2026-06-30');
  });
});

describe('heldKinds', () => {
  it('names each kind held, with counts, and nothing for an empty entry', () => {
    expect(heldKinds({ bmcAccounts: 2, biosPassword: true, osCredentials: 1, diskPassphrases: 3 })).toEqual(['2 BMC account(s)', 'a BIOS password', '1 OS login(s)', '3 disk passphrase(s)']);
    expect(heldKinds({ bmcAccounts: 0, biosPassword: false, osCredentials: 0, diskPassphrases: 0 })).toEqual([]);
  });
});

describe('judgingModeFor, exactly', () => {
  it('says why contract-end rules apply when they were asked for', () => {
    expect(judgingModeFor(testHost(), new Date('2026-11-23T10:00:00Z'), true)).toEqual({ mode: 'contract-end', why: 'contract-end rules were asked for' });
    expect(judgingModeFor(testHost(), new Date('2026-11-23T10:00:00Z'), false)).toEqual({ mode: 'contract', why: 'no contract end date is known' });
  });
});
