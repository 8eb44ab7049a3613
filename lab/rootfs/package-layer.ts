// A cached overlay layer holding extra Debian packages, stacked on the base for scenarios that need them.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runLogged } from '../process/run-logged.js';
import { type CachedTree, ensureCachedTree } from './cached-tree.js';

// Runs in a private mount namespace, so the build mounts vanish with it whatever happens.
const INSTALL_SCRIPT = `set -e
base=$1 upper=$2 work=$3 merged=$4; shift 4
mount -t overlay overlay -o "lowerdir=$base,upperdir=$upper,workdir=$work" "$merged"
mount -t proc proc "$merged/proc"
mount --rbind /dev "$merged/dev"
printf '#!/bin/sh\\nexit 101\\n' > "$merged/usr/sbin/policy-rc.d"
chmod 755 "$merged/usr/sbin/policy-rc.d"
chroot "$merged" apt-get -q update
chroot "$merged" apt-get -q install -y --no-install-recommends "$@"
chroot "$merged" apt-get clean
rm -rf "$merged"/var/lib/apt/lists/* "$merged/usr/sbin/policy-rc.d"
`;

/** Builds (or reuses) the layer with `packages` installed over `base`; it is rebuilt when the base is. */
export async function ensurePackageLayer(options: {
  cacheDir: string;
  base: CachedTree;
  suite: string;
  packages: string[];
  log: string;
  onBuild?: () => void;
}): Promise<CachedTree> {
  const packages = [...options.packages].sort();
  const recipe = `apt-get install --no-install-recommends ${packages.join(' ')} over base ${options.base.id}`;
  const key = createHash('sha256').update(recipe).digest('hex').slice(0, 12);
  await mkdir(join(options.cacheDir, 'layers'), { recursive: true });
  return ensureCachedTree({
    dir: join(options.cacheDir, 'layers', `${options.suite}-${key}`),
    recipe,
    build: async (scratch) => {
      options.onBuild?.();
      const [upper, work, merged] = ['upper', 'work', 'merged'].map((d) => join(scratch, d)) as [string, string, string];
      for (const d of [upper, work, merged]) await mkdir(d, { recursive: true });
      await runLogged(
        'unshare',
        ['--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child', 'sh', '-c', INSTALL_SCRIPT, 'layer',
          options.base.dir, upper, work, merged, ...packages],
        options.log,
        { what: `installing ${packages.join(' ')}`, env: { DEBIAN_FRONTEND: 'noninteractive' } },
      );
      return upper;
    },
  });
}
