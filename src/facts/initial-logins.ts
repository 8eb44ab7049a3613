// The bmc.initial-logins fact: how each stored initial BMC account fared.
import type { BmcPrivilege } from '../model/bmc-privilege.js';
import type { UserPrivilegeLimit } from './bmc-users.js';
import type { ProbeOutcome } from './probe-outcome.js';

/** How one stored account fared; the message is already free of secrets. */
export interface InitialLoginAttempt {
  user: string;
  privilege: BmcPrivilege;
  cipherSuite: number;
  outcome: ProbeOutcome;
  /** The account's privilege limit in the BMC's user table, when the table was read. */
  tablePrivilege?: UserPrivilegeLimit;
}

/** The login attempts for every stored initial account of one host. */
export interface InitialLoginsFact {
  attempts: InitialLoginAttempt[];
  /** How the sessions were opened: RMCP+ (IPMI, when absent) or Redfish; the attempts' cipherSuite means nothing over Redfish. */
  transport?: 'ipmi' | 'redfish';
  /** Logins the BMC refused in this run (each counts against its lockout threshold); Redfish only so far. */
  failedLogins?: number;
  /** The lockout policy the BMC states (Redfish AccountService), when read. */
  lockout?: { threshold?: number; durationSeconds?: number };
}
