// When the user last interrupted this process (SIGINT). Ctrl-C at a terminal reaches the whole
// process group, so a child that ends abnormally while it ran (ipmitool's SIGINT handler exits 255,
// or aborts: it is not async-signal-safe) was ended by the user, not by the BMC it talked to.

let lastInterrupt = Number.NEGATIVE_INFINITY;

/** Called by the CLI's SIGINT handler, the one place that sees the signal. */
export function noteUserInterrupt(at: number = performance.now()): void {
  lastInterrupt = at;
}

/** Whether a SIGINT came at or after `start` (a performance.now() time): during a child's run. */
export function userInterruptedSince(start: number): boolean {
  return lastInterrupt >= start;
}
