// `lab status`: what runs now, read from the pid records and the sockets, changing nothing.
import { bmcPaths, hostPaths, type LabPaths } from '../lab-paths.js';
import { redfishPaths } from '../redfish/start-redfish.js';
import { type PidRecord, readPidRecord, recordAlive } from '../process/pid-record.js';
import { tcpAccepts, udpBound } from '../process/readiness.js';
import type { SummaryRow } from '../report/summary-table.js';
import { loadSelection } from './select-hosts.js';

/** Status rows and whether every selected service is as the fleet wants it. */
export interface StatusResult {
  rows: SummaryRow[];
  allUp: boolean;
}

function processWord(record: PidRecord | undefined): { alive: boolean; text: string } {
  if (!record) return { alive: false, text: 'stopped' };
  return recordAlive(record) ? { alive: true, text: `pid ${record.pid}` } : { alive: false, text: 'dead' };
}

/** Reports each selected host's container and BMC: process alive, port answering. */
export async function labStatus(paths: LabPaths, only?: string[]): Promise<StatusResult> {
  const { hosts } = await loadSelection(paths, only);
  let allUp = true;
  const rows = await Promise.all(
    hosts.map(async (host) => {
      const ssh = processWord(await readPidRecord(hostPaths(paths, host.name).pidFile));
      const sshOpen = await tcpAccepts(host.ssh.address, host.ssh.port);
      let bmcText = 'none';
      if (host.bmc?.simulated) {
        const bmc = processWord(await readPidRecord(bmcPaths(paths, host.name).pidFile));
        const bound = udpBound(host.bmc.address, host.bmc.port);
        bmcText = `${bmc.text}${bound ? ', bound' : ', not bound'}`;
        if (!bmc.alive || !bound) allUp = false;
      } else if (host.bmc) {
        const bound = udpBound(host.bmc.address, host.bmc.port);
        bmcText = bound ? 'UNEXPECTEDLY bound' : 'silent by design';
        if (bound) allUp = false;
      }
      let redfishText = '';
      if (host.redfish) {
        const sim = processWord(await readPidRecord(redfishPaths(paths, host.name).pidFile));
        const open = await tcpAccepts(host.redfish.address, host.redfish.port);
        redfishText = `; redfish ${sim.text}${open ? ', open' : ', closed'}`;
        if (!sim.alive || !open) allUp = false;
      }
      if (!ssh.alive || !sshOpen) allUp = false;
      return {
        host: host.name,
        ssh: `${host.ssh.user}@${host.ssh.address}`,
        bmc: host.bmc?.address ?? (host.redfish ? `https://${host.redfish.address}` : '-'),
        scenario: host.scenario,
        state: `ssh ${ssh.text}${sshOpen ? ', open' : ', closed'}; bmc ${bmcText}${redfishText}`,
      };
    }),
  );
  return { rows, allUp };
}
