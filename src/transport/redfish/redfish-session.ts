// Opening one authenticated Redfish session per BMC and the requests made over it. Login goes
// through the SessionService (POST Sessions → X-Auth-Token + Location), with HTTP basic
// authentication as the fallback for BMCs without sessions; logout (DELETE of the session)
// always happens at close, after errors and deadlines too. Every BMC-side failure comes back
// as data ({ ok: false, reason }); only a programming error (an impossible endpoint) throws.
//
// Nothing is retried. A refused password is not tried again over basic auth either: each
// attempt counts against the BMC's lockout threshold.
import type { Agent } from 'undici';
import { undici } from './undici-module.js';
import { describeFileProblem, readBoundedFile } from '../../fs/bounded-file.js';
import { FILE_LIMITS } from '../../fs/file-limits.js';
import type { Secret } from '../../model/secret.js';
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import { parseSha256Fingerprint } from '../../text/certificate-fingerprint.js';
import { acquireEndpoint, type ReleaseEndpoint } from './endpoint-lock.js';
import { summarizeMessages, type RedfishMessage } from './extended-info.js';
import { exchange, type ExchangeContext, type ExchangeResult } from './redfish-exchange.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  describeRedfishEndpoint,
  redfishOrigin,
  type RedfishEndpoint,
  type RedfishLogin,
} from './redfish-endpoint.js';
import { odataLink, redfishPath } from './redfish-path.js';
import type { RedfishReply } from './redfish-reply.js';
import { redactSecrets } from './redact.js';
import { serializeRequestBody } from './request-body.js';
import { trustingConnector, type RedfishTlsFacts, type ResolvedTrust } from './tls-trust.js';

export type { RedfishEndpoint, RedfishLogin, RedfishTrust } from './redfish-endpoint.js';
export type { RedfishMessage, RedfishReply } from './redfish-reply.js';
export { isSuccess } from './redfish-reply.js';
export type { RedfishTlsFacts } from './tls-trust.js';

/** How a session authenticates its requests. */
export type RedfishAuthMode = 'session' | 'basic';

/** One open session on one BMC. Requests may be made one after another; close() ends it. */
export interface RedfishSession {
  /** 'session' (X-Auth-Token) or 'basic' (the BMC offered no SessionService). */
  readonly auth: RedfishAuthMode;
  /** How the certificate was trusted; `trust: 'insecure'` must be flagged in reports. */
  readonly tls: RedfishTlsFacts;
  /** The ServiceRoot as read at login (links to Systems, AccountService, …). */
  readonly serviceRoot: unknown;
  /** GET of a path or of an `@odata.id` the BMC gave (it must stay under /redfish on this BMC). */
  get(path: string): Promise<RedfishReply>;
  /** POST of a JSON body; Secret values in it are sent in clear and cut out of every message. */
  post(path: string, body: unknown): Promise<RedfishReply>;
  /** Logs out and frees the BMC for the next session. Never throws; safe to call more than once. */
  close(): Promise<RedfishCloseOutcome>;
}

/** Whether logout worked; a failed logout leaves a session that expires on the BMC. */
export type RedfishCloseOutcome = { ok: true } | { ok: false; reason: TransportFailureReason; message: string };

/** What openRedfish produced: a session, or one classified failure. */
export type RedfishOpenOutcome =
  | { ok: true; session: RedfishSession; durationMs: number }
  | { ok: false; reason: TransportFailureReason; message: string; status?: number; tls: RedfishTlsFacts; durationMs: number };

/** Knobs a caller may set per session. */
export interface OpenRedfishOptions {
  /** Aborting ends waiting and in-flight requests with 'interrupted'; close() still logs out. */
  signal?: AbortSignal;
  /** 'session' refuses to fall back to basic auth; 'basic' never creates a session. Default: session, else basic. */
  auth?: 'session-or-basic' | 'session' | 'basic';
}

/** The DMTF-defined place of the Sessions collection, used when the ServiceRoot does not link it. */
export const DEFAULT_SESSIONS_PATH = '/redfish/v1/SessionService/Sessions';
const SERVICE_ROOT = '/redfish/v1/';
/** Logout gets its own short deadline, independent of the (maybe aborted) caller's signal. */
const MAX_LOGOUT_MS = 5000;
/** Answers that mean "this BMC has no session service here": fall back to basic auth. */
const NO_SESSIONS = new Set([404, 405, 501]);

const BASE_HEADERS = { accept: 'application/json', 'odata-version': '4.0' };

