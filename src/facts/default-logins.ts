// The bmc.default-logins fact: vendor factory-default logins that must be refused.
import type { ProbeAttempt } from './probe-outcome.js';

/** Factory defaults tried, and the ones left out and why. */
export interface DefaultLoginsFact {
  cipherSuite: number;
  attempts: Array<ProbeAttempt & { vendors: string[] }>;
  skipped: Array<{ user: string; vendors: string[]; why: string }>;
}
