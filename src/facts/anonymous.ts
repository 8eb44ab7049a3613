// The bmc.anonymous fact: null-user and empty-password logins that must be refused.
import type { ProbeAttempt } from './probe-outcome.js';

/** Null user and empty-password logins tried at USER privilege with the pinned cipher suite. */
export interface AnonymousFact {
  cipherSuite: number;
  attempts: ProbeAttempt[];
  /**
   * Set when the user table is unknown, so no named account was tried with an empty password:
   * why, and whether it is because the stored administrator login is refused (the customer
   * changed it). Guessing names with an empty password would spend the BMC's lockout budget
   * on accounts that may not exist, so the part is reported unexamined instead.
   */
  namedUntried?: { why: string; credentialsRefused: boolean };
}
