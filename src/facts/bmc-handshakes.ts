// The bmc.handshakes fact: what a run's RMCP+ handshakes cost one BMC, in the BMC's own terms.

/** How many handshakes the BMC saw begin (an Open Session it accepted), and how many ended in a session. */
export interface HandshakeCounts {
  begun: number;
  finished: number;
  /** Begun and left without a session: what a BMC may count against its lockout limits. */
  unfinished: number;
}
