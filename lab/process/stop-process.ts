// Ends one recorded process and everything it started, by PID only, politely first.
import { setTimeout as sleep } from 'node:timers/promises';
import { type PidRecord, recordAlive } from './pid-record.js';
import { descendantsOf, type ProcessIdentity, identityAlive } from './proc-info.js';

/** How a stop went: `killed` when SIGTERM was not enough. */
export interface StopOutcome {
  wasRunning: boolean;
  killed: boolean;
  /** Processes still alive after SIGKILL (should be empty). */
  survivors: ProcessIdentity[];
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

async function waitGone(ids: ProcessIdentity[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (!ids.some(identityAlive)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(25);
  }
}

/**
 * Stops the recorded process: SIGTERM to it and each of its descendants (unshare ignores SIGTERM, the
 * container's sshd does not), then SIGKILL to any left after `graceMs`. Waits until all of them are gone.
 */
export async function stopRecorded(record: PidRecord, graceMs = 2000): Promise<StopOutcome> {
  if (!recordAlive(record)) return { wasRunning: false, killed: false, survivors: [] };
  const self: ProcessIdentity = { pid: record.pid, startTime: record.startTime };
  const family = [self, ...descendantsOf(record.pid)];
  for (const p of family) if (identityAlive(p)) signal(p.pid, 'SIGTERM');
  let killed = false;
  if (!(await waitGone(family, graceMs))) {
    killed = true;
    for (const p of family) if (identityAlive(p)) signal(p.pid, 'SIGKILL');
    await waitGone(family, graceMs);
  }
  return { wasRunning: true, killed, survivors: family.filter(identityAlive) };
}
