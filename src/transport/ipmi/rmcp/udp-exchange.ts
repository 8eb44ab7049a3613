// One BMC's UDP conversation: a connected socket, and request/reply exchanges each with its own
// deadline and a bounded number of resends. Every wait ends: by a reply the caller accepts, by a
// reply it classifies as an error, by the deadline, by the socket failing, or by the signal.
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { MAX_REPLY_BYTES } from './rmcp-packet.js';
import { rmcpFailure, type RmcpFailure, type RmcpResult } from './rmcp-failure.js';
import { UNREACHABLE_CODES } from '../../network-errors.js';

/** How patiently to ask: each send waits `packetTimeoutMs`, and an unanswered one is sent again `retries` times. */
export interface ExchangePolicy {
  packetTimeoutMs: number;
  retries: number;
  /** performance.now() past which no wait goes on, whatever resends are left; with the deadline's length for messages. */
  deadline?: { at: number; ms: number };
}

/** What the caller makes of one datagram: the answer, an error that ends the exchange, or a stale duplicate to ignore. */
export type ReplyVerdict<T> = RmcpResult<T> | { ok: 'stale' };

/** Sees every datagram both ways; the wire counts of tests are made with it. Never given to anything that logs. */
export type WireTap = (direction: 'sent' | 'received', datagram: Buffer) => void;

/** The one exchange in flight: what was sent, how an answer is judged, and how the wait ends. */
interface InFlight {
  datagram: Buffer;
  accept: (reply: Buffer) => ReplyVerdict<unknown>;
  what: string;
  policy: ExchangePolicy;
  signal: AbortSignal | undefined;
  resolve: (result: RmcpResult<unknown>) => void;
  sends: number;
  /** Whether the running wait was shortened to end at the deadline. */
  cutByDeadline: boolean;
}

/**
 * A connected UDP socket to one BMC, used for one exchange at a time. The exchange in flight is
 * state of the socket, not closures of its own, and one timer serves every wait: a BMC audit is
 * thousands of exchanges, and a timer made per wait cost Node more than the wait's own packet.
 */
