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

describe('parseLvs: which lines are volumes, snapshots or errors', () => {
  it('the device-mapper complaints beside good output are errors; blank lines are nothing', () => {
    // lvs ran fine (exit 0) without a device-mapper driver: the complaints stay errors, only the status tells.
    expect(parseLvs(combined('lvs/snapshot')).errors).toEqual([
      '/dev/mapper/control: open failed: No such device',
      'Failure to communicate with kernel device-mapper driver.',
      'Check that device-mapper is available in the kernel.',
      'Incompatible libdevmapper 1.02.185 (2022-05-18) and kernel driver (unknown version).',
    ]);
  });

  it('a thin snapshot is a snapshot by its origin; a thin pool and its volume are not; warnings and a leaked descriptor are not errors', () => {
    // The format of the command in storage-section.ts on a host with a thin pool (lvm2 2.03).
    const lines = [
      '  WARNING: Failed to connect to lvmetad. Falling back to device scanning.',
      'File descriptor 3 (/dev/pts/0) leaked on lvs invocation. Parent PID 4242: bash',
      '  vg0|pool|twi-aotz--||2026-03-02 10:00:00 +0000',
      '  vg0|thinvol|Vwi-aotz--||2026-03-02 10:01:00 +0000',
      '  vg0|thinsnap|Vwi---tz-k|thinvol|2026-03-02 11:00:00 +0000',
      '  vg0|merging|Swi-a-s---|root|',
      '',
    ];
    expect(parseLvs(lines)).toEqual({
      volumes: 4,
      snapshots: [
        { tool: 'lvs', name: 'vg0/thinsnap', origin: 'vg0/thinvol', created: '2026-03-02 11:00:00 +0000' },
        // A snapshot being merged back into its origin, its time not printed.
        { tool: 'lvs', name: 'vg0/merging', origin: 'vg0/root' },
      ],
      errors: [],
    });
  });
});

describe('parseZfsSnapshots: snapshots and errors', () => {
  it('reads every snapshot of real output; the blank line at its end is no error', () => {
    expect(parseZfsSnapshots(fixture('zfs/snapshots/stdout').split('\n'))).toEqual({
      snapshots: [
        { tool: 'zfs list', name: 'tank/srv@autosnap_2026-03-01_00:00:01_daily', origin: 'tank/srv', created: '2026-03-01T00:00:01.000Z' },
        { tool: 'zfs list', name: 'tank/srv@autosnap_2026-03-02_00:00:01_daily', origin: 'tank/srv', created: '2026-03-02T00:00:01.000Z' },
      ],
      errors: [],
    });
  });

  it('a line that names no snapshot is an error, kept for the message', () => {
    expect(parseZfsSnapshots(["cannot open 'tank/nosuch': dataset does not exist", ''])).toEqual({
      snapshots: [],
      errors: ["cannot open 'tank/nosuch': dataset does not exist"],
    });
  });

  it('a creation time that is not in seconds (zfs list without -p) is kept as printed', () => {
    expect(parseZfsSnapshots(['tank/srv@manual\tSun Mar  1  0:00 2026', 'tank/db@pre-upgrade\t2026-03-01']).snapshots).toEqual([
      { tool: 'zfs list', name: 'tank/srv@manual', origin: 'tank/srv', created: 'Sun Mar  1  0:00 2026' },
      { tool: 'zfs list', name: 'tank/db@pre-upgrade', origin: 'tank/db', created: '2026-03-01' },
    ]);
  });
});

describe('parseBtrfsSnapshots: snapshots and errors', () => {
  it('reads an old file system (generations of many digits) and names the mount in the tool', () => {
    const lines = ['ID 261 gen 48213 cgen 48190 top level 256 otime 2026-03-02 10:14:07 path @snapshots/home-2026-03-02', ''];
    expect(parseBtrfsSnapshots(lines, '/home')).toEqual({
      snapshots: [{ tool: 'btrfs subvolume list /home', name: '@snapshots/home-2026-03-02', created: '2026-03-02 10:14:07' }],
      errors: [],
    });
  });

  it('an error line is an error, not a snapshot', () => {
    expect(parseBtrfsSnapshots(["ERROR: can't perform the search: Operation not permitted"], '/srv')).toEqual({
      snapshots: [],
      errors: ["ERROR: can't perform the search: Operation not permitted"],
    });
  });
});

