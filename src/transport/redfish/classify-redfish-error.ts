// Turns what undici, the socket and the TLS check throw into one classified failure, so a
// report can tell "nothing answered" from "too slow" from "not the BMC we pinned".
import { printableText } from '../../text/sanitize.js';
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import { redactedPrintable, redactSecrets } from './redact.js';
import { CertificateRejected } from './tls-trust.js';
import { PEER_CLOSED_CODES, UNREACHABLE_CODES } from '../network-errors.js';

/** A classified failure of one request. */
export interface ClassifiedFailure {
  reason: TransportFailureReason;
  message: string;
}

const TIMEOUTS: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'TCP connect or TLS handshake did not complete in time',
  UND_ERR_HEADERS_TIMEOUT: 'no answer headers in time',
  UND_ERR_BODY_TIMEOUT: 'the answer body stalled',
  ETIMEDOUT: 'timed out (ETIMEDOUT)',
};

/** The error's own code, or that of its cause (undici wraps socket errors). */
function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Classifies an error thrown while sending `what` (e.g. "GET /redfish/v1/Systems"). `deadline`
 * and `interrupted` say whether our own timer or the caller's signal aborted the request,
 * which outranks whatever error the abort surfaced as. The error's text may quote the request
 * (its URL, headers or body): every one of `secrets` is cut out of the message.
 */
export function classifyRedfishError(
  error: unknown,
  what: string,
  flags: { deadline: boolean; interrupted: boolean; timeoutMs: number },
  secrets: readonly string[] = [],
): ClassifiedFailure {
  const failure = classify(error, what, flags, secrets);
  return { ...failure, message: redactSecrets(failure.message, secrets) };
}

function classify(error: unknown, what: string, flags: { deadline: boolean; interrupted: boolean; timeoutMs: number }, secrets: readonly string[]): ClassifiedFailure {
  if (flags.interrupted) return { reason: 'interrupted', message: `${what}: interrupted` };
  if (flags.deadline) return { reason: 'timeout', message: `${what}: no complete answer within ${flags.timeoutMs} ms` };
  if (error instanceof CertificateRejected) return { reason: 'certificate-mismatch', message: error.message };
  const code = codeOf(error);
  const text = redactedPrintable(error instanceof Error ? error.message : String(error), secrets, (t) => printableText(t));
  if (code !== undefined) {
    const unreachable = UNREACHABLE_CODES[code];
    if (unreachable) return { reason: 'unreachable', message: `${what}: ${unreachable} (${code})` };
    const timeout = TIMEOUTS[code];
    if (timeout) return { reason: 'timeout', message: `${what}: ${timeout}` };
    if (PEER_CLOSED_CODES.has(code) || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
      return { reason: 'protocol', message: `${what}: connection closed by the BMC (${code})` };
    }
    if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return { reason: 'protocol', message: `${what}: TLS failed: ${text}` };
  }
  return { reason: 'protocol', message: `${what}: ${text}${code ? ` (${code})` : ''}` };
}
