// Starts one lab host: a mount, PID and UTS namespace with an overlay root running a real sshd.
import { spawnDetached } from '../process/spawn-detached.js';
import { LabError } from '../lab-error.js';
import type { HostPaths } from '../lab-paths.js';

// Paths come in as arguments rather than being spliced into the script, so no quoting can go wrong.
const CONTAINER_SCRIPT = `set -e
lowers=$1 upper=$2 work=$3 merged=$4 name=$5
mount -t overlay overlay -o "lowerdir=$lowers,upperdir=$upper,workdir=$work" "$merged"
mount -t proc proc "$merged/proc"
mount --rbind /dev "$merged/dev"
hostname "$name"
shift 5
for service in "$@"; do chroot "$merged" sh -c "$service"; done
exec chroot "$merged" /usr/sbin/sshd -D -e -f /etc/ssh/sshd_lab.conf`;

/** The argument that identifies a host's container process in /proc/<pid>/cmdline. */
export function containerMarker(paths: HostPaths): string {
  return paths.merged;
}

/**
 * Starts the container, runs the scenario's `services` inside it, and returns the PID of its `unshare`. `--kill-child` ties the namespace to that
 * PID: when it dies, the kernel kills sshd (PID 1 inside) and with it everything in the namespace.
 */
export function startContainer(name: string, lowers: string[], paths: HostPaths, services: string[] = []): number {
  for (const p of [...lowers, paths.upper, paths.work, paths.merged]) {
    // overlayfs splits its options on commas and lowerdir on colons.
    if (/[,:\s]/.test(p)) throw new LabError(`${name}: path ${p} cannot be used in overlay options`);
  }
  return spawnDetached(
    'unshare',
    ['--kill-child', '--mount', '--propagation', 'private', '--uts', '--pid', '--fork',
      'sh', '-c', CONTAINER_SCRIPT, 'fleetcheck-lab-host', lowers.join(':'), paths.upper, paths.work,
      containerMarker(paths), name, ...services],
    paths.log,
  );
}