function validate(endpoint: RedfishEndpoint): void {
  if (!Number.isInteger(endpoint.timeoutMs) || endpoint.timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive integer, got ${endpoint.timeoutMs}`);
  }
  if (!Number.isInteger(endpoint.port) || endpoint.port <= 0 || endpoint.port > 65535) throw new RangeError(`bad port ${endpoint.port}`);
  const max = endpoint.maxResponseBytes;
  if (max !== undefined && (!Number.isInteger(max) || max <= 0)) throw new RangeError(`maxResponseBytes must be a positive integer`);
  if (endpoint.trust.kind === 'pinned' && parseSha256Fingerprint(endpoint.trust.sha256) === undefined) {
    throw new TypeError(`${endpoint.host}: the pinned certificate fingerprint is not a SHA-256 fingerprint`);
  }
}

async function resolveTrust(endpoint: RedfishEndpoint): Promise<ResolvedTrust | { error: string }> {
  const trust = endpoint.trust;
  if (trust.kind === 'insecure') return trust;
  if (trust.kind === 'pinned') return { kind: 'pinned', sha256: parseSha256Fingerprint(trust.sha256)! };
  const read = await readBoundedFile(trust.caFile, FILE_LIMITS.caBundle);
  if (!read.ok) return { error: `CA file ${trust.caFile} ${describeFileProblem(read.problem)}` };
  if (read.bytes.length === 0) return { error: `CA file ${trust.caFile} is empty` };
  return { kind: 'ca', ca: read.bytes, caFile: trust.caFile };
}

/**
 * Opens a session on the BMC at `endpoint` as `login`. Waits while another session of this
 * process holds the same BMC. The password goes only into the login request (or the basic
 * Authorization header), never into a message. The caller must close() the session;
 * withRedfish does it for you.
 */
export async function openRedfish(endpoint: RedfishEndpoint, login: RedfishLogin, options: OpenRedfishOptions = {}): Promise<RedfishOpenOutcome> {
  validate(endpoint);
  const startedAt = performance.now();
  const elapsed = (): number => Math.round(performance.now() - startedAt);
  const label = describeRedfishEndpoint(endpoint, login.user);
  const tls: RedfishTlsFacts = { trust: endpoint.trust.kind, presented: undefined };
  const failed = (reason: TransportFailureReason, message: string, status?: number): RedfishOpenOutcome => ({
    ok: false,
    reason,
    message: `${label}: ${message}`,
    ...(status === undefined ? {} : { status }),
    tls,
    durationMs: elapsed(),
  });

  const release = await acquireEndpoint(`${endpoint.address}|${endpoint.port}`, options.signal);
  if (!release) return failed('interrupted', 'interrupted while waiting for the previous session on this BMC');
  const trust = await resolveTrust(endpoint);
  if ('error' in trust) {
    release();
    return failed('certificate-mismatch', trust.error);
  }
  const agent = new (undici().Agent)({
    connect: trustingConnector(trust, tls, endpoint.timeoutMs),
    connections: 1,
    pipelining: 1,
    keepAliveTimeout: 4000,
    headersTimeout: endpoint.timeoutMs,
    bodyTimeout: endpoint.timeoutMs,
  });
  const ctx: ExchangeContext = {
    dispatcher: agent,
    origin: redfishOrigin(endpoint),
    timeoutMs: endpoint.timeoutMs,
    maxResponseBytes: endpoint.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    signal: options.signal,
  };
  const password = login.password.reveal();
  const abandon = (outcome: RedfishOpenOutcome): RedfishOpenOutcome => {
    void agent.destroy().catch(() => {});
    release();
    return outcome;
  };
  const failedWith = (r: Extract<ExchangeResult, { ok: false }>): RedfishOpenOutcome => abandon(failed(r.reason, r.message, r.status));

  // 1. The ServiceRoot, unauthenticated: it proves the TLS peer before any credential is sent
  //    and says where the Sessions collection is.
  const root = await exchange(ctx, { method: 'GET', path: SERVICE_ROOT, headers: BASE_HEADERS, secrets: [password] });
  if (!root.ok) return failedWith(root);
  const serviceRoot = root.status === 200 ? root.json : undefined;
  const linked = odataLink(serviceRoot, ['Links', 'Sessions']);
  const sessionsPath = linked === undefined ? undefined : redfishPath(linked, ctx.origin);
  const mode = options.auth ?? 'session-or-basic';

  // 2. A session, when the BMC has a session service and we may use one.
  const trySession = mode === 'session' || (mode === 'session-or-basic' && (sessionsPath !== undefined || serviceRoot === undefined));
  if (trySession) {
    const path = sessionsPath ?? DEFAULT_SESSIONS_PATH;
    const { text, secrets } = serializeRequestBody({ UserName: login.user, Password: login.password });
    const answer = await exchange(ctx, {
      method: 'POST',
      path,
      headers: { ...BASE_HEADERS, 'content-type': 'application/json' },
      body: text,
      secrets,
    });
    if (!answer.ok) return failedWith(answer);
    const token = headerValue(answer.headers['x-auth-token']);
    if (answer.status >= 200 && answer.status < 300 && token !== undefined) {
      const fromBody = odataLink({ self: answer.json }, ['self']);
      const location = headerValue(answer.headers['location']);
      const sessionUri = (location && redfishPath(location, ctx.origin)) ?? (fromBody && redfishPath(fromBody, ctx.origin));
      const session = new Session({ ctx, agent, release, label, tls, serviceRoot, auth: 'session', token, sessionUri, password });
      if (sessionUri === undefined) {
        // Without the session's URI there is no logout; give the session up rather than leak it silently.
        await session.close();
        return failed('protocol', `session login answered HTTP ${answer.status} without a usable Location; the session will expire on the BMC`);
      }
      return { ok: true, session, durationMs: elapsed() };
    }
    if (answer.status === 401 || answer.status === 403) {
      return abandon(failed('auth', `login refused (HTTP ${answer.status})${detail(answer.messages)}`, answer.status));
    }
    const fallback = mode === 'session-or-basic' && NO_SESSIONS.has(answer.status);
    if (!fallback) {
      const why = answer.status < 300 ? 'without an X-Auth-Token' : '';
      return abandon(failed('protocol', `session login answered HTTP ${answer.status} ${why}${detail(answer.messages)}`.replace(/ +$/, ''), answer.status));
    }
  }

  // 3. Basic authentication: every request carries the credentials; one authenticated GET
  //    proves they work, so a wrong password shows at open as it does with sessions.
  const basicToken = Buffer.from(`${login.user}:${password}`, 'utf8').toString('base64');
  const authorization = `Basic ${basicToken}`;
  const probePath = redfishPath(odataLink(serviceRoot, ['Systems']) ?? '/redfish/v1/Systems', ctx.origin) ?? '/redfish/v1/Systems';
  const probe = await exchange(ctx, { method: 'GET', path: probePath, headers: { ...BASE_HEADERS, authorization }, secrets: [password, authorization, basicToken] });
  if (!probe.ok) return failedWith(probe);
  if (probe.status === 401 || probe.status === 403) {
    return abandon(failed('auth', `basic authentication refused (HTTP ${probe.status})${detail(probe.messages)}`, probe.status));
  }
  // Only a successful authenticated answer proves the credentials: a 404 or a 503 proves nothing.
  if (probe.status < 200 || probe.status >= 300) {
    return abandon(failed('protocol', `basic authentication could not be proven: ${probePath} answered HTTP ${probe.status}${detail(probe.messages)}`, probe.status));
  }
  const session = new Session({ ctx, agent, release, label, tls, serviceRoot, auth: 'basic', authorization, password });
  return { ok: true, session, durationMs: elapsed() };
}

/**
 * Opens a session, runs `use` on it, and closes it whatever happens (logout included).
 * Resolves to use's value, or to the failure of openRedfish; `use` throwing rejects after close.
 */
export async function withRedfish<T>(
  endpoint: RedfishEndpoint,
  login: RedfishLogin,
  use: (session: RedfishSession) => Promise<T>,
  options: OpenRedfishOptions = {},
): Promise<{ ok: true; value: T; tls: RedfishTlsFacts; auth: RedfishAuthMode; logout: RedfishCloseOutcome } | Extract<RedfishOpenOutcome, { ok: false }>> {
  const opened = await openRedfish(endpoint, login, options);
  if (!opened.ok) return opened;
  const { session } = opened;
  let value: T;
  try {
    value = await use(session);
  } catch (error) {
    await session.close();
    throw error;
  }
  const logout = await session.close();
  return { ok: true, value, tls: session.tls, auth: session.auth, logout };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

function detail(messages: readonly RedfishMessage[]): string {
  const text = summarizeMessages(messages);
  return text === '' ? '' : `: ${text}`;
}

interface SessionParts {
  ctx: ExchangeContext;
  agent: Agent;
  release: ReleaseEndpoint;
  label: string;
  tls: RedfishTlsFacts;
  serviceRoot: unknown;
  auth: RedfishAuthMode;
  password: string;
  token?: string;
  sessionUri?: string;
  authorization?: string;
}

/** The RedfishSession over one undici Agent (one keep-alive connection to the BMC). */
class Session implements RedfishSession {
  readonly auth: RedfishAuthMode;
  readonly tls: RedfishTlsFacts;
  readonly serviceRoot: unknown;
  readonly #parts: SessionParts;
  readonly #credentialHeaders: Record<string, string>;
  readonly #secrets: string[];
  #closing: Promise<RedfishCloseOutcome> | undefined;

  constructor(parts: SessionParts) {
    this.#parts = parts;
    this.auth = parts.auth;
    this.tls = parts.tls;
    this.serviceRoot = parts.serviceRoot;
    this.#credentialHeaders =
      parts.token !== undefined ? { 'x-auth-token': parts.token } : parts.authorization !== undefined ? { authorization: parts.authorization } : {};
    // The Basic header's token alone is password-equivalent too (base64 of user:password).
    const basicToken = parts.authorization?.replace(/^Basic /, '') ?? '';
    this.#secrets = [parts.password, parts.token ?? '', parts.authorization ?? '', basicToken].filter((s) => s !== '');
  }

  get(path: string): Promise<RedfishReply> {
    return this.#request('GET', path, undefined);
  }

  post(path: string, body: unknown): Promise<RedfishReply> {
    return this.#request('POST', path, body);
  }

  async #request(method: 'GET' | 'POST', path: string, body: unknown): Promise<RedfishReply> {
    const startedAt = performance.now();
    const elapsed = (): number => Math.round(performance.now() - startedAt);
    const { ctx, label } = this.#parts;
    const fail = (reason: TransportFailureReason, message: string, status?: number, messages?: RedfishMessage[]): RedfishReply => ({
      ok: false,
      reason,
      message: `${label}: ${redactSecrets(message, this.#secrets)}`,
      ...(status === undefined ? {} : { status }),
      ...(messages === undefined ? {} : { messages }),
      durationMs: elapsed(),
    });
    if (this.#closing) return fail('protocol', `${method} after the session was closed`);
    const target = redfishPath(path, ctx.origin);
    if (target === undefined) return fail('protocol', `refusing to request a path outside /redfish on this BMC: ${JSON.stringify(path.slice(0, 80)).replace(/[^\x20-\x7e]/g, '?')}`);
    const headers: Record<string, string> = { ...BASE_HEADERS, ...this.#credentialHeaders };
    let text: string | undefined;
    let secrets = this.#secrets;
    if (method === 'POST') {
      const serialized = serializeRequestBody(body ?? {});
      text = serialized.text;
      secrets = [...this.#secrets, ...serialized.secrets];
      headers['content-type'] = 'application/json';
    }
    const answer = await exchange(ctx, { method, path: target, headers, ...(text === undefined ? {} : { body: text }), secrets });
    if (!answer.ok) return fail(answer.reason, answer.message, answer.status);
    if (answer.status === 401) {
      const why = this.auth === 'session' ? 'the BMC no longer accepts the session' : 'basic authentication refused';
      return fail('auth', `${method} ${target}: ${why} (HTTP 401)${detail(answer.messages)}`, 401, answer.messages);
    }
    const location = headerValue(answer.headers['location']);
    return {
      ok: true,
      status: answer.status,
      json: answer.json,
      messages: answer.messages,
      location: location === undefined ? undefined : redfishPath(location, ctx.origin),
      durationMs: elapsed(),
    };
  }

  close(): Promise<RedfishCloseOutcome> {
    this.#closing ??= this.#logout();
    return this.#closing;
  }

  async #logout(): Promise<RedfishCloseOutcome> {
    const { ctx, agent, release, label, sessionUri } = this.#parts;
    let outcome: RedfishCloseOutcome = { ok: true };
    try {
      if (this.auth === 'session' && sessionUri !== undefined) {
        const logoutCtx: ExchangeContext = { ...ctx, signal: undefined, timeoutMs: Math.min(ctx.timeoutMs, MAX_LOGOUT_MS) };
        const answer = await exchange(logoutCtx, { method: 'DELETE', path: sessionUri, headers: { ...BASE_HEADERS, ...this.#credentialHeaders }, secrets: this.#secrets });
        if (!answer.ok) outcome = { ok: false, reason: answer.reason, message: `${label}: logout failed: ${redactSecrets(answer.message, this.#secrets)}` };
        else if (answer.status >= 300 && answer.status !== 404) {
          outcome = { ok: false, reason: 'protocol', message: `${label}: logout answered HTTP ${answer.status}${detail(answer.messages)}` };
        }
      }
    } finally {
      await agent.destroy().catch(() => {});
      release();
    }
    return outcome;
  }
}
