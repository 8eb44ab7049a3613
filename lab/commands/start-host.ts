// Brings one lab host's sshd to "accepting connections", reusing a healthy running container.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LabHost } from '../fleet/plan-fleet.js';
import { containerMarker, startContainer } from '../host/container.js';
import { prepareUpper } from '../host/upper-tree.js';
import { hostPaths, type LabPaths } from '../lab-paths.js';
import { readPidRecord, recordAlive, recordFor, removePidRecord, writePidRecord } from '../process/pid-record.js';
import { tcpAccepts, waitFor } from '../process/readiness.js';
import { stopRecorded } from '../process/stop-process.js';
import { logTail } from './log-tail.js';
import { treeHash } from './tree-hash.js';

/** A service's outcome: left running, started and ready, not simulated by design, or failed with a reason. */
export type ServiceState = 'running' | 'started' | 'absent' | 'failed';

/** What bringing a service up produced; `problem` is set when it failed. */
export interface ServiceOutcome {
  state: ServiceState;
  problem?: string;
}

/** The root filesystem stack a host runs on, topmost layer first, and its identity. */
export interface LayerStack {
  lowers: string[];
  id: string;
}

/**
 * Starts (or keeps) the container of `host`; resolves once sshd accepts TCP or `readyWithinMs` has passed
 * since the container started. The clock starts then, not before the upper layer is filled: a scenario
 * with tens of thousands of files takes long to copy on a busy machine, and sshd is not late for that.
 */
export async function bringUpHost(
  paths: LabPaths,
  host: LabHost,
  stack: LayerStack,
  scannerPublicKey: string,
  readyWithinMs: number,
): Promise<ServiceOutcome> {
  const hp = hostPaths(paths, host.name);
  const scenarioDir = join(paths.scenariosDir, host.scenario);
  const config = createHash('sha256')
    .update(JSON.stringify({ stack: stack.id, host, tree: await treeHash(scenarioDir), scannerPublicKey }))
    .digest('hex')
    .slice(0, 16);
  const where = `${host.ssh.address}:${host.ssh.port}`;

  const previous = await readPidRecord(hp.pidFile);
  if (previous && recordAlive(previous)) {
    if (previous.config === config && (await tcpAccepts(host.ssh.address, host.ssh.port))) return { state: 'running' };
    await stopRecorded(previous);
  }
  await removePidRecord(hp.pidFile);
  if (await tcpAccepts(host.ssh.address, host.ssh.port)) {
    return { state: 'failed', problem: `${host.name}: ${where} is already taken by a process the lab did not start` };
  }

  await prepareUpper({ host, paths: hp, lowers: stack.lowers, scenarioDir, scannerPublicKey });
  const pid = startContainer(host.name, stack.lowers, hp, host.services);
  const deadline = Date.now() + readyWithinMs;
  const record = recordFor(pid, containerMarker(hp), config);
  if (record) await writePidRecord(hp.pidFile, record);
  const result = await waitFor(() => tcpAccepts(host.ssh.address, host.ssh.port, 200), {
    deadline,
    gaveUp: () => (record && recordAlive(record) ? undefined : 'its container exited'),
  });
  if (result.ready) return { state: 'started' };
  return {
    state: 'failed',
    problem: `${host.name}: sshd did not come up on ${where} (${result.reason}); see ${hp.log}${logTail(hp.log)}`,
  };
}
