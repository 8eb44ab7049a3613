// The native RMCP+ client for one BMC: the pre-session questions (authentication capabilities,
// cipher suites) and the handshake steps, one exchange at a time on one socket, with a ledger of
// what the BMC saw. Each step returns data; nothing here judges compliance.
import { authCapabilitiesRequest, decodeAuthCapabilities, type AuthCapabilities } from './auth-capabilities.js';
import { cipherSuitesRequest, decodeCipherSuitePage, parseCipherSuiteIds } from './channel-cipher-suites.js';
import type { CipherSuite } from './cipher-suite.js';
import { HandshakeLedger } from './handshake-ledger.js';
import { pooledRandom } from './random-pool.js';
import { completionFailure, decodeIpmiResponse, encodeIpmiRequest, type IpmiRequest, type IpmiResponse } from './ipmi-message.js';
import { decodeOpenSession, encodeOpenSession, type OpenSessionReply } from './open-session.js';
import { decodePacket, encodeV15, encodeV20, PAYLOAD, type DecodedPacket } from './rmcp-packet.js';
import { protocolFailure, type RmcpResult } from './rmcp-failure.js';
import { UdpExchange, type ExchangePolicy, type ReplyVerdict, type WireTap } from './udp-exchange.js';

/** Where the BMC listens and how patiently to ask it. */
export interface RmcpTarget {
  address: string;
  port: number;
  policy: ExchangePolicy;
  /** Sees every datagram (tests only). */
  tap?: WireTap;
  /** Where session ids, random numbers and IVs come from; node:crypto's CSPRNG (pooled) unless a test replays a capture. */
  random?: (size: number) => Buffer;
}

/** A per-BMC RMCP+ conversation; `close()` ends the socket. */
export class RmcpConnection {
  readonly ledger = new HandshakeLedger();
  #ipmiSequence: number;
  #tag: number;
  #tagsIssued = 0;
  /** Sessionless IPMI requests sent so far, in a v1.5 header and in a v2.0 one: their answers may come late, after a resend. */
  #sessionlessSent = { v15: 0, v20: 0 };
  /** The policy of the next exchange: the connection's, bounded by the deadline of the `within` it runs in. */
  #current: ExchangePolicy;

  private constructor(
    readonly exchange: UdpExchange,
    readonly policy: ExchangePolicy,
    readonly signal: AbortSignal | undefined,
    /** The random source of this conversation's session ids, random numbers and IVs. */
    readonly random: (size: number) => Buffer,
  ) {
    // Where the sequence and tag counters start; not the replayable source, which a capture's session ids and randoms fill.
    const start = pooledRandom(2);
    this.#ipmiSequence = start[0]! & 0x3f;
    this.#tag = start[1]!;
    this.#current = policy;
  }

  /** Opens the socket; a local failure is a classified error. */
  static async open(target: RmcpTarget, signal?: AbortSignal): Promise<RmcpResult<RmcpConnection>> {
    const exchange = await UdpExchange.connect(target.address, target.port, target.tap);
    return exchange.ok ? { ok: true, value: new RmcpConnection(exchange.value, target.policy, signal, target.random ?? pooledRandom) } : exchange;
  }

  /** Runs `work` with every exchange in it bounded by `deadline` (one handshake's, as one ipmitool run is bounded). */
  async within<T>(deadline: { at: number; ms: number }, work: () => Promise<T>): Promise<T> {
    const outer = this.#current;
    this.#current = { ...this.policy, deadline };
    try {
      return await work();
    } finally {
      this.#current = outer;
    }
  }

  /** A fresh message tag for the next handshake message: ties each reply to its request. */
  nextTag(): number {
    this.#tag = (this.#tag + 1) & 0xff;
    this.#tagsIssued++;
    return this.#tag;
  }

  /** Whether the BMC has answered anything yet. */
  get answered(): boolean {
    return this.exchange.answered;
  }

