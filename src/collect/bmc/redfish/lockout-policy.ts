// How many failed logins a BMC tolerates, from AccountService (DSP0268
// AccountLockoutThreshold / AccountLockoutDuration), and whether one more may be risked. Pure.

/** The lockout policy a BMC states; undefined fields were not stated (or not read). */
export interface LockoutPolicy {
  /** Failed logins that lock an account; 0 means never. */
  threshold?: number;
  durationSeconds?: number;
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/** The policy an AccountService resource states. */
export function parseLockoutPolicy(accountService: unknown): LockoutPolicy {
  const s = typeof accountService === 'object' && accountService !== null ? (accountService as Record<string, unknown>) : {};
  const policy: LockoutPolicy = {};
  const threshold = count(s['AccountLockoutThreshold']);
  const duration = count(s['AccountLockoutDuration']);
  if (threshold !== undefined) policy.threshold = threshold;
  if (duration !== undefined) policy.durationSeconds = duration;
  return policy;
}

/**
 * The threshold assumed when the BMC states none (or it could not be read): the lowest seen on
 * real BMCs, 3 failures (Dell's IP blocking, 3 within 60 s; Supermicro, 3 then 30 s; from public
 * captures, ../shared/BMC-FACTS.md).
 */
export const ASSUMED_LOCKOUT_THRESHOLD = 3;

/**
 * Whether another login may be tried after `failedSoFar` failed ones in this run: never so many
 * that the run reaches the threshold (a lockout would cost the customer their BMC for its
 * duration, and some BMCs count failures per source address, not per account). A threshold of 0
 * means the BMC never locks.
 */
export function mayTryLogin(policy: LockoutPolicy | undefined, failedSoFar: number): boolean {
  const threshold = policy?.threshold ?? ASSUMED_LOCKOUT_THRESHOLD;
  if (threshold === 0) return true;
  return failedSoFar + 1 < threshold;
}
