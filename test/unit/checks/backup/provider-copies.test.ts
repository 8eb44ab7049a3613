// backup.provider-copies on facts built in memory: the fail → error → pass ladder and the name matching.
import { describe, expect, it } from 'vitest';
import { backupProviderCopies } from '../../../../src/checks/backup/provider-copies.js';
import { hostIdentities, namedIdentity } from '../../../../src/checks/backup/host-names.js';
import { FILES_SOURCE, type ProviderHolding, type ProviderSystemRead } from '../../../../src/facts/provider-systems.js';
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

describe('backup.provider-copies messages and evidence', () => {
  it('counts kept copies and configurations in the message, one word for one copy', () => {
    const client: ProviderHolding = { kind: 'rsnapshot-backup', copy: false, place: '/etc/rsnapshot.conf:31', names: ['root@p15-02:/etc/'], detail: 'backup root@p15-02:/etc/ p15-02/' };
    expect(judge([system({ holdings: [snapshot(['p15-02'])] })]).message).toBe("the provider's systems hold 1 kept copy of this host");
    expect(judge([system({ holdings: [snapshot(['p15-02']), snapshot(['web2.customer.example'])] })]).message).toBe("the provider's systems hold 2 kept copies of this host");
    const both = judge([system({ holdings: [client, snapshot(['/etc', 'p15-02'], { date: undefined })] })]);
    expect(both).toEqual({
      status: 'fail',
      message: "the provider's systems hold 1 kept copy and 1 configuration(s) that would make copies of this host",
      evidence: [
        { source: 'backup01: /srv/restic/main snapshot 1a2b3c4d', detail: 'restic-snapshot (kept copy) names p15-02' },
        { source: 'backup01: /etc/rsnapshot.conf:31', detail: 'rsnapshot-backup (configured to make copies) names p15-02: backup root@p15-02:/etc/ p15-02/' },
      ],
    });
  });

  it('lists only the sources that failed for copies, with a reason even when none was given', () => {
    const both = system({
      searched: { copies: true, secrets: true },
      sources: [
        { source: 'restic /srv/restic/main', state: 'failed' },
        { source: FILES_SOURCE, state: 'failed', message: 'permission denied' },
        { source: 'borg /srv/borg', state: 'read' },
        { source: 'zfs datasets and snapshots', state: 'absent', message: 'zfs is not installed' },
      ],
    });
    expect(judge([both, system({ system: 'backup02', reached: false, sources: [] })])).toEqual({
      status: 'error',
      message: '2 provider system source(s) could not be read; any of them may hold a copy of this host',
      evidence: [
        { source: 'backup01: restic /srv/restic/main', detail: 'could not be read: failed' },
        { source: 'backup02', detail: 'could not be read: unreachable' },
      ],
    });
  });

  it('passes naming every system, with no note when nothing was absent', () => {
    const read = [{ source: 'restic /srv/restic/main', state: 'read' as const }];
    expect(judge([system({ sources: read }), system({ system: 'backup02', sources: read })])).toEqual({
      status: 'pass',
      message: 'no copy or backup configuration naming p15-02, web2.customer.example, 127.10.15.2 on backup01, backup02',
      evidence: [],
    });
  });

  it('names every source that is not on a system', () => {
    const absent = [
      { source: 'zfs datasets and snapshots', state: 'absent' as const, message: 'zfs is not installed' },
      { source: 'btrfs subvolumes', state: 'absent' as const, message: 'btrfs is not installed' },
    ];
    expect(judge([system({ sources: absent })]).message).toBe(
      'no copy or backup configuration naming p15-02, web2.customer.example, 127.10.15.2 on backup01; not on the system, so nothing of that kind is kept there: backup01: zfs datasets and snapshots, backup01: btrfs subvolumes',
    );
  });

  it('says what it skips', () => {
    expect(judge([])).toEqual({ status: 'skip', message: 'no provider systems with backup sources in the inventory (provider.systems): nothing on the provider side was examined', evidence: [] });
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
