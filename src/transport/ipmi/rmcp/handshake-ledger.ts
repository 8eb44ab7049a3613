// What a conversation has cost the BMC, in the BMC's own terms: handshakes it saw begin (an Open
// Session it accepted) and how many of them ended in a session. The difference is what a BMC may
// count against its lockout limits, and what the report shows per BMC.

/** Counts kept per BMC; numbers only, nothing about passwords. */
export class HandshakeLedger {
  #begun = 0;
  #finished = 0;
  #rakp1 = 0;
  #rakp3 = 0;

  /** The BMC accepted an Open Session: it now holds a half-open session for us. */
  begun(): void {
    this.#begun++;
  }
  /** RAKP 4 verified: the handshake became a session. */
  finished(): void {
    this.#finished++;
  }
  /** A RAKP 1 (or RAKP 3) left for the BMC; counted once per handshake, not per resend. */
  sentRakp1(): void {
    this.#rakp1++;
  }
  sentRakp3(): void {
    this.#rakp3++;
  }
  /** A handshake begun by another client on our behalf (ipmitool) that ended without a session. */
  foreignUnfinished(): void {
    this.#begun++;
  }

  /** The counts so far. */
  get counts(): { begun: number; finished: number; unfinished: number; rakp1Sent: number; rakp3Sent: number } {
    return { begun: this.#begun, finished: this.#finished, unfinished: this.#begun - this.#finished, rakp1Sent: this.#rakp1, rakp3Sent: this.#rakp3 };
  }
}
