// A collected fact, or the reason it could not be collected: checks judge either, never a missing value.
import type { TransportFailureReason } from './failure-reason.js';

/**
 * Why a fact is missing: a transport failure, a secret we could not read, a store with no entry at
 * all for the key (`secret-absent`: an error for checks that need the secret, "nothing kept" for
 * checks that judge the store), or a collector that could not run.
 */
export type FactFailureReason = TransportFailureReason | 'secret' | 'secret-absent' | 'collector';

/** A typed fact or a classified failure; failures become `error` findings, never `pass`. */
export type FactResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: FactFailureReason; message: string };

/** Shorthand for a failed fact. */
export function factFailure<T>(reason: FactFailureReason, message: string): FactResult<T> {
  return { ok: false, reason, message };
}
