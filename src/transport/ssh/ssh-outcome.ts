// SSH answers in the shape IPMI and Redfish answer in: a result or a classified failure. The
// connection code throws TransportError internally; this is where that stops, at the boundary.
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import { TransportError } from '../transport-error.js';
import type { CommandResult, openSsh, RemoteShell, RunOptions, SshEndpoint } from './ssh-connection.js';

/** What an SSH step produced: its value, or why the transport could not deliver it. */
export type SshOutcome<T> = { ok: true; value: T } | { ok: false; reason: TransportFailureReason; message: string };

/** Only a TransportError is the peer's (or the network's) failure; anything else is a bug and still throws. */
async function outcomeOf<T>(work: () => Promise<T>): Promise<SshOutcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof TransportError) return { ok: false, reason: err.reason, message: err.message };
    throw err;
  }
}

/** Connects with `open` (the real openSsh or a test's), as an outcome. */
export function openSshOutcome(open: typeof openSsh, endpoint: SshEndpoint, options: { signal?: AbortSignal }): Promise<SshOutcome<RemoteShell>> {
  return outcomeOf(() => open(endpoint, options));
}

/** Runs one command on an open shell, as an outcome; a non-zero exit is a result, not a failure. */
export function runSshOutcome(shell: RemoteShell, command: string, options: RunOptions): Promise<SshOutcome<CommandResult>> {
  return outcomeOf(() => shell.run(command, options));
}
