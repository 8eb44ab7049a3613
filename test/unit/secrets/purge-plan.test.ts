import { describe, expect, it } from 'vitest';
import { storeOsCredentials } from '../../../src/checks/residue/store-os-credentials.js';
import { storeRetention } from '../../../src/checks/residue/store-retention.js';
import type { Host } from '../../../src/inventory/types.js';
import { NO_SAVED_REPORTS } from '../../../src/collect/store/saved-reports-index.js';
import { describePurge, planPurge, purgeDocument } from '../../../src/secrets/purge-plan.js';
import { hostsOf, type SecretsDocument } from '../../../src/secrets/secrets-document.js';
import { testHost, testProvider } from '../support/hosts.js';

const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T10:00:00Z`);
const host = (name: string, end: string, handover?: string, secretsKey = name): Host =>
  testHost({ name, rack: 'D4', secretsKey, contract: { id: `C-${name}`, customer: 'X', end, ...(handover ? { handover } : {}) } });

const running = host('d4-09', '2027-12-31', '2026-01-02');
const d410 = host('d4-10', '2027-12-31', '2026-01-02');
const ended = host('d4-11', '2026-07-20', '2025-07-22');
const fresh = host('a3-01', '2027-12-31');
const ALL = [running, d410, ended, fresh];

const DOC: SecretsDocument = {
  hosts: {
    'd4-09': { bmc: { accounts: [{ user: 'ADMIN', password: 'Bmc-09', privilege: 'administrator' }] }, os: [{ user: 'root', password: 'Os-09', handover: '2026-01-02' }] },
    'd4-10': {
      os: [{ user: 'root', password: 'Os-10' }, { user: 'ops', password: 'Os-10b', handover: '2026-11-23' }],
      disks: [{ device: '/dev/md1', passphrase: 'Disk-10', handover: '2026-01-02' }],
    },
    'd4-11': { bmc: { accounts: [{ user: 'ADMIN', password: 'Bmc-11', privilege: 'administrator' }] }, bios: { password: 'Bios-11' } },
    'a3-01': { os: [{ user: 'root', password: 'Os-a3' }] },
  },
};

const plan = (selected: Host[], all: Host[] = ALL, doc = DOC) => planPurge(selected, all, (k) => doc.hosts[k], testProvider(), TODAY);

describe('planPurge', () => {
  it('keeps an item whose handover date names no day, and says why', () => {
    const doc: SecretsDocument = { hosts: { 'a3-01': { os: [{ user: 'root', password: 'Os-a3', handover: '2026-13-45' }] } } };
    const p = plan([fresh], ALL, doc);
    expect(p.keys.flatMap(describePurge)).toEqual([]);
    expect(p.keys[0]!.notes).toEqual(["OS login root stays: its handover date '2026-13-45' is not a calendar date (set a real one with `secrets set a3-01 os root --handover DATE`)"]);
  });

  it('removes what the two store checks fail on, and nothing they pass', () => {
    const p = plan(ALL);
    expect(p.expiredHosts).toEqual(['d4-11']);
    expect(p.keys.flatMap(describePurge)).toEqual([
      'd4-09  OS login root (handed over on 2026-01-02)',
      'd4-10  OS login root (handed over on 2026-01-02)',
      'd4-10  disk passphrase for /dev/md1 (handed over on 2026-01-02)',
      'd4-11  the whole entry: 1 BMC account(s), a BIOS password (retention ended 2026-10-20, 3 months after the contract ended on 2026-07-20)',
    ]);
    // a3-01's login has no handover date at all: the check warns, the purge keeps it and says why.
    expect(p.keys.find((k) => k.key === 'a3-01')?.notes).toEqual(['OS login root stays: no handover date known (set one with `secrets set a3-01 os root --handover DATE`)']);

    // After the purge, both checks pass on every host whose items went.
    const after = hostsOf(purgeDocument(DOC, p.keys));
    expect(Object.keys(purgeDocument(DOC, p.keys).hosts).sort()).toEqual(['a3-01', 'd4-09', 'd4-10']);
    for (const h of [running, d410, ended]) {
      const held = after.get(h.secretsKey) ?? { bmcAccounts: [], osCredentials: [], diskPassphrases: [] };
      const ctx = { host: h, provider: testProvider(), now: NOW, mode: 'contract' as const, modeReason: '' };
      expect(storeOsCredentials.evaluate({ 'store.host-secrets': held }, ctx).status, h.name).toBe('pass');
      expect(storeRetention.evaluate({ 'store.host-secrets': held, 'store.saved-reports': NO_SAVED_REPORTS }, ctx).status, h.name).toBe('pass');
    }
    // What stays is untouched: d4-09's BMC account, d4-10's login handed over today.
    expect(purgeDocument(DOC, p.keys).hosts['d4-09']).toEqual({ bmc: DOC.hosts['d4-09']!.bmc });
    expect(purgeDocument(DOC, p.keys).hosts['d4-10']).toEqual({ os: [{ user: 'ops', password: 'Os-10b', handover: '2026-11-23' }] });
  });

  it('uses the contract handover date for items without their own', () => {
    expect(plan([d410]).keys[0]!.items.map((i) => i.item)).toEqual([
      { kind: 'os', user: 'root', handover: undefined },
      { kind: 'disk', device: '/dev/md1', handover: '2026-01-02' },
    ]);
  });

  it('plans nothing for an unselected host or an absent entry', () => {
    expect(plan([running]).keys.map((k) => k.key)).toEqual(['d4-09']);
    expect(plan([host('zz-01', '2020-01-01')], ALL, { hosts: {} })).toEqual({ keys: [], expiredHosts: ['zz-01'] });
  });

  it('keeps an entry another host still needs, and says so', () => {
    const sharedEnded = host('d4-11', '2026-07-20', '2025-07-22', 'shared');
    const sharedRunning = host('d4-12', '2027-12-31', '2026-01-02', 'shared');
    const doc: SecretsDocument = { hosts: { shared: { bmc: { accounts: [{ user: 'ADMIN', password: 'x', privilege: 'administrator' }] } } } };
    const p = plan([sharedEnded], [sharedEnded, sharedRunning], doc);
    expect(p.keys).toEqual([{ key: 'shared', hosts: ['d4-11', 'd4-12'], items: [], notes: ['the entry stays: key also used by d4-12, still within retention'] }]);
    expect(purgeDocument(doc, p.keys)).toEqual(doc);
    // Both past retention: the entry goes.
    const bothEnded = host('d4-12', '2026-06-30', undefined, 'shared');
    expect(plan([sharedEnded], [sharedEnded, bothEnded], doc).keys[0]!.entire).toMatchObject({ deadline: '2026-10-20' });
  });

  it('honours the inventory retention window', () => {
    const p = planPurge([ended], ALL, (k) => DOC.hosts[k], { retention: { amount: 6, unit: 'months' } }, TODAY);
    expect(p.expiredHosts).toEqual([]);
    expect(p.keys).toEqual([]);
  });

  it('never puts a value in what it prints', () => {
    const text = JSON.stringify(plan(ALL)) + plan(ALL).keys.flatMap(describePurge).join('\n');
    for (const value of ['Bmc-09', 'Os-09', 'Os-10', 'Disk-10', 'Bmc-11', 'Bios-11', 'Os-a3']) expect(text).not.toContain(value);
  });
});

describe('planPurge, items sharing a name', () => {
  it('removes only the login past handover when two OS logins have the same user', () => {
    const doc: SecretsDocument = {
      hosts: { 'd4-09': { os: [{ user: 'root', password: 'Old-root', handover: '2026-01-02' }, { user: 'root', password: 'New-root', handover: '2027-06-01' }] } },
    };
    const p = plan([running], ALL, doc);
    expect(p.keys.flatMap(describePurge)).toEqual(['d4-09  OS login root (handed over on 2026-01-02)']);
    expect(purgeDocument(doc, p.keys).hosts['d4-09']).toEqual({ os: [{ user: 'root', password: 'New-root', handover: '2027-06-01' }] });
  });
});
