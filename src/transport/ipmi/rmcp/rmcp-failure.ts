// How an RMCP+ exchange failed, as data: a transport reason the rest of fleetcheck knows, a finer
// kind for tests and messages, and a text that never holds a password, an HMAC or a key.
import type { TransportFailureReason } from '../../../facts/failure-reason.js';

/** What exactly went wrong on the wire; each maps to one transport reason. */
export type RmcpFailureKind =
  | 'no-answer' // nothing came back to a request, resends included
  | 'deadline' // the BMC's deadline (inventory `bmc.timeout`) passed mid-exchange
  | 'malformed' // a datagram that is not a well-formed RMCP/IPMI packet
  | 'oversized' // a datagram longer than any reply the exchange expects
  | 'out-of-order' // a well-formed reply that answers something else (tag, session id, payload type, sequence)
  | 'refused' // the BMC answered with an RMCP+ status or completion code that refuses the step
  | 'socket' // the local socket failed
  | 'interrupted'; // the caller's signal aborted the exchange

/** A failed RMCP+ step. `status` is the RMCP+ status or IPMI completion code when the BMC sent one. */
export interface RmcpFailure {
  ok: false;
  reason: TransportFailureReason;
  kind: RmcpFailureKind;
  message: string;
  status?: number;
}

/** A step's result: its value, or a classified failure; nothing throws across a BMC's boundary. */
export type RmcpResult<T> = { ok: true; value: T } | RmcpFailure;

/** Shorthand for a failure. */
export function rmcpFailure(reason: TransportFailureReason, kind: RmcpFailureKind, message: string, status?: number): RmcpFailure {
  return status === undefined ? { ok: false, reason, kind, message } : { ok: false, reason, kind, message, status };
}

/** A reply that broke the protocol: always 'protocol', never a refusal or a pass. */
export function protocolFailure(kind: 'malformed' | 'oversized' | 'out-of-order', message: string): RmcpFailure {
  return rmcpFailure('protocol', kind, message);
}
