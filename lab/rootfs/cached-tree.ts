// A directory tree in the machine cache, built once per recipe and swapped in atomically.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withFileLock } from '../process/file-lock.js';

/** A ready tree: where it is, an id that changes whenever it is rebuilt, and whether this call built it. */
export interface CachedTree {
  dir: string;
  id: string;
  built: boolean;
  /** A replaced older tree, still possibly in use as a lower layer: delete it once hosts have moved off it. */
  retired?: string;
}

async function readStamp(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

function idOf(stamp: string): string {
  return createHash('sha256').update(stamp).digest('hex').slice(0, 16);
}

/**
 * The tree at `dir` made by `recipe`. Reused when `dir.stamp` records the same recipe; otherwise `build`
 * fills a temporary directory beside it (returning the finished tree inside it) and that is renamed into place.
 */
export async function ensureCachedTree(options: {
  dir: string;
  recipe: string;
  build: (scratch: string) => Promise<string>;
}): Promise<CachedTree> {
  const { dir, recipe } = options;
  const stampPath = `${dir}.stamp`;
  const parent = dirname(dir);
  return withFileLock(`${dir}.lock`, `the cached tree ${dir}`, async () => {
    const stamp = await readStamp(stampPath);
    if (stamp?.startsWith(`${recipe}\n`) && existsSync(dir)) return { dir, id: idOf(stamp), built: false };

    // We hold the lock, so any scratch directory left beside the tree is from a run that died.
    for (const name of await readdir(parent)) {
      if (name.startsWith(`${basename(dir)}.tmp-`)) await rm(join(parent, name), { recursive: true, force: true });
    }
    const scratch = `${dir}.tmp-${process.pid}`;
    try {
      const finished = await options.build(scratch);
      let retired: string | undefined;
      if (existsSync(dir)) {
        retired = `${dir}.old-${Date.now()}`;
        await rename(dir, retired);
      }
      await rename(finished, dir);
      const newStamp = `${recipe}\nbuilt ${new Date().toISOString()}\n`;
      await writeFile(`${stampPath}.tmp`, newStamp);
      await rename(`${stampPath}.tmp`, stampPath);
      return retired ? { dir, id: idOf(newStamp), built: true, retired } : { dir, id: idOf(newStamp), built: true };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
}
