// One remote command on an open ssh2 connection: exec, feed stdin, collect capped output,
// and settle exactly once on exit, deadline, output limit, or a broken connection. Messages
// never quote the command: a caller may have put something sensitive in it.
import type { Client, ClientChannel } from 'ssh2';
import { TransportError } from '../transport-error.js';
import { printableText } from '../../text/sanitize.js';
import type { CommandResult, RunOptions } from './remote-shell.js';

/** stderr kept per command when the caller sets no cap. */
export const DEFAULT_MAX_STDERR_BYTES = 64 * 1024;

/** A command in flight: its result, and a way for the connection to fail it from outside. */
export interface RunningCommand {
  result: Promise<CommandResult>;
  /** Settles the command with `error` (connection lost, run interrupted); no-op once settled. */
  abort(error: TransportError): void;
}

const noop = (): void => {};

/**
 * Starts `command` on `client`. The deadline covers opening the channel too. On any failure
 * the collected output is dropped at once and the channel is closed and paused, so a peer
 * that keeps sending fills at most ssh2's channel window, never our memory.
 */
export function execCommand(client: Client, command: string, options: RunOptions, label: string): RunningCommand {
  const startedAt = performance.now();
  const maxStdout = options.maxStdoutBytes;
  const maxStderr = options.maxStderrBytes ?? DEFAULT_MAX_STDERR_BYTES;
  // One buffer, grown by doubling up to the cap: a large output is held once (not as packets and
  // then again as their concatenation), and the packets ssh2 hands over are free as soon as copied.
  let stdoutBuffer = Buffer.alloc(0);
  let stdoutBytes = 0;
  let stderrChunks: Buffer[] = [];
  let stderrBytes = 0;
  let stderrTruncated = false;
  let exitCode: number | null = null;
  let exitSignal: string | null = null;
  let sawExit = false;
  let channel: ClientChannel | undefined;
  let settled = false;
  let resolveResult!: (result: CommandResult) => void;
  let rejectResult!: (error: TransportError) => void;
  const result = new Promise<CommandResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });

  const onStdout = (chunk: Buffer): void => {
    if (settled) return;
    if (stdoutBytes + chunk.length > maxStdout) {
      fail(new TransportError('output-limit', `${label}: command stdout exceeded ${maxStdout} bytes`));
      return;
    }
    if (stdoutBytes + chunk.length > stdoutBuffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(maxStdout, Math.max(64 * 1024, 2 * (stdoutBytes + chunk.length))));
      stdoutBuffer.copy(grown, 0, 0, stdoutBytes);
      stdoutBuffer = grown;
    }
    chunk.copy(stdoutBuffer, stdoutBytes);
    stdoutBytes += chunk.length;
  };
  const onStderr = (chunk: Buffer): void => {
    if (settled) return;
    const room = maxStderr - stderrBytes;
    if (chunk.length > room) {
      stderrTruncated = true;
      // Copy the kept part so the dropped rest of the packet can be freed.
      if (room > 0) stderrChunks.push(Buffer.from(chunk.subarray(0, room)));
      stderrBytes = maxStderr;
      return;
    }
    stderrChunks.push(chunk);
    stderrBytes += chunk.length;
  };
  const onExit = (code: unknown, signalName?: unknown): void => {
    sawExit = true;
    if (typeof code === 'number') exitCode = code;
    else exitSignal = typeof signalName === 'string' && /^SIG[A-Z0-9]{1,16}$/.test(signalName) ? signalName : 'SIGUNKNOWN';
  };
  const onClose = (): void => {
    if (settled) return;
    if (!sawExit) {
      fail(new TransportError('protocol', `${label}: channel closed before the command reported an exit status`));
      return;
    }
    settled = true;
    const stdout = stdoutBuffer.subarray(0, stdoutBytes);
    const stderr = Buffer.concat(stderrChunks, stderrBytes).toString('utf8');
    release();
    const done: CommandResult = { stdout, stderr, exitCode, signal: exitSignal, durationMs: Math.round(performance.now() - startedAt) };
    if (stderrTruncated) done.stderrTruncated = true;
    resolveResult(done);
  };
  const onChannelError = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    fail(new TransportError('protocol', `${label}: channel error: ${printableText(message)}`, { cause: error }));
  };

  const timer = setTimeout(() => {
    fail(new TransportError('timeout', `${label}: command did not finish within ${options.timeoutMs} ms`));
  }, options.timeoutMs);

  function release(): void {
    clearTimeout(timer);
    stdoutBuffer = Buffer.alloc(0);
    stderrChunks = [];
    if (!channel) return;
    channel.removeListener('data', onStdout);
    channel.stderr.removeListener('data', onStderr);
    channel.removeListener('exit', onExit);
    channel.removeListener('close', onClose);
    channel.removeListener('error', onChannelError);
    // Late errors from a channel we no longer watch must not become uncaught exceptions.
    channel.on('error', noop);
    channel.stderr.on('error', noop);
  }

  function fail(error: TransportError): void {
    if (settled) return;
    settled = true;
    release();
    if (channel) {
      // Paused, the channel stops granting window: whatever the peer still sends is bounded.
      channel.pause();
      channel.stderr.pause();
      channel.close();
    }
    rejectResult(error);
  }

  try {
    client.exec(command, (error, opened) => {
      if (error) {
        fail(new TransportError('protocol', `${label}: could not start a session channel: ${printableText(error.message)}`, { cause: error }));
        return;
      }
      if (settled) {
        // The deadline passed (or the run was aborted) while the channel was opening.
        opened.on('error', noop);
        opened.close();
        return;
      }
      channel = opened;
      opened.on('data', onStdout);
      opened.stderr.on('data', onStderr);
      opened.on('exit', onExit);
      opened.on('close', onClose);
      opened.on('error', onChannelError);
      opened.stderr.on('error', onChannelError);
      // End stdin either way, so a command that reads it sees EOF instead of waiting forever.
      if (options.stdin !== undefined) opened.end(options.stdin);
      else opened.end();
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    fail(new TransportError('protocol', `${label}: connection not usable: ${printableText(message)}`, { cause: error }));
  }

  return { result, abort: fail };
}
