import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBtrfsSnapshots, parseDrbdConfig, parseLvs, parseMdstat, parseZfsSnapshots } from '../../../../../src/collect/ssh/backup/storage-outputs.js';

const fixture = (rel: string) => readFileSync(new URL(`../../../../../fixtures/${rel}`, import.meta.url), 'utf8');
// The collecting command runs each tool with 2>&1: the parser sees both streams.
const combined = (dir: string) => `${fixture(`${dir}/stdout`)}${fixture(`${dir}/stderr`)}`.split('\n');

describe('parseLvs (real lvs 2.03.16 output, see fixtures/lvs)', () => {
  it('finds the snapshot and its origin among the volumes', () => {
    const r = parseLvs(combined('lvs/snapshot'));
    expect(r.volumes).toBe(2);
    expect(r.snapshots).toEqual([{ tool: 'lvs', name: 'fcvg/snapshot0', origin: 'fcvg/data', created: '2026-03-02 11:14:07 +0000' }]);
  });

  it('keeps error lines for the message', () => {
    expect(parseLvs(combined('lvs/unknown-vg')).errors[0]).toBe('Volume group "nosuchvg" not found');
  });
});

describe('parseBtrfsSnapshots (real btrfs-progs 6.2 output, see fixtures/btrfs)', () => {
  it('lists each snapshot with its creation time', () => {
    const r = parseBtrfsSnapshots(combined('btrfs/snapshots'), '/srv');
    expect(r.errors).toEqual([]);
    expect(r.snapshots.map((s) => s.name)).toEqual(['.snapshots/srv-2026-03-02', '.snapshots/srv-before-upgrade']);
  });

  it('finds nothing on a file system without snapshots', () => {
    expect(parseBtrfsSnapshots(combined('btrfs/none'), '/srv')).toEqual({ snapshots: [], errors: [] });
  });
});

describe('parsers over documented formats (no ZFS, md or DRBD kernel support on the build machines)', () => {
  it('zfs list -H -p', () => {
    const r = parseZfsSnapshots(fixture('zfs/snapshots/stdout').split('\n'));
    expect(r.snapshots[0]).toEqual({ tool: 'zfs list', name: 'tank/srv@autosnap_2026-03-01_00:00:01_daily', origin: 'tank/srv', created: '2026-03-01T00:00:01.000Z' });
    expect(parseZfsSnapshots(['no datasets available'])).toEqual({ snapshots: [], errors: [] });
  });

  it('/proc/mdstat with an nbd member and an iSCSI-backed member', () => {
    const sysBlock = ['lrwxrwxrwx 1 root root 0 Mar  2 10:14 sdb -> ../devices/platform/host3/session1/target3:0:0/3:0:0:0/block/sdb'];
    const arrays = parseMdstat(fixture('mdstat/nbd-member').split('\n'), sysBlock);
    expect(arrays).toEqual([
      { name: 'md0', level: 'raid1', members: ['nbd0', 'sda2'], networkMembers: ['nbd0'] },
      { name: 'md1', level: 'raid1', members: ['sdb1', 'sda1'], networkMembers: ['sdb1'] },
    ]);
  });

  it('/proc/mdstat: inactive arrays, DRBD members, NVMe over Fabrics members; local disks and failed local members are not network', () => {
    const sysBlock = [
      'lrwxrwxrwx 1 root root 0 Mar  2 10:14 nvme1n1 -> ../devices/pci0000:00/0000:00:04.0/nvme/nvme1/nvme1n1',
      'lrwxrwxrwx 1 root root 0 Mar  2 10:14 nvme2n1 -> ../devices/virtual/nvme-fabrics/ctl/nvme2/nvme2n1',
      'lrwxrwxrwx 1 root root 0 Mar  2 10:14 sdd -> ../devices/pci0000:00/0000:00:1f.2/ata3/host2/target2:0:0/2:0:0:0/block/sdd',
    ];
    expect(parseMdstat(fixture('mdstat/drbd-nvmeof-inactive').split('\n'), sysBlock)).toEqual([
      { name: 'md125', level: 'inactive', members: ['nbd1'], networkMembers: ['nbd1'] },
      { name: 'md126', level: 'raid1', members: ['drbd0', 'sdc1'], networkMembers: ['drbd0'] },
      { name: 'md127', level: 'raid10', members: ['nvme2n1', 'nvme1n1p1', 'sdd1', 'sde1'], networkMembers: ['nvme2n1'] },
    ]);
  });

  it('/proc/mdstat without a /sys/block listing still knows nbd, rbd and DRBD members by name', () => {
    const arrays = parseMdstat(fixture('mdstat/nbd-member').split('\n'), []);
    expect(arrays.map((a) => a.networkMembers)).toEqual([['nbd0'], []]);
  });

  it('DRBD resource configuration', () => {
    expect(parseDrbdConfig('/etc/drbd.d/r0.res', fixture('drbd/provider-peer.res').split('\n'))).toEqual([
      { name: 'r0', origin: '/etc/drbd.d/r0.res:1', addresses: ['10.10.0.7:7789', '10.250.9.14:7789'] },
    ]);
  });
});
