// Where and as whom to open an IPMI session, as validated from the inventory; nothing here is checked again.
import type { BmcPrivilege } from '../../model/bmc-privilege.js';
import type { Secret } from '../../model/secret.js';

export type { BmcPrivilege };

/** One BMC's LAN interface and how patiently to talk to it. */
export interface BmcEndpoint {
  address: string;
  /** UDP port of RMCP+, normally 623. */
  port: number;
  /** RMCP+ cipher suite (`-C`); pin it, because probing costs ~10 s on BMCs that do not answer. */
  cipherSuite: number;
  /** Hard deadline for one ipmitool run (session setup and all commands); the child is killed after it. */
  timeoutMs: number;
  /** Extra sends of each unanswered packet; ipmitool waits 1 s for each. */
  retries: number;
}

/** The credentials for one session. Only the transport reveals the password, into the child's environment. */
export interface BmcLogin {
  user: string;
  password: Secret;
  privilege: BmcPrivilege;
}
