// Plants junk on the benchmark's junk host after boot, over SSH as root with the scanner's key:
// tens of megabytes in files sshd reads keys from, as a hostile or broken customer host would hold.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchFleet } from './generate-fleet.js';
import { JUNK_HOST } from './generate-fleet.js';

/** Files named by an AuthorizedKeysFile line, each just under the 256 KiB that is read of one. */
export const JUNK_KEY_FILES = 52;
/** The size of root's authorized_keys2: read only up to the per-file limit, the rest stays on the host. */
export const JUNK_BIG_FILE_MIB = 32;

/**
 * The planting script. The sshd config the scanner reads (the running sshd's -f, as the collecting
 * command finds it) gets a Match block naming the junk files, so every one of them is collected: about
 * 13 MiB of two-byte lines, some 6.8 million unparsable lines, under the 16 MiB output limit; root's
 * authorized_keys2 gets 32 MiB more. sshd itself is not reloaded, so logins stay as they were.
 */
export function junkScript(): string {
  return `set -eu
cfg=/etc/ssh/sshd_config
for pf in /run/sshd*.pid; do
  [ -r "$pf" ] || continue
  read -r pid < "$pf"
  set -- $(tr '\\0' ' ' < /proc/$pid/cmdline)
  while [ $# -gt 0 ]; do [ "$1" = -f ] && cfg=$2; shift; done
done
mkdir -p /var/junk
files=
i=0
while [ $i -lt ${JUNK_KEY_FILES} ]; do
  yes xx | head -c 262000 > /var/junk/keys-$i
  files="$files /var/junk/keys-$i"
  i=$((i + 1))
done
mkdir -p /root/.ssh
yes 'junk that is not a key' | head -c ${JUNK_BIG_FILE_MIB * 1024 * 1024} > /root/.ssh/authorized_keys2
printf '\\nMatch User fc-bench-nobody\\n  AuthorizedKeysFile%s\\n' "$files" >> "$cfg"
du -sk /var/junk /root/.ssh/authorized_keys2 | awk '{ s += $1 } END { print s }'
`;
}

/** Plants the junk; returns the kilobytes now held in key files. */
export function plantJunk(fleet: BenchFleet): number {
  const key = join(fleet.stateDir, 'keys/scanner_ed25519');
  const knownHosts = join(fleet.stateDir, 'known_hosts');
  const out = execFileSync(
    'ssh',
    ['-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', `IdentityFile=${key}`, '-o', 'IdentitiesOnly=yes', `root@${JUNK_HOST.ssh}`, 'sh -s'],
    { input: junkScript(), encoding: 'utf8', timeout: 120_000 },
  );
  return Number(out.trim());
}
