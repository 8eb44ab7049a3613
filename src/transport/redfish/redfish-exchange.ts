// One HTTP exchange with a BMC over undici: a deadline on the whole of it, a byte cap on the
// answer, JSON parsing, and every failure classified. Knows nothing of sessions.
import type { Dispatcher } from 'undici';
import { undici } from './undici-module.js';
import { printableText } from '../../text/sanitize.js';
import { watchAbort } from '../watch-abort.js';
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import { classifyRedfishError } from './classify-redfish-error.js';
import { parseRedfishMessages, type RedfishMessage } from './extended-info.js';
import { readCappedBody } from './read-capped-body.js';
import { redactedPrintable, redactSecrets } from './redact.js';

/** How one exchange is made. */
export interface ExchangeContext {
  dispatcher: Dispatcher;
  origin: string;
  timeoutMs: number;
  maxResponseBytes: number;
  /** The caller's signal; when it aborts, the exchange ends with 'interrupted'. */
  signal: AbortSignal | undefined;
}

/** One request: method, path, headers (credentials among them), and body text. */
export interface ExchangeRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Secrets to cut out of any message built from the request or the answer, failures included. */
  secrets: readonly string[];
}

/** An answer as read off the wire, or a classified failure. */
export type ExchangeResult =
  | { ok: true; status: number; headers: Record<string, string | string[] | undefined>; json: unknown; messages: RedfishMessage[] }
  | { ok: false; reason: TransportFailureReason; message: string; status?: number };

const noop = (): void => {};

/**
 * Sends one request and reads the whole answer within the context's deadline and cap. The
 * deadline is kept even where undici cannot abort at once (a TCP or TLS connect in progress):
 * the exchange settles at the deadline and the abandoned request is torn down behind it.
 */
export async function exchange(ctx: ExchangeContext, req: ExchangeRequest): Promise<ExchangeResult> {
  const result = await exchangeOnce(ctx, req);
  return result.ok ? result : { ...result, message: redactSecrets(result.message, req.secrets) };
}

async function exchangeOnce(ctx: ExchangeContext, req: ExchangeRequest): Promise<ExchangeResult> {
  const what = `${req.method} ${redactedPrintable(req.path, req.secrets, (t) => printableText(t, 120))}`;
  const flags = { deadline: false, interrupted: false, timeoutMs: ctx.timeoutMs };
  const controller = new AbortController();
  let stop = noop;
  const stopped = new Promise<ExchangeResult>((resolve) => {
    stop = () => resolve({ ok: false, ...classifyRedfishError(undefined, what, flags, req.secrets) });
  });
  const timer = setTimeout(() => {
    flags.deadline = true;
    controller.abort();
    stop();
  }, ctx.timeoutMs);
  let unwatch = noop;
  if (ctx.signal) {
    unwatch = watchAbort(ctx.signal, () => {
      flags.interrupted = true;
      controller.abort();
      stop();
    });
  }
  try {
    if (flags.interrupted) return { ok: false, reason: 'interrupted', message: `${what}: interrupted` };
    return await Promise.race([send(ctx, req, what, flags, controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    unwatch();
  }
}

async function send(
  ctx: ExchangeContext,
  req: ExchangeRequest,
  what: string,
  flags: { deadline: boolean; interrupted: boolean; timeoutMs: number },
  signal: AbortSignal,
): Promise<ExchangeResult> {
  let status: number | undefined;
  try {
    const answer = await undici().request(`${ctx.origin}${req.path}`, {
      dispatcher: ctx.dispatcher,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      headersTimeout: ctx.timeoutMs,
      bodyTimeout: ctx.timeoutMs,
    });
    status = answer.statusCode;
    const body = await readCappedBody(answer.body, ctx.maxResponseBytes, answer.headers['content-length']);
    if (!body.ok) {
      const size = body.declared !== undefined ? `announced ${body.declared} bytes` : `sent more than ${ctx.maxResponseBytes} bytes`;
      return { ok: false, reason: 'output-limit', status, message: `${what}: the answer ${size}; the cap is ${ctx.maxResponseBytes}` };
    }
    let json: unknown;
    if (body.bytes.length > 0) {
      try {
        json = JSON.parse(body.bytes.toString('utf8'));
      } catch {
        if (status >= 200 && status < 300) {
          return { ok: false, reason: 'protocol', status, message: `${what}: HTTP ${status} with a body that is not JSON` };
        }
      }
    }
    return { ok: true, status, headers: answer.headers, json, messages: parseRedfishMessages(json, req.secrets) };
  } catch (error) {
    const failure = classifyRedfishError(error, what, flags, req.secrets);
    return { ok: false, ...failure, ...(status === undefined ? {} : { status }) };
  }
}
