// The Debian root filesystem every lab host shares as its lowest overlay layer.
import { chmod, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runLogged } from '../process/run-logged.js';
import { machineMirror } from './apt-mirror.js';
import { type CachedTree, ensureCachedTree } from './cached-tree.js';

/** The recipe text stored in the stamp file: a changed suite or package list rebuilds the base. */
export function baseRecipe(suite: string, packages: string[]): string {
  return `debootstrap --variant=minbase --include=${[...packages].sort().join(',')} ${suite}`;
}

/** Builds (or reuses) <cache>/<suite>-base with debootstrap from the machine's own mirror. */
export async function ensureBaseRootfs(options: {
  cacheDir: string;
  suite: string;
  packages: string[];
  log: string;
  onBuild?: () => void;
}): Promise<CachedTree> {
  const { cacheDir, suite, packages, log } = options;
  await mkdir(cacheDir, { recursive: true });
  return ensureCachedTree({
    dir: join(cacheDir, `${suite}-base`),
    recipe: baseRecipe(suite, packages),
    build: async (scratch) => {
      options.onBuild?.();
      const mirror = await machineMirror(suite);
      const include = `--include=${[...packages].sort().join(',')}`;
      await runLogged('debootstrap', ['--variant=minbase', include, suite, scratch, mirror], log, {
        what: `debootstrap of ${suite}`,
      });
      // Every host gets its own host key; keys baked into the base would be shared by all of them.
      const sshDir = join(scratch, 'etc/ssh');
      for (const name of await readdir(sshDir)) {
        if (name.startsWith('ssh_host_')) await rm(join(sshDir, name));
      }
      // debootstrap copies these from the build machine with its modes; hosts rewrite hostname anyway.
      for (const name of ['etc/hostname', 'etc/resolv.conf']) await chmod(join(scratch, name), 0o644).catch(() => undefined);
      const archives = join(scratch, 'var/cache/apt/archives');
      for (const name of await readdir(archives)) {
        if (name.endsWith('.deb')) await rm(join(archives, name));
      }
      return scratch;
    },
  });
}
