// The record of a process the lab started: enough to find it again and never mistake a reused PID for it.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { processArgv, processStartTime } from './proc-info.js';

/** What a pid file holds. `marker` is an argument only this process has (its config or mount path). */
export interface PidRecord {
  pid: number;
  startTime: string;
  marker: string;
  /** Fingerprint of what the process was started with (layers, files, config); a change makes it stale. */
  config?: string;
}

/** Records a just-started process; undefined if it already exited. */
export function recordFor(pid: number, marker: string, config?: string): PidRecord | undefined {
  const startTime = processStartTime(pid);
  if (startTime === undefined) return undefined;
  return config === undefined ? { pid, startTime, marker } : { pid, startTime, marker, config };
}

/** Writes the record atomically. */
export async function writePidRecord(path: string, record: PidRecord): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(record)}\n`);
  await rename(`${path}.tmp`, path);
}

/** The record at `path`, or undefined when there is none or it is unreadable. */
export async function readPidRecord(path: string): Promise<PidRecord | undefined> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as Partial<PidRecord>;
    if (typeof data.pid !== 'number' || typeof data.startTime !== 'string' || typeof data.marker !== 'string') return undefined;
    return data as PidRecord;
  } catch {
    return undefined;
  }
}

/** Removes the record (missing is fine). */
export async function removePidRecord(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** Whether the recorded process still runs and is the one we started (same start time, our marker in argv). */
export function recordAlive(record: PidRecord): boolean {
  if (processStartTime(record.pid) !== record.startTime) return false;
  return processArgv(record.pid)?.includes(record.marker) ?? false;
}
