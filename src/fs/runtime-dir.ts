// A private directory for the files a run needs while it lives (ipmitool's exec batch, its HOME),
// kept where the next run finds and removes what a killed run left: <base>/<pid namespace>-<pid>,
// one per live process, under a per-user base that only its owner can enter.
import { lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the per-user base is: $XDG_RUNTIME_DIR/fleetcheck (emptied at logout), else <tmpdir>/fleetcheck-<uid>. */
export function runtimeBase(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_RUNTIME_DIR'];
  if (xdg !== undefined && xdg.startsWith('/')) return join(xdg, 'fleetcheck');
  return join(tmpdir(), `fleetcheck-${process.getuid?.() ?? 'user'}`);
}

/** Whether process `pid` still runs (EPERM: it runs, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes `base` if needed and refuses one this user does not own alone: a directory another user made
 * first in a shared /tmp (or a symlink planted there) must not receive our files.
 */
function ensurePrivateBase(base: string): void {
  mkdirSync(base, { recursive: true, mode: 0o700 });
  const info = lstatSync(base);
  const uid = process.getuid?.();
  if (!info.isDirectory()) throw new Error(`${base} is not a directory`);
  if (uid !== undefined && info.uid !== uid) throw new Error(`${base} belongs to another user`);
  if ((info.mode & 0o077) !== 0) throw new Error(`${base} is open to group or others (mode ${(info.mode & 0o777).toString(8)})`);
}

/**
 * This process's pid namespace (the inode `/proc/self/ns/pid` names), or undefined where /proc does
 * not say. Two containers may share one /tmp and one uid: a pid is only meaningful in its namespace.
 */
function ownPidNamespace(): string | undefined {
  try {
    return /^pid:\[(\d+)\]$/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
  } catch {
    return undefined;
  }
}

/** The name of a run's directory: `<namespace>-<pid>`, or `<pid>` where the namespace is unknown. */
export function runDirName(pid: number, namespace: string | undefined = ownPidNamespace()): string {
  return namespace === undefined ? String(pid) : `${namespace}-${pid}`;
}

/**
 * How old a directory of a run in another pid namespace must be before it is removed: whether that
 * run lives cannot be asked from here, and no run lasts this long.
 */
export const FOREIGN_RUN_DIR_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** This process's directory under each base it used. */
const made = new Map<string, string>();
let exitHookInstalled = false;

/** Whether a run directory's entry may still belong to a live run; decided by pid only in our own namespace. */
function mayBeLive(base: string, entry: string, namespace: string | undefined, now: number): boolean | undefined {
  const name = /^(?:(\d+)-)?([1-9]\d*)$/.exec(entry);
  if (!name) return undefined;
  const entryNamespace = name[1];
  const pid = Number(name[2]);
  if (entryNamespace !== namespace) {
    // Another namespace's run (or one named before namespaces were): its pid means nothing here.
    try {
      return now - statSync(join(base, entry)).mtimeMs < FOREIGN_RUN_DIR_MAX_AGE_MS;
    } catch {
      return true;
    }
  }
  return pid === process.pid ? made.has(base) : isAlive(pid);
}

/**
 * Removes the directories of runs that are gone (killed, or ended by a second Ctrl-C), and any earlier
 * one of our own pid; a run of another pid namespace only once its directory is a week old.
 */
export function removeStaleRunDirs(base: string, namespace: string | undefined = ownPidNamespace(), now: number = Date.now()): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(base);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (mayBeLive(base, entry, namespace, now) !== false) continue;
    rmSync(join(base, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}


/**
 * This process's own directory (mode 0700), made on first use after removing what dead runs left; it
 * is removed again when the process exits. Throws when the base is not private to this user.
 */
export function runtimeDir(base: string = runtimeBase()): string {
  const known = made.get(base);
  if (known !== undefined) return known;
  ensurePrivateBase(base);
  removeStaleRunDirs(base);
  const dir = join(base, runDirName(process.pid));
  mkdirSync(dir, { mode: 0o700 });
  made.set(base, dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const d of made.values()) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}
