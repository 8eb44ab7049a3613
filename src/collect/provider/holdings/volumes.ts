// ZFS datasets and snapshots, LVM volumes and snapshots, btrfs subvolumes as holdings; pure.
import type { ProviderHolding } from '../../../facts/provider-systems.js';
import { parseBtrfsSnapshots } from '../../ssh/backup/storage-outputs.js';

/** `zfs list -H -p -t all -o name,creation`: every dataset, volume and snapshot with its creation time. */
export function zfsHoldings(text: string): ProviderHolding[] {
  const holdings: ProviderHolding[] = [];
  for (const line of text.split('\n')) {
    const [name, creation] = line.split('\t');
    if (!name || name.trim() === '' || creation === undefined) continue;
    const date = /^\d+$/.test(creation) ? new Date(Number(creation) * 1000).toISOString() : undefined;
    holdings.push({ kind: 'zfs', copy: true, place: `zfs ${name}`, ...(date ? { date } : {}), names: [name], detail: name.includes('@') ? 'snapshot' : 'dataset' });
  }
  return holdings;
}

/** `lvs --noheadings --separator '|' -o vg_name,lv_name,lv_attr,origin,lv_time` (the rented-host command): every logical volume, snapshots with their origin. */
export function lvmHoldings(text: string): ProviderHolding[] {
  const holdings: ProviderHolding[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split('|').map((f) => f.trim());
    if (fields.length < 5 || fields[0] === '') continue;
    const [vg, lv, , origin, time] = fields as [string, string, string, string, string];
    holdings.push({
      kind: 'lvm',
      copy: true,
      place: `lvm ${vg}/${lv}`,
      ...(time ? { date: time } : {}),
      names: [lv, `${vg}/${lv}`],
      detail: origin ? `snapshot of ${vg}/${origin}` : 'volume',
    });
  }
  return holdings;
}

/** `btrfs subvolume list -o -s ROOT` (snapshots with their creation time), read by the rented-host parser. */
export function btrfsHoldings(root: string, text: string): ProviderHolding[] {
  return parseBtrfsSnapshots(text.split('\n'), root).snapshots.map((s) => ({
    kind: 'btrfs' as const,
    copy: true,
    place: `btrfs ${root} ${s.name}`,
    ...(s.created ? { date: s.created } : {}),
    names: [s.name],
    detail: 'snapshot',
  }));
}
