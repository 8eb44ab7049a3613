// An exclusive lock beside a writable store (`<store>.lock`, holding the owner's pid), so that two
// `fleetcheck secrets` commands never read-modify-write the store at the same time.
import { open, stat, unlink } from 'node:fs/promises';
import { fileProblemReason, readBoundedText } from '../fs/bounded-file.js';
import type { DocumentResult } from './secrets-document.js';

/** How long a lock file with no pid in it yet may belong to a process that just created it. */
const FRESH_LOCK_MS = 10_000;

/** The lock file of a store. */
export const lockPathOf = (storePath: string): string => `${storePath}.lock`;

/** Whether a process with this pid is running (EPERM: it runs under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A pid and its newline: more than this in a lock file is garbage, never read whole. */
const LOCK_FILE_MAX_BYTES = 64;

/**
 * Who holds the lock: a live pid, or undefined when the lock is stale (its process is gone), or why
 * the lock file cannot be judged (a FIFO or a device in its place is never read).
 */
async function holder(lock: string): Promise<number | 'unknown' | undefined | { problem: string }> {
  const read = await readBoundedText(lock, LOCK_FILE_MAX_BYTES);
  if (!read.ok && read.problem.kind === 'missing') return undefined;
  if (!read.ok && read.problem.kind !== 'too-large') return { problem: fileProblemReason(read.problem) };
  const text = read.ok ? read.text : '';
  const pid = /^\s*(\d+)\s*$/.exec(text)?.[1];
  if (pid === undefined) {
    // Created but its pid not written yet, or garbage: stale only once it is old.
    try {
      return Date.now() - (await stat(lock)).mtimeMs < FRESH_LOCK_MS ? 'unknown' : undefined;
    } catch {
      return undefined;
    }
  }
  return alive(Number(pid)) ? Number(pid) : undefined;
}

/**
 * Takes `<storePath>.lock` (created O_EXCL, mode 0600, with our pid). A lock left by a dead process is
 * taken over; one held by a live process is a failure naming it. The value releases the lock.
 */
export async function acquireStoreLock(storePath: string): Promise<DocumentResult<() => Promise<void>>> {
  const lock = lockPathOf(storePath);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return { ok: true, value: () => unlink(lock).catch(() => undefined) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        return { ok: false, message: `cannot create the lock file ${lock}: ${(err as NodeJS.ErrnoException).code ?? 'error'}` };
      }
    }
    const owner = await holder(lock);
    if (typeof owner === 'object') return { ok: false, message: `cannot read the lock file ${lock}: ${owner.problem}; nothing was changed` };
    if (owner !== undefined) {
      const who = owner === 'unknown' ? 'another process' : `process ${owner}`;
      return { ok: false, message: `the secret store is locked by ${who} (${lock}); nothing was changed. Try again when it has finished` };
    }
    // Stale: its process is gone. Take it over.
    await unlink(lock).catch(() => undefined);
  }
  return { ok: false, message: `cannot take the lock file ${lock}: other processes keep taking it; nothing was changed` };
}

/** Runs `work` holding the store's lock; the lock is released however `work` ends. */
export async function withStoreLock<T>(storePath: string, work: () => Promise<T>): Promise<DocumentResult<T>> {
  const lock = await acquireStoreLock(storePath);
  if (!lock.ok) return lock;
  try {
    return { ok: true, value: await work() };
  } finally {
    await lock.value();
  }
}
