// Opening one verified, authenticated SSH connection per host, and the RemoteShell that runs
// that host's commands over it. Every wait has a deadline; the host key is checked against
// known_hosts inside the handshake and is never accepted silently.
import type { Socket } from 'node:net';
import ssh2, { type Client, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import { TransportError } from '../transport-error.js';
import { classifySshError, PHASE_WORDING, type SshPhase } from './classify-ssh-error.js';
import { execCommand, type RunningCommand } from './exec-command.js';
import { checkHostKey, recordedKeyTypes } from './host-key-check.js';
import { hostKeyRefusal } from './host-key-refusal.js';
import {
  appendKnownHostsLine,
  entriesForHost,
  formatKnownHostsLine,
  knownHostsName,
  readKnownHostsFile,
  type KnownHostsEntry,
  type KnownHostsFile,
} from './known-hosts.js';
import type { CommandResult, RemoteShell, RunOptions } from './remote-shell.js';
import { algorithmOffer, DEFAULT_HOST_KEY_ALGORITHMS, hostKeyAlgorithmsForKeyTypes } from './ssh-algorithms.js';
import { planAuthentication, type AuthPlan } from './ssh-auth.js';
import { describeEndpoint, type SshEndpoint } from './ssh-endpoint.js';
import { openTcpSocket } from './tcp-socket.js';
import { watchAbort } from '../watch-abort.js';

export type { CommandResult, RemoteShell, RunOptions } from './remote-shell.js';
export type { SshEndpoint } from './ssh-endpoint.js';

const noop = (): void => {};

/**
 * Connects, verifies the host key, authenticates, and returns the host's RemoteShell.
 * Rejects with a TransportError: 'unreachable', 'timeout', 'auth', 'host-key-unknown',
 * 'host-key-mismatch', 'protocol' or 'interrupted'.
 */
export async function openSsh(endpoint: SshEndpoint, options: { signal?: AbortSignal } = {}): Promise<RemoteShell> {
  const label = describeEndpoint(endpoint);
  const { signal } = options;
  if (signal?.aborted) throw interrupted(label);
  const knownHosts = await readKnownHosts(endpoint, label);
  const auth = await planAuthentication(endpoint, label);
  if (signal?.aborted) throw interrupted(label);

  const hostName = knownHostsName(endpoint.address, endpoint.port);
  const recorded = entriesForHost(knownHosts, hostName);
  const recordedTypes = recordedKeyTypes(recorded);
  // Like OpenSSH, ask a known host for the key type we hold, so the comparison is meaningful.
  let serverHostKey = DEFAULT_HOST_KEY_ALGORITHMS;
  if (recordedTypes.length > 0) {
    serverHostKey = hostKeyAlgorithmsForKeyTypes(recordedTypes);
    if (serverHostKey.length === 0) {
      throw new TransportError(
        'host-key-unknown',
        `${label}: ${endpoint.knownHosts} records ${hostName} only with key types this client cannot verify (${recordedTypes.join(', ')})`,
      );
    }
  }
  return connect({ endpoint, label, signal, knownHosts, recorded, recordedTypes, hostName, serverHostKey, auth });
}

async function readKnownHosts(endpoint: SshEndpoint, label: string): Promise<KnownHostsFile> {
  try {
    return await readKnownHostsFile(endpoint.knownHosts);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new TransportError('host-key-unknown', `${label}: cannot read known_hosts ${endpoint.knownHosts} (${code})`, { cause: error });
  }
}

function interrupted(label: string): TransportError {
  return new TransportError('interrupted', `${label}: interrupted`);
}

interface ConnectContext {
  endpoint: SshEndpoint;
  label: string;
  signal: AbortSignal | undefined;
  knownHosts: KnownHostsFile;
  recorded: KnownHostsEntry[];
  recordedTypes: string[];
  hostName: string;
  serverHostKey: ServerHostKeyAlgorithm[];
  auth: AuthPlan;
}

function connect(ctx: ConnectContext): Promise<RemoteShell> {
  const { endpoint, label, signal, hostName, auth } = ctx;
  const path = endpoint.knownHosts;
  const timeoutMs = endpoint.connectTimeoutMs;

  return new Promise<RemoteShell>((resolve, reject) => {
    const client = new ssh2.Client();
    const socket = openTcpSocket(endpoint.address, endpoint.port);
    let phase: SshPhase = 'tcp';
    let settled = false;
    let hostKeyFailure: TransportError | undefined;
    let lineToRecord: string | undefined;
    // Settles to undefined or to the write error: never rejects, so a failed write before
    // 'ready' cannot become an unhandled rejection.
    let recording: Promise<unknown> | undefined;

    const onTimeout = (): void => {
      const what = phase === 'banner' ? 'connected, but no SSH banner arrived' : `${PHASE_WORDING[phase]} did not complete`;
      fail(new TransportError('timeout', `${label}: ${what} within ${timeoutMs} ms`));
    };
    const timer = setTimeout(onTimeout, timeoutMs);
    let unwatchAbort = noop;

    const onConnected = (): void => {
      if (phase === 'tcp') phase = 'banner';
    };
    const onFirstBytes = (): void => {
      if (phase === 'banner') phase = 'kex';
    };
    const onError = (error: Error & { level?: string }): void => {
      if (hostKeyFailure) return fail(hostKeyFailure);
      const level = error.level;
      const allFailed = level === 'client-authentication' && /all configured authentication methods failed/i.test(error.message);
      if (level === 'agent' || (level === 'client-authentication' && !allFailed)) {
        // ssh2 goes on with the next method; keep the reason for the refusal message.
        auth.note(`${level}: ${error.message}`);
        return;
      }
      if (allFailed) return fail(auth.refusal(label));
      if (level === 'handshake' && /no matching host key/i.test(error.message) && ctx.recordedTypes.length > 0) {
        const first = ctx.recorded.find((e) => e.marker === undefined);
        return fail(
          new TransportError(
            'host-key-mismatch',
            `${label}: host offers none of the recorded host key types (${ctx.recordedTypes.join(', ')}) ` +
              `for ${hostName}, recorded at ${path}:${first?.line ?? '?'}`,
            { cause: error },
          ),
        );
      }
      fail(classifySshError(error, label, phase));
    };
    const onClose = (): void => {
      fail(hostKeyFailure ?? new TransportError('protocol', `${label}: connection closed by the peer during ${PHASE_WORDING[phase]}`));
    };
    const onHandshake = (): void => {
      phase = 'auth';
      // Recorded only now, after the peer proved it holds the private key of what it presented.
      if (lineToRecord !== undefined) {
        recording = appendKnownHostsLine(path, lineToRecord, ctx.knownHosts.needsNewline).then(
          () => undefined,
          (error: unknown) => error ?? new Error('write failed'),
        );
      }
    };
    const onReady = (): void => {
      if (!recording) return succeed();
      void recording.then((error) => {
        if (error === undefined) return succeed();
        const code = (error as NodeJS.ErrnoException).code ?? 'write error';
        fail(new TransportError('host-key-unknown', `${label}: could not record the new host key in ${path} (${code})`, { cause: error }));
      });
    };

    let verifiedKey: Buffer | undefined;
    const hostVerifier = (key: Buffer, verify: (valid: boolean) => void): void => {
      // A later key exchange (re-key) must present the very key verified the first time.
      if (verifiedKey) return verify(key.equals(verifiedKey));
      phase = 'kex';
      const pass = (): void => {
        verifiedKey = Buffer.from(key);
        verify(true);
      };
      const verdict = checkHostKey(ctx.recorded, key);
      if (verdict.kind === 'match') return pass();
      if (verdict.kind === 'unknown' && endpoint.acceptNewHostKeys) {
        lineToRecord = formatKnownHostsLine(hostName, key);
        return pass();
      }
      hostKeyFailure = hostKeyRefusal(verdict, key, { label, hostName, path, missing: ctx.knownHosts.missing });
      verify(false);
    };

    function detach(): void {
      clearTimeout(timer);
      unwatchAbort();
      socket.removeListener('connect', onConnected);
      socket.removeListener('data', onFirstBytes);
      client.removeListener('error', onError);
      client.removeListener('close', onClose);
      client.removeListener('handshake', onHandshake);
      client.removeListener('ready', onReady);
    }
    function fail(error: TransportError): void {
      if (settled) return;
      settled = true;
      detach();
      // Teardown can still make ssh2 emit; nobody is listening for it any more.
      client.on('error', noop);
      socket.destroy();
      reject(error);
    }
    function succeed(): void {
      if (settled) return;
      settled = true;
      // The shell attaches its own listeners before ours go, so no error goes unheard.
      const shell = new SshShell(client, socket, label, signal, auth.acceptedKey());
      detach();
      resolve(shell);
    }

    if (signal) unwatchAbort = watchAbort(signal, () => fail(interrupted(label)));
    if (settled) return;
    socket.once('connect', onConnected);
    client.on('error', onError);
    client.on('close', onClose);
    client.once('handshake', onHandshake);
    client.once('ready', onReady);
    const config: ConnectConfig = {
      sock: socket,
      username: endpoint.user,
      readyTimeout: timeoutMs,
      keepaliveInterval: 0,
      algorithms: algorithmOffer(ctx.serverHostKey),
      hostVerifier,
      authHandler: auth.handler,
    };
    try {
      client.connect(config);
    } catch (error) {
      fail(classifySshError(error, label, phase));
      return;
    }
    // ssh2 has paused the socket; this extra listener only observes the first bytes (the banner).
    socket.once('data', onFirstBytes);
  });
}

/** The RemoteShell over one ssh2 connection; the first fatal error ends it for good. */
class SshShell implements RemoteShell {
  readonly #client: Client;
  readonly #socket: Socket;
  readonly #label: string;
  #unwatchAbort: () => void = noop;
  readonly #inFlight = new Set<RunningCommand>();
  #failure: TransportError | undefined;
  readonly authenticatedKey: string | undefined;

  constructor(client: Client, socket: Socket, label: string, signal: AbortSignal | undefined, authenticatedKey: string | undefined) {
    this.authenticatedKey = authenticatedKey;
    this.#client = client;
    this.#socket = socket;
    this.#label = label;
    client.on('error', this.#onError);
    client.on('close', this.#onClose);
    if (signal) this.#unwatchAbort = watchAbort(signal, this.#onAbort);
  }

  readonly #onError = (error: unknown): void => this.#terminate(classifySshError(error, this.#label, 'session'));
  readonly #onClose = (): void => this.#terminate(new TransportError('protocol', `${this.#label}: connection closed by the peer`));
  readonly #onAbort = (): void => this.#terminate(interrupted(this.#label));

  async run(command: string, options: RunOptions): Promise<CommandResult> {
    const failure = this.#failure;
    if (failure) throw new TransportError(failure.reason, `${failure.message} (command not run)`, { cause: failure });
    const running = execCommand(this.#client, command, options, this.#label);
    this.#inFlight.add(running);
    try {
      return await running.result;
    } catch (error) {
      // A command past its deadline may be wedged in the peer: give up on the whole connection.
      if (error instanceof TransportError && error.reason === 'timeout') this.#terminate(error);
      throw error;
    } finally {
      this.#inFlight.delete(running);
    }
  }

  close(): void {
    this.#terminate(new TransportError('protocol', `${this.#label}: connection already closed`));
  }

  #terminate(error: TransportError): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#unwatchAbort();
    for (const running of this.#inFlight) running.abort(error);
    this.#inFlight.clear();
    this.#client.end();
    this.#socket.destroy();
  }
}
