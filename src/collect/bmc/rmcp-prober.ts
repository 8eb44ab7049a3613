// The native prober over one RMCP+ connection: one handshake per user name, whose RAKP 2 code
// then answers every candidate password for that name in memory. A BMC that proves silent is
// asked nothing more, and a BMC that stops answering mid-run says so.
import type { BmcSettings } from '../../inventory/types.js';
import type { BmcPrivilege } from '../../model/bmc-privilege.js';
import type { Secret } from '../../model/secret.js';
import type { AuthCapabilities } from '../../transport/ipmi/rmcp/auth-capabilities.js';
import { cipherSuite, SUITE_0, type CipherSuite } from '../../transport/ipmi/rmcp/cipher-suite.js';
import { RmcpConnection } from '../../transport/ipmi/rmcp/rmcp-connection.js';
import type { RmcpFailure, RmcpResult } from '../../transport/ipmi/rmcp/rmcp-failure.js';
import { beginHandshake, type HandshakeStart, type RakpChallenge, type RmcpSession } from '../../transport/ipmi/rmcp/rmcp-handshake.js';
import { readUserTable, type UserTableRead } from '../../transport/ipmi/rmcp/read-user-table.js';
import { rakpStatusReason, SUITE_REFUSALS } from '../../transport/ipmi/rmcp/rmcp-status.js';
import { PACKET_TIMEOUT_SECONDS } from '../../model/ipmi-session-timing.js';
import { BMC_SILENT } from '../../facts/failure-reason.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';
import type { CipherZeroOutcome, HandshakeCounts, NativeProber, UserTableProof } from './native-prober.js';
import { canLogInOverLan } from './user-row.js';

type Failed = ProbeOutcome & { ok: false };

const asOutcome = (f: RmcpFailure): Failed => ({ ok: false, reason: f.reason, message: f.message, sessionOpened: false });
/** A failure no session preceded, as a probe outcome. */
const failed = (reason: Failed['reason'], message: string): Failed => ({ ok: false, reason, message, sessionOpened: false });

/** A name's one handshake: how it started, and whether a session has been opened through it. */
interface NameHandshake {
  /** The role RAKP 1 asked for: the BMC's answer proves the password at this privilege and below. */
  privilege: BmcPrivilege;
  start: { ok: true; value: HandshakeStart } | Failed;
  opened: boolean;
  /** The handshake's one deadline (inventory `bmc.timeout`), from Open Session to Close Session. */
  deadline: { at: number; ms: number };
}

/** What work in an open session may ask: reads, and raising the session to the handshake's privilege. */
type SessionReads = Pick<RmcpSession, 'request' | 'raisePrivilege'>;
/** Work done in a session a confirmed password opened, before it is closed. */
type SessionWork = (session: SessionReads) => Promise<RmcpResult<UserTableRead>>;

/** IPMI's privilege order: a handshake at one level proves nothing about a higher one. */
const PRIVILEGE_RANK: Readonly<Record<BmcPrivilege, number>> = { user: 2, operator: 3, administrator: 4 };

/** The native prober for one BMC; open it with `RmcpProber.open`. */
export class RmcpProber implements NativeProber {
  #names = new Map<string, Promise<NameHandshake>>();
  #caps: Promise<Awaited<ReturnType<NativeProber['authCapabilities']>>> | undefined;
  #silent: Failed | undefined;
  #foreign = 0;
  #finished = false;

  private constructor(
    private readonly connection: RmcpConnection | undefined,
    private readonly bmc: BmcSettings,
    private readonly suite: CipherSuite | undefined,
    opening: Failed | undefined,
  ) {
    this.#silent = opening;
  }

  /** Opens the socket for `bmc`; a socket that cannot open makes every probe that failure. */
  static async open(bmc: BmcSettings, signal?: AbortSignal, tap?: (direction: 'sent' | 'received', d: Buffer) => void): Promise<RmcpProber> {
    const suite = cipherSuite(bmc.cipherSuite);
    const policy = { packetTimeoutMs: PACKET_TIMEOUT_SECONDS * 1000, retries: bmc.retries };
    const connection = await RmcpConnection.open({ address: bmc.address, port: bmc.port, policy, ...(tap ? { tap } : {}) }, signal);
    return connection.ok ? new RmcpProber(connection.value, bmc, suite, undefined) : new RmcpProber(undefined, bmc, suite, asOutcome(connection));
  }

