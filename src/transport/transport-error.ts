// The one error type a transport throws: a broken connection with a classified reason.
import type { TransportFailureReason } from '../facts/failure-reason.js';

/** Thrown by transports; the runner turns it into an `error` finding for one host. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly reason: TransportFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
