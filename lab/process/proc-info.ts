// What /proc says about one process: alive or not, when it started, its command line and its children.
import { readdirSync, readFileSync } from 'node:fs';

/** A process as seen in /proc; `gone` includes zombies, which no longer run anything. */
export type ProcessState = 'alive' | 'gone';

interface StatFields {
  state: string;
  ppid: number;
  startTime: string;
}

function readStat(pid: number): StatFields | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name sits in parentheses and may itself hold spaces or parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, ppid] = fields;
  const startTime = fields[19];
  if (state === undefined || ppid === undefined || startTime === undefined) return undefined;
  return { state, ppid: Number(ppid), startTime };
}

/** Whether `pid` runs (a zombie or a missing entry counts as gone). */
export function processState(pid: number): ProcessState {
  const stat = readStat(pid);
  return stat && stat.state !== 'Z' && stat.state !== 'X' ? 'alive' : 'gone';
}

/** The process's start time in clock ticks since boot: with the PID it names one process for good. */
export function processStartTime(pid: number): string | undefined {
  const stat = readStat(pid);
  return stat && stat.state !== 'Z' && stat.state !== 'X' ? stat.startTime : undefined;
}

/** The process's argv, or undefined once it is gone. */
export function processArgv(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.length === 0 ? undefined : raw.replace(/\0$/, '').split('\0');
  } catch {
    return undefined;
  }
}

/** A process named by PID and start time, so a reused PID is never mistaken for it. */
export interface ProcessIdentity {
  pid: number;
  startTime: string;
}

/** All live descendants of `pid` (children, grandchildren, ...), read from /proc in one pass. */
export function descendantsOf(pid: number): ProcessIdentity[] {
  const children = new Map<number, ProcessIdentity[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = Number(entry);
    const stat = readStat(child);
    if (!stat || stat.state === 'Z' || stat.state === 'X') continue;
    const list = children.get(stat.ppid) ?? [];
    list.push({ pid: child, startTime: stat.startTime });
    children.set(stat.ppid, list);
  }
  const found: ProcessIdentity[] = [];
  const queue = [pid];
  for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Whether the process with this identity still runs. */
export function identityAlive(id: ProcessIdentity): boolean {
  return processStartTime(id.pid) === id.startTime;
}
