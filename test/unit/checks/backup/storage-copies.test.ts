import { describe, expect, it } from 'vitest';
import type { BackupStorageFact } from '../../../../src/facts/backup-storage.js';
import { backupStorageCopies } from '../../../../src/checks/backup/storage-copies.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { testContext, testProvider } from '../../support/hosts.js';

function context(): CheckContext {
  const provider = testProvider();
  provider.backup = { hosts: ['backup01.provider.example'], cidrs: ['10.250.0.0/16', 'fd00:250::/32'], domains: ['backup.provider.example'], agents: [] };
  return testContext({ provider });
}

const storage = (f: Partial<BackupStorageFact>) => ({ 'ssh.backup-storage': { snapshots: [], drbd: [], drbdLoaded: false, mdArrays: [], problems: [], truncated: [], ...f } });

describe('backup.storage-copies', () => {
  it('passes with nothing found, saying what was looked at', () => {
    expect(backupStorageCopies.evaluate(storage({}), context())).toEqual({
      status: 'pass',
      message: 'no storage-level copy found (LVM, ZFS, btrfs, DRBD, md)',
      evidence: [],
    });
  });

  // The shapes the lvs, zfs list and btrfs subvolume list parsers give: with an origin and a time, without an origin, with neither.
  it('names each snapshot with what it is of and when it was made, when the tool says', () => {
    const out = backupStorageCopies.evaluate(
      storage({
        snapshots: [
          { tool: 'lvs', name: 'vg0/data-snap', origin: 'vg0/data', created: '2026-03-01 02:00:01 +0000' },
          { tool: 'zfs list', name: 'tank/srv@autosnap_2026-03-01', origin: 'tank/srv' },
          { tool: 'btrfs subvolume list /srv', name: '.snapshots/12/snapshot', created: '2026-03-01 02:00:03' },
          { tool: 'lvs', name: 'vg0/old-snap' },
        ],
      }),
      context(),
    );
    expect(out).toEqual({
      status: 'warn',
      message: '4 storage-level copy trace(s) not attributable to the provider; review',
      evidence: [
        { source: 'lvs', detail: 'snapshot vg0/data-snap of vg0/data, created 2026-03-01 02:00:01 +0000' },
        { source: 'zfs list', detail: 'snapshot tank/srv@autosnap_2026-03-01 of tank/srv' },
        { source: 'btrfs subvolume list /srv', detail: 'snapshot .snapshots/12/snapshot, created 2026-03-01 02:00:03' },
        { source: 'lvs', detail: 'snapshot vg0/old-snap' },
      ],
    });
  });

  it('fails for a DRBD peer on a provider network, naming every peer and every reference, snapshots after it', () => {
    const out = backupStorageCopies.evaluate(
      storage({
        snapshots: [{ tool: 'lvs', name: 'vg0/data-snap', origin: 'vg0/data' }],
        drbd: [{ name: 'r0', origin: '/etc/drbd.d/r0.res:1', addresses: ['10.250.9.14:7789', 'ipv6 [fd00:250::9]:7789'] }],
      }),
      context(),
    );
    expect(out).toEqual({
      status: 'fail',
      message: '1 storage-level copy trace(s) point at the provider',
      evidence: [
        {
          source: '/etc/drbd.d/r0.res:1',
          detail: 'DRBD resource r0 replicates to 10.250.9.14:7789, ipv6 [fd00:250::9]:7789 → 10.250.9.14 in a provider backup network, fd00:250::9 in a provider backup network',
        },
        { source: 'lvs', detail: 'snapshot vg0/data-snap of vg0/data' },
      ],
    });
  });

  it('shows a DRBD resource replicating elsewhere for review, and one whose peers it could not read as replicating to unknown peers', () => {
    const out = backupStorageCopies.evaluate(
      storage({
        drbd: [
          { name: 'r0', origin: '/etc/drbd.d/r0.res:1', addresses: ['10.10.0.7:7789'] },
          { name: 'r1', origin: '/etc/drbd.d/r1.res:1', addresses: [] },
        ],
      }),
      context(),
    );
    expect(out).toEqual({
      status: 'warn',
      message: '2 storage-level copy trace(s) not attributable to the provider; review',
      evidence: [
        { source: '/etc/drbd.d/r0.res:1', detail: 'DRBD resource r0 replicates to 10.10.0.7:7789' },
        { source: '/etc/drbd.d/r1.res:1', detail: 'DRBD resource r1 replicates to unknown peers' },
      ],
    });
  });

  it('names every network member of an md array', () => {
    const out = backupStorageCopies.evaluate(
      storage({ mdArrays: [{ name: 'md0', level: 'raid1', members: ['nbd0', 'sda2', 'nbd1'], networkMembers: ['nbd0', 'nbd1'] }] }),
      context(),
    );
    expect(out.evidence).toEqual([{ source: '/proc/mdstat', detail: 'md0 (raid1) has network member(s) nbd0, nbd1' }]);
  });

  it('is an error naming the collecting command for each tool that was missing or failed, with what it did find', () => {
    const out = backupStorageCopies.evaluate(
      storage({
        problems: ['device-mapper volume vg0-data exists but lvs is missing', 'zfs list failed (exit 1): cannot open \'tank\': no such pool'],
        snapshots: [{ tool: 'btrfs subvolume list /srv', name: '.snapshots/12/snapshot', created: '2026-03-01 02:00:03' }],
      }),
      context(),
    );
    expect(out).toEqual({
      status: 'error',
      message: 'could not examine 2 part(s) of the host for storage-level copy',
      evidence: [
        { source: 'collecting command', detail: 'device-mapper volume vg0-data exists but lvs is missing' },
        { source: 'collecting command', detail: 'zfs list failed (exit 1): cannot open \'tank\': no such pool' },
        { source: 'btrfs subvolume list /srv', detail: 'snapshot .snapshots/12/snapshot, created 2026-03-01 02:00:03' },
      ],
    });
  });
});