export class UdpExchange {
  #socket: Socket;
  #inFlight: InFlight | undefined;
  #failed: RmcpFailure | undefined;
  #answered = false;
  #closed = false;
  /**
   * Fires `#resend` when the latest send's wait is over. Left armed when an answer comes first:
   * firing with nothing in flight does nothing, and the next send re-arms it. Unreferenced, since
   * the open socket already keeps the process alive while it waits.
   */
  #timer: NodeJS.Timeout | undefined;
  #timerMs = 0;
  readonly #resend = (): void => this.#send();
  readonly #cancel = (): void => {
    const f = this.#inFlight;
    if (f) this.#finish(rmcpFailure('interrupted', 'interrupted', `${f.what}: cancelled`));
  };

  private constructor(
    socket: Socket,
    readonly address: string,
    readonly port: number,
    private readonly tap: WireTap | undefined,
  ) {
    this.#socket = socket;
    socket.on('message', (datagram) => {
      this.#answered = true;
      this.tap?.('received', datagram);
      this.#onReply(datagram);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => this.#fail(socketFailure(error, address, port)));
  }

  /** Binds a socket and connects it to the BMC; a bad address or a local failure is a classified error. */
  static async connect(address: string, port: number, tap?: WireTap): Promise<RmcpResult<UdpExchange>> {
    const family = isIP(address);
    if (family === 0) return rmcpFailure('unreachable', 'socket', `${address} is not an IP address`);
    const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    return new Promise((resolve) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        socket.close();
        resolve(socketFailure(error, address, port));
      };
      socket.once('error', onError);
      socket.connect(port, address, () => {
        socket.off('error', onError);
        resolve({ ok: true, value: new UdpExchange(socket, address, port, tap) });
      });
    });
  }

  /** Whether the BMC has sent anything at all on this socket: tells a silent BMC from a stalled one. */
  get answered(): boolean {
    return this.#answered;
  }

  /**
   * Sends `datagram` and waits for a reply `accept` takes, resending an unanswered request at most
   * `policy.retries` times. A datagram longer than any reply may be is refused unread; one `accept`
   * calls stale is ignored (a late answer to an earlier resend) and the wait goes on.
   */
  request<T>(datagram: Buffer, accept: (reply: Buffer) => ReplyVerdict<T>, what: string, policy: ExchangePolicy, signal?: AbortSignal): Promise<RmcpResult<T>> {
    if (this.#closed) return Promise.resolve(rmcpFailure('protocol', 'socket', `${what}: the exchange is closed`));
    if (this.#failed) return Promise.resolve(this.#failed);
    if (signal?.aborted) return Promise.resolve(rmcpFailure('interrupted', 'interrupted', `${what}: cancelled`));
    // One socket, one exchange: a second would take the first one's answer.
    if (this.#inFlight) return Promise.resolve(rmcpFailure('protocol', 'socket', `${what}: asked while ${this.#inFlight.what} was waiting for its answer`));
    return new Promise((resolve) => {
      this.#inFlight = { datagram, accept, what, policy, signal, resolve: resolve as InFlight['resolve'], sends: 0, cutByDeadline: false };
      signal?.addEventListener('abort', this.#cancel, { once: true });
      this.#send();
    });
  }

  /** Sends the exchange in flight once more, or ends it: at its deadline, or when its resends are spent. */
  #send(): void {
    const f = this.#inFlight;
    if (!f) return;
    const left = f.policy.deadline ? f.policy.deadline.at - performance.now() : Number.POSITIVE_INFINITY;
    // A wait the deadline shortened ends at the deadline, even if the timer fired a hair early.
    if (left <= 0 || f.cutByDeadline) {
      this.#finish(rmcpFailure('timeout', 'deadline', `${f.what} was not answered before the deadline of ${f.policy.deadline!.ms} ms`));
      return;
    }
    if (f.sends > f.policy.retries) {
      // Like ipmitool, an unanswered request is 'unreachable' however many answers came before;
      // the message says when the BMC had answered and then stopped (it may be blocking us).
      const tries = `${f.sends} send(s), ${f.policy.packetTimeoutMs} ms each`;
      const before = this.#answered ? ' (it had answered before: it may be blocking this address)' : '';
      this.#finish(rmcpFailure('unreachable', 'no-answer', `no answer from the BMC to ${f.what} (${tries})${before}`));
      return;
    }
    f.sends++;
    this.tap?.('sent', f.datagram);
    this.#socket.send(f.datagram);
    f.cutByDeadline = left < f.policy.packetTimeoutMs;
    this.#armTimer(Math.min(f.policy.packetTimeoutMs, left));
  }

  /** Makes the timer fire `ms` from now, reusing it when the wait is as long as the last one. */
  #armTimer(ms: number): void {
    if (this.#timer && this.#timerMs === ms) {
      this.#timer.refresh();
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#resend, ms).unref();
    this.#timerMs = ms;
  }

  /** A datagram from the BMC, judged by the exchange in flight; one that arrives between exchanges is dropped. */
  #onReply(reply: Buffer): void {
    const f = this.#inFlight;
    if (!f) return;
    if (reply.length > MAX_REPLY_BYTES) return this.#finish(rmcpFailure('protocol', 'oversized', `${f.what}: a ${reply.length}-byte reply, more than the ${MAX_REPLY_BYTES} bytes any reply may have`));
    const verdict = f.accept(reply);
    if (verdict.ok === 'stale') return;
    this.#finish(verdict.ok ? verdict : { ...verdict, message: `${f.what}: ${verdict.message}` });
  }

  /** Ends the exchange in flight with `result`. */
  #finish(result: RmcpResult<unknown>): void {
    const f = this.#inFlight;
    if (!f) return;
    this.#inFlight = undefined;
    f.signal?.removeEventListener('abort', this.#cancel);
    f.resolve(result);
  }

  /** Closes the socket; the exchange in flight ends as closed. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#fail(rmcpFailure('protocol', 'socket', 'the exchange was closed'));
    if (this.#timer) clearTimeout(this.#timer);
    this.#socket.close();
  }

  #fail(failure: RmcpFailure): void {
    if (!this.#failed) this.#failed = failure;
    this.#finish(failure);
  }
}

/** A socket error as a failure: the address refused or unroutable is 'unreachable', anything else local. */
function socketFailure(error: NodeJS.ErrnoException, address: string, port: number): RmcpFailure {
  const words = error.code ? UNREACHABLE_CODES[error.code] : undefined;
  if (words) return rmcpFailure('unreachable', 'socket', `no answer from the BMC at ${address}:${port}: ${words}`);
  return rmcpFailure('tool', 'socket', `UDP socket to ${address}:${port} failed: ${error.code ?? error.message}`);
}
