// The RMCP+ handshake in steps: Open Session and RAKP 1/2 yield a challenge whose RAKP 2 code can
// test any number of candidate passwords in memory; RAKP 3/4 complete it into a session, and only
// for a password that code confirmed. A handshake never completed is left to the BMC's timeout.
import type { BmcPrivilege } from '../../../model/bmc-privilege.js';
import type { Secret } from '../../../model/secret.js';
import type { CipherSuite } from './cipher-suite.js';
import { COMMAND, decodeIpmiResponse, encodeIpmiRequest, NETFN_APP, type IpmiResponse } from './ipmi-message.js';
import { additionalKey, codesEqual, passwordKey, rakp2CodeOver, rakp2Input, rakp3Code, rakp4Code, sessionIntegrityKey, type RakpTranscript } from './rakp-hmac.js';
import { decodeRakp2, decodeRakp4, encodeRakp1, encodeRakp3, NAME_ONLY_LOOKUP } from './rakp-messages.js';
import type { RmcpConnection } from './rmcp-connection.js';
import type { ReplyVerdict } from './udp-exchange.js';
import { rmcpFailure, type RmcpResult } from './rmcp-failure.js';
import { decodePacket, PAYLOAD } from './rmcp-packet.js';
import { rakpStatusReason, rmcpStatusText } from './rmcp-status.js';
import { decodeSessionPacket, encodeSessionPacket, type SessionKeys } from './session-packet.js';
import { getUInt32LE, putUInt32LE } from './little-endian.js';

/** IPMI's privilege numbers (RAKP 1's role byte). */
export const PRIVILEGE_LEVEL: Readonly<Record<BmcPrivilege, number>> = { user: 2, operator: 3, administrator: 4 };

/** Longest user name IPMI carries. */
export const MAX_USER_NAME_BYTES = 16;

/** As whom and how a handshake is tried. */
export interface HandshakeRequest {
  user: string;
  privilege: BmcPrivilege;
  suite: CipherSuite;
}

/** How far a handshake got before it needs a password. */
export type HandshakeStart =
  | { step: 'suite-refused'; status: number; message: string } // Open Session refused: no session was begun
  | { step: 'rakp2-refused'; status: number; message: string } // the BMC ended it at RAKP 2 (unknown name, role, …)
  | { step: 'challenge'; challenge: RakpChallenge };

/** Open Session with `request.suite`, then RAKP 1/2 as `request.user` at `request.privilege`. */
export async function beginHandshake(connection: RmcpConnection, request: HandshakeRequest): Promise<RmcpResult<HandshakeStart>> {
  const userName = Buffer.from(request.user, 'utf8');
  if (userName.length > MAX_USER_NAME_BYTES) return rmcpFailure('unknown-user', 'refused', `the user name is ${userName.length} bytes, longer than IPMI's ${MAX_USER_NAME_BYTES}`);
  const consoleSessionId = getUInt32LE(connection.random(4), 0);
  if (consoleSessionId === 0) return rmcpFailure('tool', 'socket', 'the random source gave session id 0');
  const opened = await connection.openSession(consoleSessionId, request.suite);
  if (!opened.ok) return opened;
  if (!opened.value.accepted) {
    const status = opened.value.status;
    return { ok: true, value: { step: 'suite-refused', status, message: `Open Session refused cipher suite ${request.suite.id}: ${rmcpStatusText(status)}` } };
  }
  const bmcSessionId = opened.value.bmcSessionId;
  const consoleRandom = connection.random(16);
  const role = NAME_ONLY_LOOKUP | PRIVILEGE_LEVEL[request.privilege];
  const tag = connection.nextTag();
  const rakp2 = await connection.setupExchange(PAYLOAD.rakp1, encodeRakp1(tag, bmcSessionId, consoleRandom, role, userName), PAYLOAD.rakp2, tag, (p) => decodeRakp2(p, tag, consoleSessionId, request.suite), 'RAKP 1');
  if (!rakp2.ok) return rakp2;
  if (!rakp2.value.accepted) {
    const status = rakp2.value.status;
    return { ok: true, value: { step: 'rakp2-refused', status, message: `RAKP 2 refused the login: ${rmcpStatusText(status)}` } };
  }
  const transcript: RakpTranscript = { consoleSessionId, bmcSessionId, consoleRandom, bmcRandom: rakp2.value.bmcRandom, bmcGuid: rakp2.value.bmcGuid, role, userName };
  return { ok: true, value: { step: 'challenge', challenge: new RakpChallenge(connection, request, transcript, rakp2.value.code) } };
}

