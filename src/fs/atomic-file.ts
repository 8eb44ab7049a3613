// Replaces a file so that a reader sees the old content or the new, never half of either: the bytes
// go to a temporary file beside the target, are flushed to disk, and the file is renamed into place.
import { randomBytes } from 'node:crypto';
import { link, open, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** How the file is written. */
export interface AtomicWriteOptions {
  /** Permission bits of the new file, set exactly (not reduced by the umask). */
  mode: number;
  /** Fail with EEXIST instead of replacing an existing file. */
  noClobber?: boolean;
}

/** Flushes a directory's entries (the rename itself); a file system that cannot do so is not an error. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on a directory (EINVAL, EISDIR); the data itself is already synced.
  }
}

/** Writes `bytes` to `path` atomically: temp file beside it (mode set, fsynced), then rename (or link when `noClobber`). Throws errno errors. */
export async function writeFileAtomic(path: string, bytes: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const handle = await open(temp, 'wx', options.mode);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.chmod(options.mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.noClobber) {
      // link() fails when the target exists, which rename() would silently replace.
      await link(temp, path);
      await unlink(temp);
    } else {
      await rename(temp, path);
    }
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

/** Removes a file and flushes its directory, so the removal survives a crash. Throws errno errors. */
export async function removeFileDurably(path: string): Promise<void> {
  await unlink(path);
  await syncDirectory(dirname(path));
}
