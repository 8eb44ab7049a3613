// backup.provider-copies on facts built in memory: the fail → error → pass ladder and the name matching.
import { describe, expect, it } from 'vitest';
import { backupProviderCopies } from '../../../../src/checks/backup/provider-copies.js';
import { hostIdentities, namedIdentity } from '../../../../src/checks/backup/host-names.js';
import type { ProviderHolding, ProviderSystemRead } from '../../../../src/facts/provider-systems.js';
import { testHost, testProvider } from '../../support/hosts.js';

const system = (overrides: Partial<ProviderSystemRead> = {}): ProviderSystemRead => ({
  system: 'backup01',
  role: 'backup',
  searched: { copies: true, secrets: false },
  reached: true,
  sources: [{ source: 'restic /srv/restic/main', state: 'read' }, { source: 'zfs datasets and snapshots', state: 'absent', message: 'zfs is not installed' }],
  holdings: [],
  files: [],
  ...overrides,
});
const snapshot = (names: string[], overrides: Partial<ProviderHolding> = {}): ProviderHolding => ({
  kind: 'restic-snapshot', copy: true, place: '/srv/restic/main snapshot 1a2b3c4d', date: '2026-12-06T22:05:09Z', names, ...overrides,
});
const host = testHost({ name: 'p15-02', aliases: ['web2.customer.example'], ssh: { ...testHost().ssh, address: '127.10.15.2' } });
const judge = (systems: ProviderSystemRead[], h = host) =>
  backupProviderCopies.evaluate({ 'provider.systems': { systems } }, { host: h, provider: testProvider(), now: new Date(), mode: 'contract', modeReason: '' });

describe('backup.provider-copies', () => {
  it('fails on a kept copy named after the host, with system, place and date', () => {
    const f = judge([system({ holdings: [snapshot(['p15-02', '/etc'])] })]);
    expect(f.status).toBe('fail');
    expect(f.evidence).toEqual([{ source: 'backup01: /srv/restic/main snapshot 1a2b3c4d', detail: 'restic-snapshot (kept copy, 2026-12-06T22:05:09Z) names p15-02' }]);
  });

  it('finds the host by an alias or its address, never by a longer name that only starts like it', () => {
    expect(judge([system({ holdings: [snapshot(['web2.customer.example'])] })]).status).toBe('fail');
    expect(judge([system({ holdings: [snapshot(['/srv/pull/127.10.15.2/etc'])] })]).status).toBe('fail');
    expect(judge([system({ holdings: [snapshot(['p15-020', '127.10.15.21', 'xp15-02'])] })]).status).toBe('pass');
  });

  it('fails on configuration that would make a copy (a Client resource), even with no copy kept', () => {
    const client: ProviderHolding = { kind: 'bacula-client', copy: false, place: '/etc/bacula/bacula-dir.conf:180 Client p15-02-fd', names: ['p15-02-fd', '127.10.15.2'] };
    const f = judge([system({ holdings: [client] })]);
    expect(f.status).toBe('fail');
    expect(f.message).toBe("the provider's systems hold 1 configuration(s) that would make copies of this host");
    expect(f.evidence[0]!.detail).toContain('configured to make copies');
  });

  it('is error, not pass, when a system could not be read in full or not reached', () => {
    const failed = judge([system({ sources: [{ source: 'restic /srv/restic/main', state: 'failed', message: 'repository password backup01/restic-main is not in the secret store' }] })]);
    expect(failed.status).toBe('error');
    expect(failed.evidence).toEqual([{ source: 'backup01: restic /srv/restic/main', detail: 'could not be read: repository password backup01/restic-main is not in the secret store' }]);
    const unreached = judge([system({ reached: false, message: 'SSH: connect ECONNREFUSED', sources: [] }), system({ system: 'backup02' })]);
    expect(unreached.status).toBe('error');
    expect(unreached.evidence).toEqual([{ source: 'backup01', detail: 'could not be read: SSH: connect ECONNREFUSED' }]);
  });

  it('still fails when another system could not be read, and names both', () => {
    const f = judge([system({ holdings: [snapshot(['p15-02'])] }), system({ system: 'backup02', reached: false, message: 'SSH: timeout', sources: [] })]);
    expect(f.status).toBe('fail');
    expect(f.evidence.map((e) => e.source)).toEqual(['backup01: /srv/restic/main snapshot 1a2b3c4d', 'backup02']);
  });

  it('passes with nothing found and says which tools are not on a system', () => {
    const f = judge([system({ holdings: [snapshot(['other-host'])] })]);
    expect(f.status).toBe('pass');
    expect(f.message).toBe('no copy or backup configuration naming p15-02, web2.customer.example, 127.10.15.2 on backup01; not on the system, so nothing of that kind is kept there: backup01: zfs datasets and snapshots');
  });

  it('skips with a note when the inventory names no provider system that holds copies', () => {
    expect(judge([]).status).toBe('skip');
    expect(judge([system({ role: 'staff', searched: { copies: false, secrets: true } })]).status).toBe('skip');
  });
});

describe('host names', () => {
  it('lowercases identities and matches whole words only', () => {
    expect(hostIdentities(testHost({ name: 'a3-01', aliases: ['A3-01.Example'], ssh: { ...testHost().ssh, address: '10.0.0.1' } }))).toEqual(['a3-01', 'a3-01.example', '10.0.0.1']);
    expect(namedIdentity('root@10.0.0.1:/etc/', ['10.0.0.1'])).toBe('10.0.0.1');
    expect(namedIdentity('10.0.0.12', ['10.0.0.1'])).toBeUndefined();
    expect(namedIdentity('A3-01-fd', ['a3-01'])).toBe('a3-01');
    expect(namedIdentity('ba3-01', ['a3-01'])).toBeUndefined();
  });
});
