// The transports every collector reaches hosts and BMCs through, handed over as one bundle so a
// test (or the benchmark) swaps all of them in one place, Redfish included.
import { runIpmitool } from '../transport/ipmi/ipmitool-session.js';
import { withRedfish } from '../transport/redfish/redfish-session.js';
import { probeKeyAcceptance } from '../transport/ssh/key-acceptance-probe.js';
import { openSsh } from '../transport/ssh/ssh-connection.js';

/** One entry per transport; each answers with a result or a classified failure (SSH through sshSession). */
export interface Transports {
  openSsh: typeof openSsh;
  runIpmitool: typeof runIpmitool;
  withRedfish: typeof withRedfish;
  /** Asks sshd from outside, without a login, whether it would accept public keys. */
  probeKeys: typeof probeKeyAcceptance;
}

/** The real transports, for the command line. */
export const LIVE_TRANSPORTS: Transports = { openSsh, runIpmitool, withRedfish, probeKeys: probeKeyAcceptance };
