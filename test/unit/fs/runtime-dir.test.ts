import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOREIGN_RUN_DIR_MAX_AGE_MS, removeStaleRunDirs, runDirName, runtimeBase, runtimeDir } from '../../../src/fs/runtime-dir.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fc-runtime-dir-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has ended (a pid no live process holds until the kernel reuses it). */
function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$']);
  return Number(r.stdout.toString().trim());
}

describe('runtimeDir', () => {
  it('is <base>/<pid namespace>-<pid>, private, and the same for every call', () => {
    const base = join(root, 'base');
    const dir = runtimeDir(base);
    const namespace = /^pid:\[(\d+)\]$/.exec(readlinkSync('/proc/self/ns/pid'))![1]!;
    expect(dir).toBe(join(base, `${namespace}-${process.pid}`));
    expect(statSync(base).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(runtimeDir(base)).toBe(dir);
  });

  it('removes what runs that are gone left behind, and keeps the directories of live ones', async () => {
    const base = join(root, 'base');
    mkdirSync(base, { mode: 0o700 });
    const dead = String(deadPid());
    const live = spawn('sleep', ['30']);
    try {
      for (const name of [runDirName(Number(dead)), runDirName(live.pid!), 'notes']) mkdirSync(join(base, name, 'ipmi-x'), { recursive: true });
      runtimeDir(base);
      expect(readdirSync(base).sort()).toEqual([runDirName(live.pid!), runDirName(process.pid), 'notes'].sort());
      expect(removeStaleRunDirs(base)).toEqual([]); // our own directory, once made, is not stale
    } finally {
      live.kill('SIGKILL');
    }
  });

  it("judges a run of another pid namespace by its directory's age, never by a pid that means nothing here", () => {
    const base = join(root, 'base');
    mkdirSync(base, { mode: 0o700 });
    // A dead pid of ours may be a live run in a container that shares this /tmp.
    const dead = deadPid();
    const young = runDirName(dead, '4026599999');
    const old = runDirName(dead, '4026588888');
    for (const name of [young, old]) mkdirSync(join(base, name));
    const now = Date.now();
    const aged = new Date(now - FOREIGN_RUN_DIR_MAX_AGE_MS - 60_000);
    utimesSync(join(base, old), aged, aged);
    expect(removeStaleRunDirs(base, '4026531836', now)).toEqual([old]);
    expect(readdirSync(base)).toEqual([young]);
  });

  it('refuses a base that another user could have prepared: open to others, or a symlink', () => {
    const open = join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(() => runtimeDir(open)).toThrow(/open to group or others/);
    const target = join(root, 'target');
    mkdirSync(target, { mode: 0o700 });
    const link = join(root, 'link');
    symlinkSync(target, link);
    expect(() => runtimeDir(link)).toThrow(/not a directory/);
    expect(readdirSync(target)).toEqual([]);
  });

  it('lives under XDG_RUNTIME_DIR when there is one, else in the temporary directory per user', () => {
    expect(runtimeBase({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/fleetcheck');
    expect(runtimeBase({})).toBe(join(tmpdir(), `fleetcheck-${process.getuid!()}`));
  });
});
