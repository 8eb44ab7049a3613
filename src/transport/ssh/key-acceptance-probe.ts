// Asks one host's sshd, account by account, whether it would accept each of a set of public
// keys, within sshd's limits: one account per connection (sshd ends a connection whose user name
// changes), fewer refusals per connection than MaxAuthTries, few connections per host (OpenSSH
// ≥ 9.8 penalises a source address for connections that authenticated and left), one at a time.
import type { ParsedKey } from 'ssh2';
import type { TransportError } from '../transport-error.js';
import { queryKeys, type KeyAnswer, type KeyQueryResult, type KeyQueryTarget } from './key-query-connection.js';

/** sshd's MaxAuthTries is 6 by default and it disconnects at the 6th refusal: 5 keys fit one connection. */
export const KEYS_PER_CONNECTION = 5;

/** Connections one host gets at most: PerSourcePenalties (authfail 5 s, enforced from 15 s) tolerates few. */
export const MAX_CONNECTIONS_PER_HOST = 6;

/**
 * How long a further connection waits on a server that penalises failed authentication: each
 * such connection costs the source address 5 s (PerSourcePenalties authfail), enforced from 15 s;
 * two at once and one per 5 s after that stay below it.
 */
export const PENALTY_SPACING_MS = 5_000;

/** Whether the banner's software is OpenSSH 9.8 or later, which has PerSourcePenalties on by default. */
export function penalisesFailedAuth(software: string | undefined): boolean {
  const m = /^OpenSSH_(\d+)\.(\d+)/.exec(software ?? '');
  if (!m) return false;
  const major = Number(m[1]);
  return major > 9 || (major === 9 && Number(m[2]) >= 8);
}

/** One account and key that was asked about, or could not be. */
export interface ProbeAnswer {
  account: string;
  /** Index into the keys given to probeKeyAcceptance. */
  key: number;
  answer: KeyAnswer | 'unasked';
  /** Why the key was not asked about (a connection that ended, the connection budget). */
  why?: string;
}

/** Everything one host's probe learnt. */
export interface ProbeOutcome {
  answers: ProbeAnswer[];
  /** The scanner's address as the host saw it, from the first connection that got that far. */
  sourceAddress?: string;
  connections: number;
}

/** Limits of one probe; the defaults are sshd's defaults. */
export interface ProbeLimits {
  keysPerConnection?: number;
  maxConnections?: number;
  /** The probe's own deadline over all connections; each connection is bounded by the target's timeout as well. */
  deadlineAt?: number;
  signal?: AbortSignal;
  /** The one connection primitive; injected by tests. */
  query?: typeof queryKeys;
  /** The wait between connections to a penalising server; injected by tests. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection that failed this way will fail the same way for the next account: stop asking. */
function endsProbe(ended: TransportError, answered: number): boolean {
  if (['unreachable', 'timeout', 'host-key-unknown', 'host-key-mismatch', 'interrupted'].includes(ended.reason)) return true;
  // A connection dropped before any answer (a penalised address, a broken peer) says nothing about keys.
  return answered === 0;
}

/**
 * Asks about every key for every account; never rejects. Answers come back in account order;
 * a key that could not be asked about is `unasked` with the reason, never a refusal.
 */
export async function probeKeyAcceptance(
  target: KeyQueryTarget,
  accounts: readonly string[],
  keys: readonly ParsedKey[],
  limits: ProbeLimits = {},
): Promise<ProbeOutcome> {
  const query = limits.query ?? queryKeys;
  const maxConnections = limits.maxConnections ?? MAX_CONNECTIONS_PER_HOST;
  const answers: ProbeAnswer[] = [];
  let sourceAddress: string | undefined;
  let connections = 0;
  let stopped: string | undefined;
  let penalising = false;

  for (const account of accounts) {
    let pending = keys.map((_, index) => index);
    let batch = limits.keysPerConnection ?? KEYS_PER_CONNECTION;
    while (pending.length > 0 && stopped === undefined) {
      if (connections >= maxConnections) {
        stopped = `not asked: the probe's budget of ${maxConnections} connections per host was spent (sshd penalises many failed connections from one address)`;
        break;
      }
      if (penalising && connections >= 2) {
        if (limits.deadlineAt !== undefined && Date.now() + PENALTY_SPACING_MS >= limits.deadlineAt) {
          stopped = 'not asked: the host penalises failed connections (OpenSSH 9.8 or later), and spacing them would pass the deadline';
          break;
        }
        await (limits.sleep ?? realSleep)(PENALTY_SPACING_MS);
        if (limits.signal?.aborted) {
          stopped = 'not asked: interrupted';
          break;
        }
      }
      const remainingMs = limits.deadlineAt === undefined ? target.timeoutMs : Math.min(target.timeoutMs, limits.deadlineAt - Date.now());
      if (remainingMs <= 0) {
        stopped = 'not asked: the probe deadline passed';
        break;
      }
      const asked = pending.slice(0, batch);
      connections++;
      const result: KeyQueryResult = await query({ ...target, timeoutMs: remainingMs }, account, asked.map((i) => keys[i]!), limits.signal);
      sourceAddress ??= result.sourceAddress;
      penalising ||= penalisesFailedAuth(result.serverSoftware);
      result.answers.forEach((answer, n) => answers.push({ account, key: asked[n]!, answer }));
      pending = pending.slice(result.answers.length);
      if (!result.ended) continue;
      if (endsProbe(result.ended, result.answers.length)) {
        stopped = `not asked: ${result.ended.message}`;
        break;
      }
      // sshd cut the connection after this many refusals: its MaxAuthTries is lower than ours.
      batch = Math.max(1, result.answers.length);
    }
    for (const key of pending) answers.push({ account, key, answer: 'unasked', why: stopped ?? 'not asked' });
  }
  return { answers, ...(sourceAddress === undefined ? {} : { sourceAddress }), connections };
}