  authCapabilities(): ReturnType<NativeProber['authCapabilities']> {
    this.#caps ??= (async () => {
      if (this.#silent || !this.connection) return this.#silent!;
      const caps = await this.connection.authCapabilities(this.bmc.channel);
      if (!caps.ok) return this.#noteFailure(caps);
      return { ok: true as const, value: caps.value satisfies AuthCapabilities };
    })();
    return this.#caps;
  }

  async prove(user: string, privilege: BmcPrivilege, password: Secret): Promise<ProbeOutcome> {
    return (await this.#proveThen(user, privilege, password)).login;
  }

  readUsers(user: string, privilege: BmcPrivilege, password: Secret, channel: number): Promise<UserTableProof> {
    return this.#proveThen(user, privilege, password, async (session) => {
      const raised = await session.raisePrivilege(privilege);
      return raised.ok ? readUserTable(session, channel, canLogInOverLan) : raised;
    });
  }

  /** The name's handshake judged against `password`; a confirmed one is completed, `work` run in its session, and the session closed. */
  async #proveThen(user: string, privilege: BmcPrivilege, password: Secret, work?: SessionWork): Promise<UserTableProof> {
    const handshake = await this.#handshakeFor(user, privilege);
    const start = handshake.start;
    if (!start.ok) return { login: start };
    const step = start.value;
    if (step.step === 'suite-refused') return { login: failed('protocol', `${step.message}: the inventory pins this suite and nothing falls back to a weaker one`) };
    if (step.step === 'rakp2-refused') return { login: failed(rakpStatusReason(step.status), step.message) };
    const challenge = step.challenge;
    const verdict = challenge.judge(password);
    // Not the BMC's refusal: IPMI carries at most 20 bytes of password, so this one was never put to it.
    if (verdict === 'too-long') return { login: failed('protocol', 'the password is longer than the 20 bytes IPMI carries: no BMC can hold it, so nothing was proven') };
    if (verdict !== 'confirmed') return { login: failed('auth', "the BMC's RAKP 2 code refutes this password (no login was tried)") };
    if (handshake.opened) {
      // The name's one session has been had; another handshake would be a second login for one proof.
      return work ? { login: { ok: true }, table: { ...failed('protocol', `the session of ${user} was already closed before the user table was asked for`), sessionOpened: true } } : { login: { ok: true } };
    }
    if (challenge.state !== 'open') return { login: failed('protocol', 'the handshake for this name already ended') };
    return this.#complete(handshake, challenge, password, work);
  }

  async cipherZero(users: readonly string[]): Promise<CipherZeroOutcome> {
    const attempts: CipherZeroOutcome['attempts'] = [];
    if (this.#silent || !this.connection) return { openSession: { accepted: false, refusal: this.#silent! }, attempts };
    let accepted = false;
    const connection = this.connection;
    for (const user of users) {
      const deadline = this.#deadline();
      const started = await connection.within(deadline, () => beginHandshake(connection, { user, privilege: 'user', suite: SUITE_0 }));
      if (!started.ok) return this.#zeroFailure(started, accepted, attempts);
      const step = started.value;
      if (step.step === 'suite-refused') {
        const refusal: Failed = failed(SUITE_REFUSALS.has(step.status) ? 'auth' : 'protocol', step.message);
        return { openSession: { accepted: false, refusal }, attempts };
      }
      accepted = true;
      if (step.step === 'rakp2-refused') {
        attempts.push({ user, outcome: failed(rakpStatusReason(step.status), step.message) });
        if (rakpStatusReason(step.status) === 'unknown-user') continue;
        break;
      }
      // Suite 0 checks no password: finishing the handshake is the only proof, and costs the BMC no failure.
      const challenge = step.challenge;
      const session = await connection.within(deadline, () => challenge.completeUnauthenticated());
      if (!session.ok) {
        attempts.push({ user, outcome: session.kind === 'refused' ? failed('auth', session.message) : this.#noteFailure(session) });
        break;
      }
      const closed = await connection.within(deadline, () => session.value.close());
      attempts.push({ user, outcome: { ok: true } });
      if (!closed.ok) this.#noteFailure(closed);
      break;
    }
    return { openSession: accepted ? { accepted: true } : { accepted: false, refusal: failed('protocol', 'no user name to propose cipher suite 0 with') }, attempts };
  }

  finish(): HandshakeCounts {
    if (!this.#finished) {
      this.#finished = true;
      this.connection?.close();
    }
    const counts = this.connection?.ledger.counts ?? { begun: 0, finished: 0 };
    return { begun: counts.begun + this.#foreign, finished: counts.finished, unfinished: counts.begun + this.#foreign - counts.finished };
  }

  silence(): Failed | undefined {
    return this.#silent;
  }

  noteForeignUnfinished(): void {
    this.#foreign++;
  }

  /**
   * The name's one handshake. One begun at a lower role than now asked for is not reused: a BMC
   * refuses a role the account lacks at RAKP 2, so only a handshake at the asked role proves it.
   */
  async #handshakeFor(user: string, privilege: BmcPrivilege): Promise<NameHandshake> {
    let pending = this.#names.get(user);
    if (pending && PRIVILEGE_RANK[(await pending).privilege] < PRIVILEGE_RANK[privilege]) pending = undefined;
    if (!pending) {
      pending = (async (): Promise<NameHandshake> => {
        const deadline = this.#deadline();
        if (this.#silent || !this.connection) return { privilege, start: this.#silent!, opened: false, deadline };
        if (!this.suite?.rakpDigest) {
          return { privilege, start: failed('protocol', `cipher suite ${this.bmc.cipherSuite} is not one the native prober speaks (3, 17); fleetcheck never falls back to another suite`), opened: false, deadline };
        }
        const connection = this.connection;
        const suite = this.suite;
        const started = await connection.within(deadline, () => beginHandshake(connection, { user, privilege, suite }));
        return { privilege, start: started.ok ? started : this.#noteFailure(started), opened: false, deadline };
      })();
      this.#names.set(user, pending);
    }
    return pending;
  }

  /** A deadline of the inventory's `bmc.timeout` from now. */
  #deadline(): { at: number; ms: number } {
    return { at: performance.now() + this.bmc.timeoutMs, ms: this.bmc.timeoutMs };
  }

  async #complete(handshake: NameHandshake, challenge: RakpChallenge, password: Secret, work?: SessionWork): Promise<UserTableProof> {
    if (this.#silent) return { login: this.#silent };
    const connection = this.connection!;
    const session = await connection.within(handshake.deadline, () => challenge.complete(password));
    if (!session.ok) return { login: session.kind === 'refused' ? failed(session.reason, session.message) : this.#noteFailure(session) };
    handshake.opened = true;
    let table: UserTableProof['table'];
    if (work) {
      // Each request of the work gets its own `bmc.timeout`: the user table is some 130 exchanges, and
      // a BMC that answers every one of them in time is slow, not stalled. The host's deadline bounds the sum.
      const open = session.value;
      const paced = {
        request: (command: number, data: Buffer, what: string) => connection.within(this.#deadline(), () => open.request(command, data, what)),
        raisePrivilege: (level: BmcPrivilege) => connection.within(this.#deadline(), () => open.raisePrivilege(level)),
      };
      const read = await work(paced);
      table = read.ok ? read : { ...(read.kind === 'refused' ? failed(read.reason, read.message) : this.#noteFailure(read)), sessionOpened: true };
    }
    // A BMC that stopped answering mid-read is not asked to close: the wait would only repeat.
    if (!this.#silent) {
      const closed = await connection.within(work ? this.#deadline() : handshake.deadline, () => session.value.close());
      // The session opened: that is the proof. A Close Session left unanswered does not undo it.
      if (!closed.ok) this.#noteFailure(closed);
    }
    return table ? { login: { ok: true }, table } : { login: { ok: true } };
  }

  #zeroFailure(failure: RmcpFailure, accepted: boolean, attempts: CipherZeroOutcome['attempts']): CipherZeroOutcome {
    const outcome = this.#noteFailure(failure);
    if (!accepted) return { openSession: { accepted: false, refusal: outcome }, attempts };
    attempts.push({ user: '', outcome });
    return { openSession: { accepted: true }, attempts };
  }

  /**
   * Remembers a BMC that stopped answering or missed its deadline: the rest of the run fails at
   * once. One that answered before and then fell silent may be blocking us; the exchange's message says so.
   */
  #noteFailure(failure: RmcpFailure): Failed {
    const outcome = asOutcome(failure);
    if (BMC_SILENT.has(failure.reason) && !this.#silent) {
      this.#silent = outcome;
      return outcome;
    }
    return outcome;
  }
}
