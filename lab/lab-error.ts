// The one error type the lab raises for a problem a person must fix (bad fixture, host that will not start).

/** A lab failure with a message fit for the terminal; `logPath` names the log that explains it. */
export class LabError extends Error {
  override readonly name = 'LabError';
  constructor(
    message: string,
    readonly logPath?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
