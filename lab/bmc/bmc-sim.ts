// Starts one simulated BMC: ipmi_sim with its own LAN address, users and persistent state directory.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import type { LabHost } from '../fleet/plan-fleet.js';
import type { BmcPaths } from '../lab-paths.js';
import { spawnDetached } from '../process/spawn-detached.js';
import { renderLanConf, renderSimEmu } from './ipmi-sim-config.js';

/** The argument that identifies a BMC's ipmi_sim in /proc/<pid>/cmdline. */
export function bmcMarker(paths: BmcPaths): string {
  return paths.lanConf;
}

/** Writes the BMC's configuration and starts ipmi_sim; returns its PID. State (user changes) survives restarts. */
export async function startBmcSim(hostName: string, bmc: NonNullable<LabHost['bmc']>, paths: BmcPaths): Promise<number> {
  await mkdir(paths.stateDir, { recursive: true, mode: 0o700 });
  await writeFile(paths.lanConf, renderLanConf(hostName, bmc), { mode: 0o600 });
  await chmod(paths.lanConf, 0o600);
  await writeFile(paths.simEmu, renderSimEmu());
  return spawnDetached('ipmi_sim', ['-c', bmcMarker(paths), '-f', paths.simEmu, '-s', paths.stateDir, '-n'], paths.log);
}
