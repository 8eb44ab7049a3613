// The transports every collector reaches hosts and BMCs through, handed over as one bundle so a
// test (or the benchmark) swaps all of them in one place, Redfish included.
import { runIpmitool } from '../transport/ipmi/ipmitool-session.js';
import type { NativeProber } from './bmc/native-prober.js';
import { RmcpProber } from './bmc/rmcp-prober.js';
import type { BmcSettings } from '../inventory/types.js';
import { withRedfish } from '../transport/redfish/redfish-session.js';
import { probeKeyAcceptance } from '../transport/ssh/key-acceptance-probe.js';
import { openSsh } from '../transport/ssh/ssh-connection.js';

/** One entry per transport; each answers with a result or a classified failure (SSH through sshSession). */
export interface Transports {
  openSsh: typeof openSsh;
  runIpmitool: typeof runIpmitool;
  withRedfish: typeof withRedfish;
  /** The native RMCP+ prober of one BMC (every handshake but the stored administrator's ipmitool session). */
  openRmcp: (bmc: BmcSettings, signal?: AbortSignal) => Promise<NativeProber>;
  /** Asks sshd from outside, without a login, whether it would accept public keys. */
  probeKeys: typeof probeKeyAcceptance;
}

/** The real transports, for the command line. */
export const LIVE_TRANSPORTS: Transports = { openSsh, runIpmitool, withRedfish, openRmcp: (bmc, signal) => RmcpProber.open(bmc, signal), probeKeys: probeKeyAcceptance };
