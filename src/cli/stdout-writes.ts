// Writes to standard output that can fail: a full disk, /dev/full, a reader that closed the pipe.
// A report that did not arrive whole must never look like one that did (exit 0, nothing said).
import { ExitCode } from './exit-codes.js';
import { CliError } from './usage-error.js';

/**
 * What a failed write becomes. EPIPE, the reader closing the pipe (`fleetcheck | head`), is what
 * Unix tools die of by SIGPIPE: a quiet exit 141 (128 + 13), the code a shell reports for them, so
 * that `set -o pipefail` still sees the report was not read whole. Any other failure (ENOSPC, EIO,
 * EBADF) is exit 78 with the reason on stderr.
 */
export function stdoutWriteError(err: unknown, what: string): CliError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  if (code === 'EPIPE') return new CliError(ExitCode.BrokenPipe, '');
  const reason = err instanceof Error && err.message.includes(code) ? err.message.replace(/[\r\n]+/g, ' ') : code;
  return new CliError(ExitCode.Config, `cannot write ${what} to standard output (${reason}); it did not arrive whole`);
}

/** Writes all of `text` and resolves once the system took it; rejects with stdoutWriteError. */
export function writeWhole(stream: NodeJS.WritableStream, text: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error | null): void => {
      if (settled) return;
      settled = true;
      stream.off('error', finish);
      if (err) reject(stdoutWriteError(err, what));
      else resolve();
    };
    stream.on('error', finish);
    try {
      stream.write(text, finish);
    } catch (err) {
      finish(err as Error);
    }
  });
}

/**
 * Watches standard output for the whole run, so that output written by any command (`list`,
 * `checks`, `secrets list`) is checked too: `failure()` is the first write error seen, after
 * `flush()` waited for everything written before it.
 */
export function guardStdout(stream: NodeJS.WritableStream): { flush(): Promise<void>; failure(): CliError | undefined } {
  let first: CliError | undefined;
  // A listener for good: an error with none would be thrown as an uncaught exception.
  stream.on('error', (err: unknown) => {
    first ??= stdoutWriteError(err, 'the output');
  });
  return {
    flush: () =>
      writeWhole(stream, '', 'the output').catch((err: unknown) => {
        if (err instanceof CliError) first ??= err;
      }),
    failure: () => first,
  };
}
