// One host's BMC conversation: every probe goes through here, one at a time (a BMC takes few
// sessions at once), and once the BMC proves silent the rest fail at once instead of waiting again.
import type { BmcSettings } from '../../inventory/types.js';
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import type { BmcLogin, IpmiOutcome, runIpmitool } from '../../transport/ipmi/ipmitool-session.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';

/** Reasons that say the BMC itself did not answer: another probe would only wait again. */
export const BMC_SILENT: ReadonlySet<TransportFailureReason> = new Set(['unreachable', 'timeout', 'tool', 'interrupted']);

/** Reasons that prove the BMC refused the login, as opposed to a BMC we could not ask. */
export const LOGIN_REFUSED: ReadonlySet<TransportFailureReason> = new Set(['auth', 'unknown-user', 'privilege']);

/** Drops outputs: what a check keeps of an ipmitool run. */
export function probeOutcome(outcome: IpmiOutcome): ProbeOutcome {
  return outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason, message: outcome.message };
}

/** Runs ipmitool against one BMC, sequentially, remembering a silent BMC. */
export class BmcProber {
  #silent: (IpmiOutcome & { ok: false }) | undefined;
  constructor(
    readonly endpoint: BmcSettings,
    private readonly run: typeof runIpmitool,
    private readonly signal?: AbortSignal,
  ) {}

  /** Whether the BMC has already proved silent. */
  get silent(): boolean {
    return this.#silent !== undefined;
  }

  /** One ipmitool run (one session); `cipherSuite` overrides the pinned suite for the cipher-zero probe. */
  async session(login: BmcLogin, commands: string[][], cipherSuite?: number): Promise<IpmiOutcome> {
    if (this.#silent) return this.#silent;
    const endpoint = cipherSuite === undefined ? this.endpoint : { ...this.endpoint, cipherSuite };
    const outcome = await this.run(endpoint, login, commands, { ...(this.signal ? { signal: this.signal } : {}) });
    if (!outcome.ok && BMC_SILENT.has(outcome.reason)) this.#silent = outcome;
    return outcome;
  }
}