describe('parseMdstat: which members live on another machine', () => {
  it('tells a partition from its disk by name: sdp1 is on sdp, nvme2n1p1 and nvme2n1p12 on nvme2n1, sdc10 on sdc', () => {
    // A host with many iSCSI LUNs (the sixteenth is sdp) and one NVMe/TCP namespace; sda is local.
    const sysBlock = [
      'total 0',
      'lrwxrwxrwx 1 root root 0 Mar  2 10:14 nvme2n1 -> ../devices/virtual/nvme-fabrics/ctl/nvme2/nvme2n1',
      'lrwxrwxrwx 1 root root 0 Mar  2 10:14 sda -> ../devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda',
      'lrwxrwxrwx 1 root root 0 Mar  2 10:14 sdc -> ../devices/platform/host12/session10/target12:0:0/12:0:0:0/block/sdc',
      'lrwxrwxrwx 1 root root 0 Mar  2 10:14 sdp -> ../devices/platform/host25/session23/target25:0:0/25:0:0:0/block/sdp',
    ];
    const mdstat = [
      'Personalities : [raid1] [raid6] [raid5] [raid4] ',
      'md0 : active raid1 sdp1[1] sda1[0]',
      '      523264 blocks super 1.2 [2/2] [UU]',
      '',
      'md1 : active raid1 nvme2n1p1[1] sda2[0]',
      '      104791040 blocks super 1.2 [2/2] [UU]',
      '',
      'md2 : active raid6 sdc10[11] nvme2n1p12[9] sda3[10]',
      '      104791040 blocks super 1.2 level 6, 512k chunk, algorithm 2 [12/3] [U________UU_]',
      '',
      'unused devices: <none>',
    ];
    expect(parseMdstat(mdstat, sysBlock)).toEqual([
      { name: 'md0', level: 'raid1', members: ['sdp1', 'sda1'], networkMembers: ['sdp1'] },
      { name: 'md1', level: 'raid1', members: ['nvme2n1p1', 'sda2'], networkMembers: ['nvme2n1p1'] },
      { name: 'md2', level: 'raid6', members: ['sdc10', 'nvme2n1p12', 'sda3'], networkMembers: ['sdc10', 'nvme2n1p12'] },
    ]);
  });
});

describe('parseDrbdConfig: the forms drbd.conf allows', () => {
  it('aligned keywords, address families, a quoted name, a brace on the next line or right after the name', () => {
    const lines = [
      'resource "r1"',
      '{',
      '  on c2-07 {',
      '    address   ipv4 10.10.0.7:7790;',
      '  }',
      '  on backup-replica {',
      '    address ipv6  [fd00:250::14]:7790 ;',
      '  }',
      '}',
      'resource  r2{',
      '  on backup-replica { ',
      '    address sdp 10.250.9.15:7791;',
      '  }',
      '}',
    ];
    expect(parseDrbdConfig('/etc/drbd.d/r1.res', lines)).toEqual([
      { name: 'r1', origin: '/etc/drbd.d/r1.res:1', addresses: ['10.10.0.7:7790', '[fd00:250::14]:7790'] },
      { name: 'r2', origin: '/etc/drbd.d/r1.res:10', addresses: ['10.250.9.15:7791'] },
    ]);
  });

  it('DRBD 9: addresses of each path in a connection, statements sharing a line; commented-out ones are not addresses', () => {
    const lines = [
      'resource r0 {',
      '  device /dev/drbd0;',
      '  disk /dev/vg0/data;',
      '  meta-disk internal;',
      '  on c2-07 { node-id 0; }',
      '  on backup-replica { node-id 1; }',
      '  # on old-replica { node-id 2; address 10.250.9.99:7789; }',
      '  connection {',
      '    path {',
      '      host c2-07 address 10.10.0.7:7789;',
      '      host backup-replica address 10.250.9.14:7789;',
      '    }',
      '    path { host c2-07 address ipv4 192.168.7.7:7789; host backup-replica address 192.168.7.14 port 7789; }',
      '  }',
      '}',
      'resource r3 { on c2-07 { address 10.10.0.7:7792; } on offsite { address 10.250.9.16:7792; } }',
    ];
    expect(parseDrbdConfig('/etc/drbd.d/r0.res', lines)).toEqual([
      { name: 'r0', origin: '/etc/drbd.d/r0.res:1', addresses: ['10.10.0.7:7789', '10.250.9.14:7789', '192.168.7.7:7789', '192.168.7.14'] },
      { name: 'r3', origin: '/etc/drbd.d/r0.res:16', addresses: ['10.10.0.7:7792', '10.250.9.16:7792'] },
    ]);
  });

  it('reads the statements before a comment on their line, and none after it', () => {
    const lines = ['resource r5 { # replicated off site', '  on offsite { address 10.250.9.32:7789; } # address 10.250.9.33:7789;', '}'];
    expect(parseDrbdConfig('/etc/drbd.d/r5.res', lines)).toEqual([{ name: 'r5', origin: '/etc/drbd.d/r5.res:1', addresses: ['10.250.9.32:7789'] }]);
  });

  it('an address before any resource belongs to none', () => {
    // A stray statement (a fragment meant for an include inside a resource) is not given to the next resource.
    expect(parseDrbdConfig('/etc/drbd.d/peer.conf', ['address 10.250.9.30:7789;', 'resource r4 {', '  on offsite { address 10.250.9.31:7789; }', '}'])).toEqual([
      { name: 'r4', origin: '/etc/drbd.d/peer.conf:2', addresses: ['10.250.9.31:7789'] },
    ]);
  });
});
