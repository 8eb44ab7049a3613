import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleRunDirs, runtimeBase, runtimeDir } from '../../../src/fs/runtime-dir.js';

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
  it('is <base>/<pid>, private, and the same for every call', () => {
    const base = join(root, 'base');
    const dir = runtimeDir(base);
    expect(dir).toBe(join(base, String(process.pid)));
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
      for (const name of [dead, String(live.pid), 'notes']) mkdirSync(join(base, name, 'ipmi-x'), { recursive: true });
      runtimeDir(base);
      expect(readdirSync(base).sort()).toEqual([String(live.pid), String(process.pid), 'notes'].sort());
      expect(removeStaleRunDirs(base)).toEqual([]); // our own directory, once made, is not stale
    } finally {
      live.kill('SIGKILL');
    }
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
