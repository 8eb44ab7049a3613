// Brings one lab host's Redfish BMC simulator up (reusing a healthy one started from the same
// config), and ends it again for `lab down`. State, certificate and pin live in
// .lab/redfish/<host>/; the lab inventory reads the pin from its cert.sha256.
import { createHash } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabHost } from '../fleet/plan-fleet.js';
import type { LabPaths } from '../lab-paths.js';
import { readPidRecord, recordAlive, recordFor, removePidRecord, writePidRecord } from '../process/pid-record.js';
import { tcpAccepts, waitFor } from '../process/readiness.js';
import { spawnDetached } from '../process/spawn-detached.js';
import { stopRecorded, type StopOutcome } from '../process/stop-process.js';

/** The files of one Redfish simulator under .lab/redfish/<name>/ (the simulator's own state dir). */
export interface RedfishPaths {
  dir: string;
  config: string;
  pidFile: string;
  log: string;
  /** Written by the simulator: the certificate's SHA-256, the pin inventory/lab.yaml reads. */
  pin: string;
}

/** Where the lab keeps every Redfish simulator. */
export function redfishDir(paths: LabPaths): string {
  return join(paths.stateDir, 'redfish');
}

/** Paths of host `name`'s Redfish simulator. */
export function redfishPaths(paths: LabPaths, name: string): RedfishPaths {
  const dir = join(redfishDir(paths), name);
  return { dir, config: join(dir, 'config.json'), pidFile: join(dir, 'pid'), log: join(dir, 'log'), pin: join(dir, 'cert.sha256') };
}

/** How bringing a simulator up went; `problem` is set when it failed. */
export type RedfishOutcome = { state: 'absent' | 'running' | 'started' } | { state: 'failed'; problem: string };

/** Starts (or keeps) the Redfish simulator of `host`, when the fleet gives it one. */
export async function bringUpRedfish(paths: LabPaths, host: LabHost, deadline: number): Promise<RedfishOutcome> {
  const redfish = host.redfish;
  if (!redfish) return { state: 'absent' };
  const rp = redfishPaths(paths, host.name);
  const text = `${JSON.stringify(redfish.config, null, 2)}\n`;
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const where = `${redfish.address}:${redfish.port}`;
  const previous = await readPidRecord(rp.pidFile);
  if (previous && recordAlive(previous)) {
    if (previous.config === digest && (await tcpAccepts(redfish.address, redfish.port))) return { state: 'running' };
    await stopRecorded(previous);
  }
  await removePidRecord(rp.pidFile);
  if (await tcpAccepts(redfish.address, redfish.port)) {
    return { state: 'failed', problem: `${host.name}: ${where} is already taken by a process the lab did not start` };
  }
  await mkdir(rp.dir, { recursive: true, mode: 0o700 });
  // The config holds the initial passwords: only root reads it. The simulator keeps hashes only.
  await writeFile(rp.config, text, { mode: 0o600 });
  await chmod(rp.config, 0o600);
  const server = join(paths.repo, 'fixtures/redfish-sim/server.js');
  const args = [server, '--address', redfish.address, '--port', String(redfish.port), '--state', rp.dir, '--config', rp.config];
  const capture = redfish.config.capture;
  if (capture) args.push('--mockup', join(paths.repo, 'fixtures/redfish-mockups', capture), '--profile', capture);
  const pid = spawnDetached(process.execPath, args, rp.log);
  const record = recordFor(pid, rp.dir, digest);
  if (record) await writePidRecord(rp.pidFile, record);
  const ready = await waitFor(() => tcpAccepts(redfish.address, redfish.port), {
    deadline,
    gaveUp: () => (record && recordAlive(record) ? undefined : 'the simulator exited'),
  });
  if (ready.ready) return { state: 'started' };
  return { state: 'failed', problem: `${host.name}: the Redfish simulator did not listen on ${where} (${ready.reason}); see ${rp.log}` };
}

/** Ends host `name`'s simulator (exactly the recorded PID) and removes its state, certificate included. */
export async function stopRedfish(paths: LabPaths, name: string): Promise<StopOutcome> {
  const rp = redfishPaths(paths, name);
  const record = await readPidRecord(rp.pidFile);
  const outcome = record ? await stopRecorded(record) : { wasRunning: false, killed: false, survivors: [] };
  if (outcome.survivors.length === 0) await rm(rp.dir, { recursive: true, force: true });
  return outcome;
}