/** What a RAKP 2 code says of one candidate password (see `RakpChallenge.judge`). */
export type PasswordVerdict = 'confirmed' | 'refuted' | 'too-long' | 'no-code';

/**
 * A handshake at RAKP 2: the BMC's code is kept here and nowhere else. `confirms` tests a
 * candidate password against it; `complete` sends RAKP 3 only for a password it confirms.
 */
export class RakpChallenge {
  #state: 'open' | 'completed' | 'abandoned' = 'open';
  readonly #code: Buffer;
  /** What the code covers, the same for every candidate password: built once. */
  #covered: Buffer | undefined;
  /** The last password the code confirmed, so that completing with it does not compute the code again. */
  #confirmed: Secret | undefined;

  constructor(
    private readonly connection: RmcpConnection,
    readonly request: HandshakeRequest,
    private readonly transcript: RakpTranscript,
    code: Buffer,
  ) {
    this.#code = code;
  }

  /**
   * What the BMC's RAKP 2 code says of `password`: made with it, not made with it, or nothing,
   * because the password is longer than the 20 bytes IPMI carries (no BMC can hold it) or the
   * suite carries no code (suite 0).
   */
  judge(password: Secret): PasswordVerdict {
    if (!this.request.suite.rakpDigest) return 'no-code';
    const key = passwordKey(password.reveal());
    if (key === undefined) return 'too-long';
    this.#covered ??= rakp2Input(this.transcript);
    if (!codesEqual(this.#code, rakp2CodeOver(this.request.suite, key, this.#covered))) return 'refuted';
    this.#confirmed = password;
    return 'confirmed';
  }

  /** Whether the BMC's RAKP 2 code was made with `password`. Always false under suite 0, which carries no code. */
  confirms(password: Secret): boolean {
    return this.judge(password) === 'confirmed';
  }

  /** RAKP 3/4 with `password`, which must be one `confirms` accepts: otherwise nothing is sent. */
  async complete(password: Secret): Promise<RmcpResult<RmcpSession>> {
    if (this.#state !== 'open') return rmcpFailure('protocol', 'refused', `the handshake is already ${this.#state}`);
    if (password !== this.#confirmed && !this.confirms(password)) return rmcpFailure('auth', 'refused', 'RAKP 3 not sent: the RAKP 2 code does not confirm this password');
    const key = passwordKey(password.reveal())!;
    return this.#finish(rakp3Code(this.request.suite, key, this.transcript), sessionIntegrityKey(this.request.suite, key, this.transcript));
  }

  /** RAKP 3/4 under suite 0, where nothing is authenticated: the proof that such a session opens. */
  async completeUnauthenticated(): Promise<RmcpResult<RmcpSession>> {
    if (this.request.suite.rakpDigest) return rmcpFailure('protocol', 'refused', 'an unauthenticated completion is only for cipher suite 0');
    if (this.#state !== 'open') return rmcpFailure('protocol', 'refused', `the handshake is already ${this.#state}`);
    return this.#finish(Buffer.alloc(0), Buffer.alloc(0));
  }

  /** Leaves the handshake unfinished (the BMC drops it after its timeout); nothing is sent. */
  abandon(): void {
    if (this.#state === 'open') this.#state = 'abandoned';
  }

  get state(): 'open' | 'completed' | 'abandoned' {
    return this.#state;
  }

  async #finish(code: Buffer, sik: Buffer): Promise<RmcpResult<RmcpSession>> {
    this.#state = 'completed';
    const suite = this.request.suite;
    const t = this.transcript;
    const tag = this.connection.nextTag();
    const rakp4 = await this.connection.setupExchange(PAYLOAD.rakp3, encodeRakp3(tag, t.bmcSessionId, code), PAYLOAD.rakp4, tag, (p) => decodeRakp4(p, tag, t.consoleSessionId, suite), 'RAKP 3');
    if (!rakp4.ok) return rakp4;
    if (rakp4.value.status !== 0) {
      const status = rakp4.value.status;
      return rmcpFailure(rakpStatusReason(status), 'refused', `RAKP 4 refused the session: ${rmcpStatusText(status)}`, status);
    }
    if (!codesEqual(rakp4.value.code, rakp4Code(suite, sik, t))) return rmcpFailure('protocol', 'malformed', "RAKP 4's integrity check value does not verify: the BMC did not derive the same session key");
    this.connection.ledger.finished();
    const keys: SessionKeys = { random: this.connection.random, suite, k1: additionalKey(suite, sik, 1), aesKey: additionalKey(suite, sik, 2).subarray(0, 16) };
    return { ok: true, value: new RmcpSession(this.connection, keys, t.consoleSessionId, t.bmcSessionId) };
  }
}

/**
 * An open RMCP+ session. fleetcheck only reads in it: it raises the session to the privilege the
 * handshake was granted, reads the user table (read-user-table.ts), and closes it.
 */
export class RmcpSession {
  #sequence = 0;
  #closed = false;
  /** True private fields: the keys never show in util.inspect, JSON or an error. */
  readonly #keys: SessionKeys;
  constructor(
    private readonly connection: RmcpConnection,
    keys: SessionKeys,
    private readonly consoleSessionId: number,
    private readonly bmcSessionId: number,
  ) {
    this.#keys = keys;
  }

  /**
   * One App request in the session and its answer, whatever its completion code. A reply carrying
   * an earlier request's sequence is a late answer to a resend and is ignored; the integrity code
   * has already shown it is the BMC's.
   */
  async request(command: number, data: Buffer, what: string): Promise<RmcpResult<IpmiResponse>> {
    if (this.#closed) return rmcpFailure('protocol', 'refused', `${what}: the session is closed`);
    this.#sequence++;
    const request = { netFn: NETFN_APP, command, sequence: this.#sequence & 0x3f, data };
    const datagram = encodeSessionPacket(this.#keys, this.bmcSessionId, this.#sequence, encodeIpmiRequest(request));
    return this.connection.inSession(
      datagram,
      (d): ReplyVerdict<IpmiResponse> => {
        const packet = decodePacket(d);
        if (!packet.ok) return packet;
        const message = decodeSessionPacket(this.#keys, packet.value, d, this.consoleSessionId);
        if (!message.ok) return message;
        if (message.value.length >= 8 && message.value[4]! >> 2 !== request.sequence) return { ok: 'stale' };
        return decodeIpmiResponse(message.value, request);
      },
      what,
    );
  }

  /**
   * Set Session Privilege Level (IPMI v2.0 §22.18): a session begins at User level whatever RAKP 1
   * asked, and the user table is an Operator's read. The BMC's refusal is 'privilege'.
   */
  async raisePrivilege(privilege: BmcPrivilege): Promise<RmcpResult<void>> {
    const level = PRIVILEGE_LEVEL[privilege];
    const reply = await this.request(COMMAND.setSessionPrivilegeLevel, Buffer.from([level]), 'Set Session Privilege Level');
    if (!reply.ok) return reply;
    const code = reply.value.completionCode;
    // 0x80: the level is not available to this user; 0x81: it exceeds the user's or the channel's limit.
    if (code !== 0) return rmcpFailure(code === 0x80 || code === 0x81 || code === 0xd4 ? 'privilege' : 'protocol', 'refused', `Set Session Privilege Level to ${privilege} answered completion code 0x${code.toString(16).padStart(2, '0')}`, code);
    const granted = reply.value.data[0];
    if (granted === undefined) return rmcpFailure('protocol', 'malformed', 'Set Session Privilege Level answered no level');
    if ((granted & 0x0f) !== level) return rmcpFailure('privilege', 'refused', `Set Session Privilege Level to ${privilege} left the session at level ${granted & 0x0f}`);
    return { ok: true, value: undefined };
  }

  /** Close Session (IPMI v2.0 §22.19), so the BMC frees the slot at once. */
  async close(): Promise<RmcpResult<void>> {
    if (this.#closed) return { ok: true, value: undefined };
    const id = Buffer.alloc(4);
    putUInt32LE(id, 0, this.bmcSessionId);
    const reply = await this.request(COMMAND.closeSession, id, 'Close Session');
    this.#closed = true;
    if (!reply.ok) return reply;
    if (reply.value.completionCode !== 0) return rmcpFailure('protocol', 'refused', `Close Session answered completion code 0x${reply.value.completionCode.toString(16)}`, reply.value.completionCode);
    return { ok: true, value: undefined };
  }
}
