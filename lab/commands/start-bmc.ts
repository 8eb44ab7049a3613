// Brings one lab BMC to "bound to its UDP port", reusing a healthy running ipmi_sim.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { bmcMarker, startBmcSim } from '../bmc/bmc-sim.js';
import { renderLanConf } from '../bmc/ipmi-sim-config.js';
import type { LabHost } from '../fleet/plan-fleet.js';
import { bmcPaths, type LabPaths } from '../lab-paths.js';
import { readPidRecord, recordAlive, recordFor, removePidRecord, writePidRecord } from '../process/pid-record.js';
import { udpBound, waitFor } from '../process/readiness.js';
import { stopRecorded } from '../process/stop-process.js';
import { logTail } from './log-tail.js';
import type { ServiceOutcome } from './start-host.js';

/** Starts (or keeps) the BMC of `host`; a BMC with `simulated: false` is kept silent instead. */
export async function bringUpBmc(paths: LabPaths, host: LabHost, deadline: number): Promise<ServiceOutcome> {
  const bmc = host.bmc;
  if (!bmc) return { state: 'absent' };
  const bp = bmcPaths(paths, host.name);
  const where = `${bmc.address}:${bmc.port}/udp`;
  const previous = await readPidRecord(bp.pidFile);

  if (!bmc.simulated) {
    // An unreachable BMC: make sure nothing of ours (from an older fleet file) answers there.
    if (previous) await stopRecorded(previous);
    await removePidRecord(bp.pidFile);
    await rm(bp.dir, { recursive: true, force: true });
    if (udpBound(bmc.address, bmc.port)) {
      return { state: 'failed', problem: `${host.name}: ${where} must be silent but a process the lab did not start holds it` };
    }
    return { state: 'absent' };
  }

  const config = createHash('sha256').update(renderLanConf(host.name, bmc)).digest('hex').slice(0, 16);
  if (previous && recordAlive(previous)) {
    if (previous.config === config && udpBound(bmc.address, bmc.port)) return { state: 'running' };
    await stopRecorded(previous);
  }
  await removePidRecord(bp.pidFile);
  if (udpBound(bmc.address, bmc.port)) {
    return { state: 'failed', problem: `${host.name}: ${where} is already taken by a process the lab did not start` };
  }
  await mkdir(bp.dir, { recursive: true, mode: 0o700 });
  const pid = await startBmcSim(host.name, bmc, bp);
  const record = recordFor(pid, bmcMarker(bp), config);
  if (record) await writePidRecord(bp.pidFile, record);
  const result = await waitFor(() => udpBound(bmc.address, bmc.port), {
    deadline,
    gaveUp: () => (record && recordAlive(record) ? undefined : 'ipmi_sim exited'),
  });
  if (result.ready) return { state: 'started' };
  return { state: 'failed', problem: `${host.name}: ipmi_sim did not bind ${where} (${result.reason}); see ${bp.log}${logTail(bp.log)}` };
}
