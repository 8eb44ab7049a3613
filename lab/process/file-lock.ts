// A lock file holding the owner's PID, so two lab commands never build or start the same thing at once.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LabError } from '../lab-error.js';
import { processState } from './proc-info.js';

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Runs `fn` holding the lock at `path`; a lock left by a dead process is taken over, a live one is an error. */
export async function withFileLock<T>(path: string, what: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  if (!(await tryCreate(path))) {
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processState(owner) === 'alive') {
      throw new LabError(`${what} is locked by running process ${owner} (${path})`);
    }
    await rm(path, { force: true });
    if (!(await tryCreate(path))) throw new LabError(`${what}: could not take the lock ${path}`);
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
