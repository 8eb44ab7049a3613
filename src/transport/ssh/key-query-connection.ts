// One connection that asks a host's sshd, for one account, whether it would accept each of a
// few public keys, and never logs in: each key is offered without a signature through its own
// PublicKeyAgent; PK_OK makes ssh2 ask that agent for a signature, which it refuses. When every
// key has had its answer, the connection is closed before any authentication succeeds.
import type { Socket } from 'node:net';
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type ConnectConfig, type ParsedKey } from 'ssh2';
import { TransportError } from '../transport-error.js';
import { classifySshError, PHASE_WORDING, type SshPhase } from './classify-ssh-error.js';
import { PublicKeyAgent } from './public-key-agent.js';
import { recordedHostKey } from './recorded-host-key.js';
import { algorithmOffer } from './ssh-algorithms.js';
import { openTcpSocket } from './tcp-socket.js';
import { watchAbort } from '../watch-abort.js';

/** Where to ask: the host's sshd and the known_hosts that vouches for it. */
export interface KeyQueryTarget {
  /** Inventory name, for messages. */
  host: string;
  address: string;
  port: number;
  knownHosts: string;
  /** Deadline for the whole connection: TCP, banner, key exchange and every answer. */
  timeoutMs: number;
}

/** The server's answer to one offered key. */
export type KeyAnswer = 'accepted' | 'refused';

/** What one connection learnt: answers for the first `answers.length` keys, in order. */
export interface KeyQueryResult {
  answers: KeyAnswer[];
  /** The scanner's address as the host saw it (the socket's local address). */
  sourceAddress?: string;
  /** The connection's local port: sshd's log names it, so its lines about this connection can be found. */
  sourcePort?: number;
  /** The server's software from its SSH banner (`OpenSSH_9.2p1`), once the banner arrived. */
  serverSoftware?: string;
  /** How far the connection got when it ended early. */
  phase: SshPhase;
  /** Set when the connection ended before every key had its answer. */
  ended?: TransportError;
}

const noop = (): void => {};

function label(target: KeyQueryTarget, user: string): string {
  const address = target.address.includes(':') ? `[${target.address}]` : target.address;
  return `${target.host} (key query for ${user}@${address}:${target.port})`;
}

/**
 * Offers `keys` (public halves only) for `user` over one connection; never rejects. A server
 * that closes the connection before its banner is most likely refusing this source address
 * (OpenSSH ≥ 9.8 PerSourcePenalties): that is `ended`, never a refusal of the keys.
 */
