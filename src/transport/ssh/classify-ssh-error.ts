// Turns the errors ssh2 and the socket emit into one classified TransportError, so the runner
// can report "unreachable" apart from "timeout" apart from "the peer broke the protocol".
import { TransportError } from '../transport-error.js';
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import { printableText } from '../../text/sanitize.js';
import { PEER_CLOSED_CODES, UNREACHABLE_CODES } from '../network-errors.js';

/** How far a connection got; it decides the wording of a failure and, for disconnects, its reason. */
export type SshPhase = 'tcp' | 'banner' | 'kex' | 'auth' | 'session';

/** Human wording of each phase for messages. */
export const PHASE_WORDING: Record<SshPhase, string> = {
  tcp: 'TCP connect',
  banner: 'waiting for the SSH banner',
  kex: 'SSH key exchange',
  auth: 'authentication',
  session: 'the session',
};


interface Ssh2Error {
  message?: unknown;
  code?: unknown;
  level?: unknown;
}

/**
 * Classifies an error emitted by an ssh2 Client or its socket during `phase`. Host key and
 * authentication verdicts are decided by the caller, which knows what it tried; this covers
 * the rest.
 */
export function classifySshError(error: unknown, label: string, phase: SshPhase): TransportError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Ssh2Error;
  const message = printableText(typeof e.message === 'string' ? e.message : String(error));
  const code = e.code;
  const make = (reason: TransportFailureReason, text: string) =>
    new TransportError(reason, `${label}: ${text}`, { cause: error });

  if (typeof code === 'string') {
    const unreachable = UNREACHABLE_CODES[code];
    if (unreachable) return make('unreachable', `${unreachable} (${code})`);
    if (code === 'ETIMEDOUT') return make('timeout', `${PHASE_WORDING[phase]} timed out (ETIMEDOUT)`);
    if (PEER_CLOSED_CODES.has(code)) return make('protocol', `connection reset by the peer during ${PHASE_WORDING[phase]} (${code})`);
  }
  if (e.level === 'client-timeout') return make('timeout', `${PHASE_WORDING[phase]} did not complete in time`);
  if (e.level === 'client-dns') return make('unreachable', 'name does not resolve');
  if (typeof code === 'number') {
    // An SSH DISCONNECT from the peer; its description is peer text.
    const reason: TransportFailureReason = phase === 'auth' ? 'auth' : 'protocol';
    return make(reason, `peer disconnected during ${PHASE_WORDING[phase]}: ${message}`);
  }
  if (e.level === 'client-authentication') return make('auth', message);
  if (e.level === 'handshake') return make('protocol', `SSH handshake failed: ${message}`);
  return make('protocol', `${PHASE_WORDING[phase]} failed: ${message}`);
}
