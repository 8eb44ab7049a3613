// Parsers for the storage tools' own output (lvs, zfs, btrfs) and kernel tables (/proc/mdstat, DRBD); pure.
import type { DrbdResource, MdArray, VolumeSnapshot } from '../../../facts/backup-storage.js';
import { HASH_COMMENT } from '../../../text/hash-comment.js';

/**
 * `lvs --noheadings --separator '|' -o vg_name,lv_name,lv_attr,origin,lv_time`: snapshots are volumes
 * whose attributes start with `s`/`S` (thick) or that have an origin (thin snapshots, `V` with origin).
 */
export function parseLvs(lines: readonly string[]): { snapshots: VolumeSnapshot[]; volumes: number; errors: string[] } {
  const snapshots: VolumeSnapshot[] = [];
  const errors: string[] = [];
  let volumes = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const f = line.split('|');
    if (f.length >= 4) {
      volumes++;
      const [vg, lv, attr, origin, time] = f.map((x) => x.trim()) as [string, string, string, string, string | undefined];
      if (/^[sS]/.test(attr) || origin !== '') {
        snapshots.push({ tool: 'lvs', name: `${vg}/${lv}`, ...(origin ? { origin: `${vg}/${origin}` } : {}), ...(time ? { created: time } : {}) });
      }
    } else if (!/^(WARNING|File descriptor .* leaked)/.test(line)) {
      errors.push(line);
    }
  }
  return { snapshots, volumes, errors };
}

/** `zfs list -H -p -t snapshot -o name,creation`: one tab-separated line per snapshot. */
export function parseZfsSnapshots(lines: readonly string[]): { snapshots: VolumeSnapshot[]; errors: string[] } {
  const snapshots: VolumeSnapshot[] = [];
  const errors: string[] = [];
  for (const line of lines) {
    if (line.trim() === '' || line.trim() === 'no datasets available') continue;
    const [name, creation] = line.split('\t');
    if (name && name.includes('@')) {
      const created = creation && /^\d+$/.test(creation) ? new Date(Number(creation) * 1000).toISOString() : creation;
      snapshots.push({ tool: 'zfs list', name, origin: name.slice(0, name.indexOf('@')), ...(created ? { created } : {}) });
    } else {
      errors.push(line.trim());
    }
  }
  return { snapshots, errors };
}

/** `btrfs subvolume list -s <mount>`: `ID 257 gen 8 cgen 8 top level 5 otime 2026-03-02 10:14:07 path snap`. */
export function parseBtrfsSnapshots(lines: readonly string[], mount: string): { snapshots: VolumeSnapshot[]; errors: string[] } {
  const snapshots: VolumeSnapshot[] = [];
  const errors: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const m = /^ID \d+ gen \d+ cgen \d+ top level \d+ otime (.+?) path (.+)$/.exec(line);
    if (m) snapshots.push({ tool: `btrfs subvolume list ${mount}`, name: m[2]!, created: m[1]! });
    else errors.push(line.trim());
  }
  return { snapshots, errors };
}

// A member `name[n]`, read word by word from where the last one ended. mdstat is read as host text (up
// to 64 KiB, a line as long); scanning the whole line with `/g`, a long word with no `[n]` was tried
// from each of its letters, and each try read the rest of the word: the square of it.
// No member can start inside a word after a try there failed (it would have matched from the failed
// place too), so each word is read once, up to its first miss.
const MEMBER = /(\S+?)\[\d+\]/y;

/** The members of an mdstat line's device list, as `/(\S+?)\[\d+\]/g` finds them. */
export function mdMembers(list: string): string[] {
  const members: string[] = [];
  for (const word of list.split(/\s+/)) {
    MEMBER.lastIndex = 0;
    for (let m = MEMBER.exec(word); m; m = MEMBER.exec(word)) members.push(m[1]!);
  }
  return members;
}

/**
 * /proc/mdstat. `sysBlock` is `ls -l /sys/block/` output: a member whose device path runs through an
 * iSCSI session (`/session<N>/`) or NVMe over Fabrics (`/nvme-fabrics/`), or that is a network block
 * device by its kernel name (nbd, rbd, DRBD), lives on another machine. Inactive arrays (no level
 * printed, members marked `(S)`) count too: their members are still there, and so is the data.
 */
export function parseMdstat(lines: readonly string[], sysBlock: readonly string[]): MdArray[] {
  const viaNetwork = new Set<string>();
  for (const line of sysBlock) {
    const m = /\s(\S+) -> (\S+)$/.exec(line);
    if (m && (/\/session\d+\//.test(m[2]!) || /\/nvme-fabrics\//.test(m[2]!))) viaNetwork.add(m[1]!);
  }
  const arrays: MdArray[] = [];
  for (const line of lines) {
    const m = /^(md\S*)\s*:\s*(active|inactive)\s+(?:\(\S+\)\s+)?(?:(raid\d+|linear|multipath|faulty)\s+)?(.*)$/.exec(line);
    if (!m) continue;
    const members = mdMembers(m[4]!);
    // A partition's disk: sdb1 → sdb, sdp1 → sdp, nvme1n1p2 → nvme1n1 (a `p` only parts a name that ends in a digit).
    // A whole device is looked up by its own name first, so what this makes of nvme1n1 does not matter.
    const disk = (dev: string): string => dev.replace(/(?<=\d)p\d+$|(?<!\d)\d+$/, '');
    const networkMembers = members.filter((d) => /^(?:nbd|rbd|drbd)\d+/.test(d) || viaNetwork.has(d) || viaNetwork.has(disk(d)));
    arrays.push({ name: m[1]!, level: m[3] ?? m[2]!, members, networkMembers });
  }
  return arrays;
}

/**
 * DRBD configuration: `resource NAME { … on HOST { address IP:PORT; } }`, and DRBD 9's
 * `connection { path { host HOST address IP:PORT; … } }`; statements may share a line. One entry per resource.
 */
export function parseDrbdConfig(path: string, lines: readonly string[]): DrbdResource[] {
  const resources: DrbdResource[] = [];
  let current: DrbdResource | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(HASH_COMMENT, '$1').trim();
    const res = /^resource\s+("?)([^\s"{]+)\1\s*\{?/.exec(line);
    if (res) {
      current = { name: res[2]!, origin: `${path}:${i + 1}`, addresses: [] };
      resources.push(current);
    }
    for (const addr of line.matchAll(/(?:^|[\s{;])address\s+(?:(?:ipv4|ipv6|ssocks|sdp)\s+)?([^;\s]+)/g)) current?.addresses.push(addr[1]!);
  });
  return resources;
}
