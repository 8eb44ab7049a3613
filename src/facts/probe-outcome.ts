// How one BMC login fared, as every BMC fact records it.
import type { TransportFailureReason } from './failure-reason.js';

/** How one probe fared; the message is already free of secrets (ipmitool never sees one in argv). */
export type ProbeOutcome =
  | { ok: true }
  | {
      ok: false;
      reason: TransportFailureReason;
      message: string;
      /** The session opened and a command run in it then failed: the login works, whatever the reason. */
      sessionOpened: boolean;
    };

/** One login that should have been refused; `user` '' is IPMI's null (anonymous) user. */
export interface ProbeAttempt {
  user: string;
  outcome: ProbeOutcome;
}
