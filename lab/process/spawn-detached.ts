// Starts a long-lived lab process in its own session, logging to a file, so it outlives the lab command.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { LabError } from '../lab-error.js';

/** Starts `file args` detached (new session, stdin /dev/null, output appended to `log`) and returns its PID. */
export function spawnDetached(file: string, args: string[], log: string, env?: Record<string, string>): number {
  const fd = openSync(log, 'a', 0o600);
  try {
    writeSync(fd, `--- ${new Date().toISOString()} starting ${file}\n`);
    const child = spawn(file, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C', ...env },
    });
    child.unref();
    if (child.pid === undefined) throw new LabError(`could not start ${file}; see ${log}`, log);
    // A failed exec is reported asynchronously; the readiness wait notices the dead PID.
    child.on('error', () => undefined);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}
