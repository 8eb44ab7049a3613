// Tries each stored initial BMC account against the BMC: a real RMCP+ session at the stored privilege.
import type { BmcSettings } from '../../inventory/types.js';
import type { BmcPrivilege } from '../../model/bmc-privilege.js';
import type { StoredBmcAccount } from '../../secrets/secret-store.js';
import type { TransportFailureReason } from '../../transport/transport-error.js';
import type { IpmiOutcome, runIpmitool } from '../../transport/ipmi/ipmitool-session.js';
import type { FactResult } from '../fact-result.js';

/** How one stored account fared; the message is already free of secrets. */
export interface InitialLoginAttempt {
  user: string;
  privilege: BmcPrivilege;
  cipherSuite: number;
  outcome: { ok: true } | { ok: false; reason: TransportFailureReason; message: string };
}

/** The login attempts for every stored initial account of one host. */
export interface InitialLoginsFact {
  attempts: InitialLoginAttempt[];
}

/** Reasons that say the BMC itself did not answer: trying the next account would only wait again. */
const BMC_SILENT: ReadonlySet<TransportFailureReason> = new Set(['unreachable', 'timeout', 'tool', 'interrupted']);

/**
 * Opens one session per stored account, one after the other (a BMC takes few sessions at once).
 * Once the BMC proves silent, the remaining accounts get the same failure without another wait.
 */
export async function collectInitialLogins(
  endpoint: BmcSettings,
  accounts: readonly StoredBmcAccount[],
  run: typeof runIpmitool,
  signal?: AbortSignal,
): Promise<FactResult<InitialLoginsFact>> {
  const attempts: InitialLoginAttempt[] = [];
  let silent: (IpmiOutcome & { ok: false }) | undefined;
  for (const account of accounts) {
    const outcome: IpmiOutcome = silent ?? (await run(endpoint, account, [['session', 'info', 'active']], { signal }));
    if (!outcome.ok && BMC_SILENT.has(outcome.reason)) silent = outcome;
    attempts.push({
      user: account.user,
      privilege: account.privilege,
      cipherSuite: endpoint.cipherSuite,
      outcome: outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason, message: outcome.message },
    });
  }
  return { ok: true, value: { attempts } };
}
