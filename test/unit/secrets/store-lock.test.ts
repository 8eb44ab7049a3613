import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireStoreLock, lockPathOf, withStoreLock } from '../../../src/secrets/store-lock.js';

const store = () => join(mkdtempSync(join(tmpdir(), 'fc-lock-')), 'secrets.age');
/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('the store lock', () => {
  it('creates <store>.lock with our pid and removes it afterwards, however the work ends', async () => {
    const path = store();
    const seen = await withStoreLock(path, async () => readFileSync(lockPathOf(path), 'utf8'));
    expect(seen).toEqual({ ok: true, value: `${process.pid}\n` });
    expect(existsSync(lockPathOf(path))).toBe(false);
    await expect(withStoreLock(path, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(existsSync(lockPathOf(path))).toBe(false);
  });

  it('refuses a lock a live process holds, naming it, and leaves that lock alone', async () => {
    const path = store();
    const held = await acquireStoreLock(path);
    if (!held.ok) throw new Error(held.message);
    const second = await acquireStoreLock(path);
    expect(second).toEqual({ ok: false, message: expect.stringContaining(`locked by process ${process.pid}`) });
    expect(readFileSync(lockPathOf(path), 'utf8')).toBe(`${process.pid}\n`);
    await held.value();
  });

  it('takes over a stale lock whose process is gone', async () => {
    const path = store();
    writeFileSync(lockPathOf(path), `${deadPid()}\n`);
    const got = await withStoreLock(path, async () => readFileSync(lockPathOf(path), 'utf8'));
    expect(got).toEqual({ ok: true, value: `${process.pid}\n` });
  });

  it("never reads a FIFO or a device in the lock's place: it says so and changes nothing", async () => {
    const path = store();
    expect(spawnSync('mkfifo', [lockPathOf(path)]).status).toBe(0);
    // Reading a FIFO with no writer would wait for ever; the lock is refused at once instead.
    const got = await acquireStoreLock(path);
    expect(got).toEqual({ ok: false, message: `cannot read the lock file ${lockPathOf(path)}: not a regular file; nothing was changed` });
  });

  it("reads no more than a pid's worth of a huge lock file: garbage, taken over once it is old", async () => {
    const path = store();
    writeFileSync(lockPathOf(path), 'x'.repeat(8 * 1024 * 1024));
    // Fresh garbage may be a lock whose pid is being written: refused, not taken.
    expect(await acquireStoreLock(path)).toEqual({ ok: false, message: expect.stringContaining('locked by another process') });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathOf(path), old, old);
    const got = await withStoreLock(path, async () => readFileSync(lockPathOf(path), 'utf8'));
    expect(got).toEqual({ ok: true, value: `${process.pid}\n` });
  });
});
