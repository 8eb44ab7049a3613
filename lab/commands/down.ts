// `lab down`: ends exactly the processes the lab recorded and resets hosts and BMCs to their fixtures.
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { bmcPaths, hostPaths, type LabPaths } from '../lab-paths.js';
import { withFileLock } from '../process/file-lock.js';
import { readPidRecord, removePidRecord } from '../process/pid-record.js';
import { type StopOutcome, stopRecorded } from '../process/stop-process.js';
import { redfishDir, stopRedfish } from '../redfish/start-redfish.js';

/** What `down` did to one host. */
export interface DownRow {
  host: string;
  container: 'stopped' | 'killed' | 'not running';
  bmc: 'stopped' | 'killed' | 'not running';
}

/** The rows and the problems (processes that would not die). */
export interface DownResult {
  rows: DownRow[];
  problems: string[];
}

async function dirNames(dir: string): Promise<string[]> {
  return existsSync(dir) ? readdir(dir) : [];
}

async function stopByPidFile(pidFile: string): Promise<StopOutcome> {
  const record = await readPidRecord(pidFile);
  const outcome = record ? await stopRecorded(record) : { wasRunning: false, killed: false, survivors: [] };
  if (outcome.survivors.length === 0) await removePidRecord(pidFile);
  return outcome;
}

function word(o: StopOutcome): DownRow['container'] {
  if (!o.wasRunning) return 'not running';
  return o.killed ? 'killed' : 'stopped';
}

/**
 * Stops the hosts named in `only` (all hosts with lab state when empty) and deletes their upper, work and
 * BMC state directories so the next `up` starts from the fixtures. Keys and the rootfs cache stay.
 */
export async function labDown(paths: LabPaths, only?: string[]): Promise<DownResult> {
  if (!existsSync(paths.stateDir)) return { rows: [], problems: [] };
  return withFileLock(paths.lockFile, 'the lab', async () => {
    const names = only && only.length > 0
      ? only
      : [...new Set([...(await dirNames(paths.hostsDir)), ...(await dirNames(paths.bmcsDir)), ...(await dirNames(redfishDir(paths)))])].sort();
    const rows: DownRow[] = [];
    const problems: string[] = [];
    await Promise.all(
      names.map(async (name) => {
        const hp = hostPaths(paths, name);
        const bp = bmcPaths(paths, name);
        const [container, ipmiBmc, redfish] = await Promise.all([stopByPidFile(hp.pidFile), stopByPidFile(bp.pidFile), stopRedfish(paths, name)]);
        // A host has an ipmi_sim or a Redfish simulator (or neither); the row shows whichever ran.
        const bmc = ipmiBmc.wasRunning || !redfish.wasRunning ? ipmiBmc : redfish;
        for (const s of [...container.survivors, ...ipmiBmc.survivors, ...redfish.survivors]) problems.push(`${name}: PID ${s.pid} survived SIGKILL`);
        if (container.survivors.length === 0) {
          for (const dir of [hp.upper, hp.work, hp.merged]) await rm(dir, { recursive: true, force: true });
        }
        if (ipmiBmc.survivors.length === 0) {
          // lan.conf holds passwords; it is rewritten from the fixtures on the next start.
          for (const p of [bp.stateDir, bp.lanConf, bp.simEmu]) await rm(p, { recursive: true, force: true });
        }
        rows.push({ host: name, container: word(container), bmc: word(bmc) });
      }),
    );
    rows.sort((a, b) => a.host.localeCompare(b.host));
    return { rows, problems };
  });
}
