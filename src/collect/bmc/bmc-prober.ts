// One host's BMC conversation: every probe goes through here, one at a time (a BMC takes few
// sessions at once), and once the BMC proves silent the rest fail at once instead of waiting again.
import type { BmcSettings } from '../../inventory/types.js';
import { BMC_SILENT } from '../../facts/failure-reason.js';
import type { BmcLogin, IpmiOutcome, runIpmitool } from '../../transport/ipmi/ipmitool-session.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';

/** Drops outputs: what a check keeps of an ipmitool run. */
export function probeOutcome(outcome: IpmiOutcome): ProbeOutcome {
  return outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason, message: outcome.message, sessionOpened: outcome.sessionOpened === true };
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