export async function queryKeys(target: KeyQueryTarget, user: string, keys: readonly ParsedKey[], signal?: AbortSignal): Promise<KeyQueryResult> {
  const name = label(target, user);
  if (signal?.aborted) return { answers: [], phase: 'tcp', ended: new TransportError('interrupted', `${name}: interrupted`) };
  for (const key of keys) if (key.isPrivateKey()) throw new Error('queryKeys offers public keys only');
  let trust;
  try {
    trust = await recordedHostKey(target.knownHosts, target.address, target.port, name);
  } catch (error) {
    return { answers: [], phase: 'tcp', ended: error instanceof TransportError ? error : new TransportError('host-key-unknown', `${name}: ${String(error)}`) };
  }
  const hostKey = trust;

  return new Promise<KeyQueryResult>((resolve) => {
    const client = new ssh2.Client();
    const socket: Socket = openTcpSocket(target.address, target.port);
    const agents = keys.map((key) => new PublicKeyAgent(key));
    const answers: KeyAnswer[] = [];
    let phase: SshPhase = 'tcp';
    let sourceAddress: string | undefined;
    let sourcePort: number | undefined;
    let serverSoftware: string | undefined;
    let next = 0;
    let settled = false;
    let unwatch = noop;

    const finish = (ended?: TransportError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unwatch();
      client.removeAllListeners();
      // Teardown can still make ssh2 emit; nobody is listening for it any more.
      client.on('error', noop);
      client.end();
      socket.destroy();
      resolve({
        answers,
        phase,
        ...(sourceAddress === undefined ? {} : { sourceAddress }),
        ...(sourcePort === undefined ? {} : { sourcePort }),
        ...(serverSoftware === undefined ? {} : { serverSoftware }),
        ...(ended ? { ended } : {}),
      });
    };
    const timer = setTimeout(() => {
      const what = phase === 'banner' ? 'connected, but no SSH banner arrived' : `${PHASE_WORDING[phase]} did not complete`;
      finish(new TransportError('timeout', `${name}: ${what} within ${target.timeoutMs} ms (${answers.length} of ${keys.length} key(s) answered)`));
    }, target.timeoutMs);
    if (signal) unwatch = watchAbort(signal, () => finish(new TransportError('interrupted', `${name}: interrupted`)));

    // ssh2 calls the handler once before the first method and again after each one concluded:
    // a key's method concludes with a refusal, or with PK_OK and our refused signature.
    const handler: AuthHandlerMiddleware = (methodsLeft, _partial, callback) => {
      const done = callback as (method: AnyAuthMethod | false) => void;
      if (next > 0 && answers.length < next) answers.push(agents[next - 1]!.accepted ? 'accepted' : 'refused');
      if (Array.isArray(methodsLeft) && !methodsLeft.includes('publickey')) {
        // sshd no longer lists publickey for this account: it accepts no key at all.
        while (answers.length < agents.length) answers.push('refused');
        next = agents.length;
      }
      if (next < agents.length) {
        done({ type: 'agent', username: user, agent: agents[next++]! });
        return;
      }
      done(false);
    };

    socket.once('connect', () => {
      sourceAddress = socket.localAddress;
      sourcePort = socket.localPort;
      if (phase === 'tcp') phase = 'banner';
    });
    client.once('handshake', () => {
      phase = 'auth';
      // ssh2 keeps the banner's software version in an internal field (pinned by the lab test).
      const software = (client as unknown as { _remoteVer?: unknown })._remoteVer;
      if (typeof software === 'string') serverSoftware = software.slice(0, 80);
    });
    client.on('error', (error: Error & { level?: string }) => {
      // Our own refusal to sign after PK_OK: ssh2 goes on with the next key.
      if (error.level === 'agent') return;
      if (error.level === 'client-authentication' && /all configured authentication methods failed/i.test(error.message)) {
        if (answers.length === agents.length) return finish();
      }
      const failure = hostKey.failure();
      if (failure) return finish(failure);
      // ssh2's word for a peer that closed before the key exchange finished.
      if (phase !== 'auth' && /connection lost before handshake/i.test(error.message)) return finish(closedEarly());
      finish(classifySshError(error, name, phase));
    });
    const closedEarly = (): TransportError => {
      const why =
        phase === 'tcp' || phase === 'banner'
          ? 'the host closed the connection before its SSH banner (OpenSSH 9.8 and later refuse a penalised source address this way: PerSourcePenalties)'
          : `the host closed the connection during ${PHASE_WORDING[phase]}`;
      return new TransportError('protocol', `${name}: ${why}; ${answers.length} of ${keys.length} key(s) answered`);
    };
    client.on('close', () => {
      if (answers.length === agents.length) return finish();
      finish(hostKey.failure() ?? closedEarly());
    });
    client.once('ready', () => {
      // Never expected: no signature was sent. A server that lets the probe in proves nothing about keys.
      finish(new TransportError('protocol', `${name}: the server completed a login without any signature; nothing about keys can be read from it`));
    });

    const config: ConnectConfig = {
      sock: socket,
      username: user,
      readyTimeout: target.timeoutMs + 1_000,
      keepaliveInterval: 0,
      algorithms: algorithmOffer(hostKey.serverHostKey),
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        phase = 'kex';
        hostKey.verify(key, verify);
      },
      authHandler: handler,
    };
    try {
      client.connect(config);
    } catch (error) {
      finish(classifySshError(error, name, phase));
      return;
    }
    // ssh2 has paused the socket; this extra listener only observes the first bytes (the banner).
    socket.once('data', () => {
      if (phase === 'banner') phase = 'kex';
    });
  });
}
