// Collects storage-level copies: LVM, ZFS and btrfs snapshots, DRBD resources, md arrays with network members.
import type { FactResult } from '../../../facts/fact-result.js';
import type { SshSection } from '../ssh-section.js';
import { decodeName } from '../name-framing.js';
import { dumpFilesScript, framedCommand } from './file-dump.js';
import { parseSectionRecords } from '../section-framing.js';
import { parseBtrfsSnapshots, parseDrbdConfig, parseLvs, parseMdstat, parseZfsSnapshots } from './storage-outputs.js';
import type { BackupStorageFact, DrbdResource, MdArray, VolumeSnapshot } from '../../../facts/backup-storage.js';

/** Largest part of /proc/mdstat, /proc/drbd or a DRBD configuration file read. */
export const STORAGE_READ_LIMIT = 64 * 1024;

// The tools run only where their kind of storage exists; each missing tool is reported only when it was needed.
const script = `if command -v lvs >/dev/null 2>&1; then
${framedCommand('lvs', '', "lvs --noheadings --separator '|' -o vg_name,lv_name,lv_attr,origin,lv_time")}
else
  for sgd in /dev/mapper/*; do
    case "\${sgd##*/}" in control|'*') ;; *) fc_e "\${sgd##*/}"; printf '%s P device-mapper volume %s exists but lvs is missing\\n' "$M" "$fc_ev" ;; esac
  done
fi
if command -v zfs >/dev/null 2>&1; then
${framedCommand('zfs', '', 'zfs list -H -p -t snapshot -o name,creation')}
elif [ -e /sys/module/zfs ] || [ -e /proc/spl/kstat/zfs ]; then printf '%s P the zfs module is loaded but zfs is missing\\n' "$M"; fi
sgb=
while read -r sgs sgt sgy sgr; do [ "$sgy" = btrfs ] && sgb="$sgb $sgt"; done < /proc/mounts
if [ -n "$sgb" ]; then
  if command -v btrfs >/dev/null 2>&1; then
    for sgt in $sgb; do
${framedCommand('btrfs', '$sgt', 'btrfs subvolume list -s "$sgt"')}
    done
  else printf '%s P btrfs is mounted at%s but btrfs is missing\\n' "$M" "$sgb"; fi
fi
sgm=0
if [ -r /proc/mdstat ]; then
  while read -r sgl; do case "$sgl" in md*) sgm=1 ;; esac; done < /proc/mdstat
fi
if [ "$sgm" = 1 ]; then
${framedCommand('sysblock', '', 'ls -l /sys/block/')}
fi
${dumpFilesScript(['/proc/mdstat', '/proc/drbd', '/etc/drbd.conf', '/etc/drbd.d/*.res', '/etc/drbd.d/*.conf'], STORAGE_READ_LIMIT, 'sg')}`;

/** Parses the storage section's output; pure. */
export function parseStorageSection(text: string, marker: string): BackupStorageFact {
  const { records, files, commands } = parseSectionRecords(text, marker, STORAGE_READ_LIMIT);
  const fact: BackupStorageFact = {
    snapshots: [],
    drbd: [],
    drbdLoaded: files.some((f) => f.path === '/proc/drbd'),
    mdArrays: [],
    problems: records.filter((r) => r.tag === 'P').map((r) => decodeName(r.rest)),
    truncated: files.filter((f) => f.state === 'read' && f.truncated).map((f) => f.path),
  };
  const failed = (what: string, status: number, errors: string[]): void => {
    // Tools print warnings (and, without device-mapper, complaints) beside good output: only the exit status says it failed.
    if (status !== 0) fact.problems.push(`${what} failed (exit ${status})${errors.length ? `: ${errors[0]}` : ''}`);
  };
  for (const c of commands) {
    if (c.name === 'lvs') {
      const r = parseLvs(c.output);
      fact.snapshots.push(...r.snapshots);
      failed('lvs', c.status, r.errors);
    } else if (c.name === 'zfs') {
      const r = parseZfsSnapshots(c.output);
      fact.snapshots.push(...r.snapshots);
      failed('zfs list', c.status, r.errors);
    } else if (c.name === 'btrfs') {
      const r = parseBtrfsSnapshots(c.output, c.args);
      fact.snapshots.push(...r.snapshots);
      failed(`btrfs subvolume list ${c.args}`, c.status, r.errors);
    }
  }
  const sysBlock = commands.find((c) => c.name === 'sysblock')?.output ?? [];
  for (const f of files) {
    if (f.state === 'unreadable') {
      fact.problems.push(`cannot read ${f.path}`);
      continue;
    }
    if (f.path === '/proc/mdstat') fact.mdArrays = parseMdstat(f.lines, sysBlock);
    else if (f.path.startsWith('/etc/drbd')) fact.drbd.push(...parseDrbdConfig(f.path, f.lines));
  }
  return fact;
}

/** The storage-copies section of the collecting command. */
export const backupStorageSection: SshSection<'ssh.backup-storage'> = {
  name: 'backup-storage',
  fact: 'ssh.backup-storage',
  script,
  parse: (text, marker): FactResult<BackupStorageFact> => ({ ok: true, value: parseStorageSection(text, marker) }),
};
