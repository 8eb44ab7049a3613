// The exit codes scripts rely on; documented in the README's table, changed only with a major version.

/** Process exit codes. Only the CLI entry point turns these into `process.exit`. */
export const ExitCode = {
  /** Every selected host is compliant. */
  Compliant: 0,
  /** At least one host violates a promise (an unwaived `fail`). */
  Violation: 1,
  /** No violation found, but some host or check could not be completed. */
  Incomplete: 2,
  /** Bad command line: unknown flag, unknown rack, a node set or check pattern that matches nothing. */
  Usage: 64,
  /** Bad inventory or configuration: the file, line and path are printed. */
  Config: 78,
  /** A bug in fleetcheck itself (EX_SOFTWARE). */
  Internal: 70,
  /** Interrupted by SIGINT; the report holds the hosts that completed. */
  Interrupted: 130,
  /** The reader of standard output closed the pipe before the report was written (128 + SIGPIPE, as a shell reports a tool SIGPIPE ended); nothing is printed. */
  BrokenPipe: 141,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
