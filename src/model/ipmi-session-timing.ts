// How long ipmitool takes to give up: the inventory plans BMC deadlines with it, the IPMI transport passes it to ipmitool.

/** Seconds ipmitool waits for each packet (`-N`); BMCs answer in milliseconds, loss is covered by resends. */
export const PACKET_TIMEOUT_SECONDS = 1;

/**
 * ipmitool's `-R` for `retries` resends. `-R` counts sends, not resends, and `-R 0` does not
 * mean "no resend" but "use the default of 4" (about 20 s before an absent BMC is reported).
 */
export function ipmitoolAttempts(retries: number): number {
  if (!Number.isInteger(retries) || retries < 0 || retries > 9) {
    throw new RangeError(`retries must be an integer from 0 to 9, got ${retries}`);
  }
  return retries + 1;
}

/**
 * Seconds until ipmitool gives up on an address where nothing answers. Measured with
 * ipmitool 1.8.19: two handshake stages, each sent `attempts` times, and each resend waits
 * one second longer than the one before (N=1: 2 s at -R 1, 6 s at -R 2, 12 s at -R 3).
 */
export function unansweredSessionSeconds(packetTimeoutSeconds: number, attempts: number): number {
  return 2 * attempts * packetTimeoutSeconds + attempts * (attempts - 1);
}
