// What a scan has done so far, so that leaving at once (a second Ctrl-C) can say what is lost.

/** Counts kept by the scan as it goes; read only when the process leaves without a report. */
export class RunTally {
  #total = 0;
  #started = 0;
  #finished = 0;

  /** The scan has selected `total` hosts and is about to start them. */
  planned(total: number): void {
    this.#total = total;
  }

  /** One host's scan began. */
  hostStarted(): void {
    this.#started++;
  }

  /** One host's result is in (and held in memory until the report is written). */
  hostFinished(): void {
    this.#finished++;
  }

  /** One line for stderr: what leaving now, with no report, throws away. */
  lossLine(): string {
    if (this.#total === 0) return 'no host had been scanned yet';
    const running = this.#started - this.#finished;
    const waiting = this.#total - this.#started;
    return [
      `the results of ${this.#finished} finished host(s) are lost (no report is written)`,
      `${running} host(s) were cut off mid-scan`,
      `${waiting} never started`,
    ].join(', ');
  }
}
