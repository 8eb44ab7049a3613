// The small interface every check collector talks to: run a command with a deadline, get a result.

/** What one remote command produced; a non-zero exit is an ordinary result, not an error. */
export interface CommandResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number | null;
  /** Signal that ended the command, as the peer named it (`SIGKILL`), or null. */
  signal: string | null;
  durationMs: number;
  /** Set when stderr passed its cap and the excess was dropped. */
  stderrTruncated?: boolean;
}

/** Limits for one command; every one of them is enforced while the bytes arrive. */
export interface RunOptions {
  stdin?: string | Buffer;
  timeoutMs: number;
  /** More stdout than this fails the command with 'output-limit'. */
  maxStdoutBytes: number;
  /** stderr beyond this is dropped and flagged (default 64 KiB). */
  maxStderrBytes?: number;
}

/** One open connection to a host, reused for all of that host's commands. */
export interface RemoteShell {
  /** Runs `command`; throws TransportError ('timeout', 'output-limit', 'protocol', 'interrupted') only when the transport broke. */
  run(command: string, options: RunOptions): Promise<CommandResult>;
  /** SHA256 fingerprint of the key sshd accepted for this login, when known. */
  readonly authenticatedKey?: string;
  /** Ends the connection; safe to call more than once. */
  close(): void;
}
