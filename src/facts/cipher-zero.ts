// The bmc.cipher-zero fact: sessions under cipher suite 0 that must be refused.
import type { ProbeAttempt } from './probe-outcome.js';

/** Sessions tried under cipher suite 0 with a random password nobody holds. */
export interface CipherZeroFact {
  attempts: ProbeAttempt[];
}