  /** A sessionless IPMI request in a v1.5 header (how Get Channel Authentication Capabilities is asked). */
  async sessionless(request: Omit<IpmiRequest, 'sequence'>, what: string): Promise<RmcpResult<IpmiResponse>> {
    this.#ipmiSequence = (this.#ipmiSequence + 1) & 0x3f;
    this.#sessionlessSent.v15++;
    const full: IpmiRequest = { ...request, sequence: this.#ipmiSequence };
    const accept = (datagram: Buffer): ReplyVerdict<IpmiResponse> => {
      const packet = decodePacket(datagram);
      if (!packet.ok) return packet;
      if (this.#lateAnswer(packet.value, 'v15')) return { ok: 'stale' };
      if (packet.value.format !== 'v15' || packet.value.sessionId !== 0) return protocolFailure('out-of-order', 'a reply that is not a sessionless IPMI v1.5 message');
      const response = decodeIpmiResponse(packet.value.payload, full);
      if (!response.ok && response.kind === 'out-of-order' && /sequence/.test(response.message)) return { ok: 'stale' };
      return response;
    };
    return this.exchange.request(encodeV15(encodeIpmiRequest(full)), accept, what, this.#current, this.signal);
  }

  /** Get Channel Authentication Capabilities for `channel`, asked at administrator level. */
  async authCapabilities(channel: number): Promise<RmcpResult<AuthCapabilities>> {
    const what = `Get Channel Authentication Capabilities (channel ${channel})`;
    const response = await this.sessionless(authCapabilitiesRequest(channel, 4, 0), what);
    if (!response.ok) return response;
    if (response.value.completionCode !== 0) return completionFailure(what, response.value.completionCode);
    const decoded = decodeAuthCapabilities(response.value.data, channel);
    return decoded.ok ? decoded : { ...decoded, message: `${what}: ${decoded.message}` };
  }

  /**
   * The suite ids `channel` lists, reading pages until a short one (at most 64). A BMC that does not
   * answer the command is a failure like any other: the caller decides what it means.
   */
  async cipherSuites(channel: number): Promise<RmcpResult<number[]>> {
    const what = `Get Channel Cipher Suites (channel ${channel})`;
    const chunks: Buffer[] = [];
    for (let index = 0; index < 64; index++) {
      this.#ipmiSequence = (this.#ipmiSequence + 1) & 0x3f;
      this.#sessionlessSent.v20++;
      const request = { ...cipherSuitesRequest(channel, index, this.#ipmiSequence) };
      const accept = (datagram: Buffer): ReplyVerdict<IpmiResponse> => {
        const packet = decodePacket(datagram);
        if (!packet.ok) return packet;
        if (this.#lateAnswer(packet.value, 'v20')) return { ok: 'stale' };
        if (packet.value.format !== 'v20' || packet.value.payloadType !== PAYLOAD.ipmi || packet.value.sessionId !== 0) return protocolFailure('out-of-order', 'a reply that is not a sessionless IPMI v2.0 message');
        return decodeIpmiResponse(packet.value.payload, request);
      };
      const response = await this.exchange.request(encodeV20(PAYLOAD.ipmi, 0, 0, encodeIpmiRequest(request)), accept, what, this.#current, this.signal);
      if (!response.ok) return response;
      if (response.value.completionCode !== 0) return completionFailure(what, response.value.completionCode);
      const page = decodeCipherSuitePage(response.value.data, channel);
      if (!page.ok) return { ...page, message: `${what}: ${page.message}` };
      chunks.push(page.value.records);
      if (page.value.records.length < 16) break;
    }
    return parseCipherSuiteIds(Buffer.concat(chunks));
  }

  /** Open Session proposing `suite`; an acceptance enters the ledger as a begun handshake. */
  async openSession(consoleSessionId: number, suite: CipherSuite): Promise<RmcpResult<OpenSessionReply>> {
    const tag = this.nextTag();
    const what = `Open Session (cipher suite ${suite.id})`;
    const request = encodeV20(PAYLOAD.openSessionRequest, 0, 0, encodeOpenSession(tag, consoleSessionId, suite));
    const reply = await this.exchange.request(request, (d) => this.#sessionSetupReply(d, PAYLOAD.openSessionResponse, tag, (p) => decodeOpenSession(p, tag, consoleSessionId, suite)), what, this.#current, this.signal);
    if (reply.ok && reply.value.accepted) this.ledger.begun();
    return reply;
  }

  /**
   * Sends a session-setup message (RAKP 1 or 3) and decodes its answer. A reply with an older tag
   * is a late answer to a resend and ignored; any other mismatch is a protocol error.
   */
  async setupExchange<T>(requestType: number, payload: Buffer, replyType: number, tag: number, decode: (payload: Buffer) => RmcpResult<T>, what: string): Promise<RmcpResult<T>> {
    if (requestType === PAYLOAD.rakp1) this.ledger.sentRakp1();
    if (requestType === PAYLOAD.rakp3) this.ledger.sentRakp3();
    return this.exchange.request(encodeV20(requestType, 0, 0, payload), (d) => this.#sessionSetupReply(d, replyType, tag, decode), what, this.#current, this.signal);
  }

  /** Sends an in-session datagram and decodes its answer with `accept`. */
  async inSession<T>(datagram: Buffer, accept: (reply: Buffer) => ReplyVerdict<T>, what: string): Promise<RmcpResult<T>> {
    return this.exchange.request(datagram, accept, what, this.#current, this.signal);
  }

  /** Ends the socket. */
  close(): void {
    this.exchange.close();
  }

  /**
   * Whether a datagram is a late answer to a sessionless request of another kind sent earlier (a
   * Get Channel Authentication Capabilities resent after a lost or slow answer, whose first answer
   * then arrives during Open Session): ignored, as a late answer of the same kind is. A sessionless
   * reply of a kind never asked stays an error.
   */
  #lateAnswer(p: DecodedPacket, expecting: 'v15' | 'v20' | 'setup'): boolean {
    if (p.sessionId !== 0) return false;
    if (p.format === 'v15') return expecting !== 'v15' && this.#sessionlessSent.v15 > 0;
    if (p.payloadType === PAYLOAD.ipmi) return expecting !== 'v20' && this.#sessionlessSent.v20 > 0;
    // A session-setup answer (Open Session, RAKP) while a sessionless request waits: late if its tag was issued.
    return expecting !== 'setup' && this.#setupReplyAge(p, this.#tag) !== undefined;
  }

  /**
   * For an Open Session or RAKP answer carrying a tag this connection issued, how many tags before
   * `current` it was issued (0: `current` itself); undefined for any other datagram.
   */
  #setupReplyAge(p: DecodedPacket, current: number): number | undefined {
    if (p.format !== 'v20') return undefined;
    const setupReply = p.payloadType >= PAYLOAD.openSessionResponse && p.payloadType <= PAYLOAD.rakp4 && p.payloadType % 2 === 1;
    const age = (current - (p.payload[0] ?? current)) & 0xff;
    return setupReply && age < Math.min(this.#tagsIssued, 256) ? age : undefined;
  }

  #sessionSetupReply<T>(datagram: Buffer, replyType: number, tag: number, decode: (payload: Buffer) => RmcpResult<T>): ReplyVerdict<T> {
    const packet = decodePacket(datagram);
    if (!packet.ok) return packet;
    const p = packet.value;
    if (this.#lateAnswer(p, 'setup')) return { ok: 'stale' };
    if (p.format !== 'v20') return protocolFailure('out-of-order', 'an IPMI v1.5 reply during session setup');
    if (p.encrypted || p.authenticated || p.sessionId !== 0 || p.sequence !== 0) return protocolFailure('malformed', 'a session-setup reply with session fields set');
    // A late answer to a resend of an earlier step carries a tag this connection issued before
    // the current one: ignored. A tag never issued, or the current tag on the wrong payload, is an error.
    const age = this.#setupReplyAge(p, tag);
    if (age !== undefined && age > 0) return { ok: 'stale' };
    if (p.payloadType !== replyType) return protocolFailure('out-of-order', `payload type 0x${p.payloadType.toString(16)} where 0x${replyType.toString(16)} was expected`);
    return decode(p.payload);
  }
}
