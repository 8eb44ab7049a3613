// What the BMC probes ask of the native RMCP+ client, as one small interface: the tests give it a
// BMC in memory, the scan gives it rmcp-prober.ts. Every answer is a probe outcome, never a throw.
import type { BmcPrivilege } from '../../model/bmc-privilege.js';
import type { Secret } from '../../model/secret.js';
import type { HandshakeCounts } from '../../facts/bmc-handshakes.js';
import type { AuthCapabilities } from '../../transport/ipmi/rmcp/auth-capabilities.js';
import type { ProbeOutcome } from '../../facts/probe-outcome.js';
import type { UserTableRead } from '../../transport/ipmi/rmcp/read-user-table.js';

export type { HandshakeCounts } from '../../facts/bmc-handshakes.js';

/** The suite-0 probe's result: Open Session's answer, and where accepted, what a handshake then did. */
export interface CipherZeroOutcome {
  /** The Open Session answer: refused (with the BMC's words), or accepted. */
  openSession: { accepted: true } | { accepted: false; refusal: ProbeOutcome & { ok: false } };
  /** Handshakes run after an acceptance, one per name until one is not unknown: each name's outcome. */
  attempts: Array<{ user: string; outcome: ProbeOutcome }>;
}

/** A stored login proven, and the user table read in the session it opened. */
export interface UserTableProof {
  /** What `prove` would have answered for the login. */
  login: ProbeOutcome;
  /** The table, or why it could not be read; absent when no session opened (the login is not proven). */
  table?: { ok: true; value: UserTableRead } | (ProbeOutcome & { ok: false });
}

/** One BMC's native probes; each user name gets at most one handshake for the whole conversation. */
export interface NativeProber {
  /** Get Channel Authentication Capabilities for the inventory's LAN channel (asked once). */
  authCapabilities(): Promise<{ ok: true; value: AuthCapabilities } | (ProbeOutcome & { ok: false })>;
  /**
   * Proves `password` for `user` by the RAKP 2 code of the name's one handshake (begun at
   * `privilege` if this is its first use). A confirmed password is completed into a session
   * (RAKP 3/4) and closed: `{ ok: true }`. A refuted one is 'auth' and sends nothing more.
   */
  prove(user: string, privilege: BmcPrivilege, password: Secret): Promise<ProbeOutcome>;
  /**
   * `prove`, and in the session a confirmed password opens, the user table of `channel` read at
   * `privilege` (Set Session Privilege Level, Get User Access per slot, and Get User Name for each
   * slot that can log in over the LAN).
   */
  readUsers(user: string, privilege: BmcPrivilege, password: Secret, channel: number): Promise<UserTableProof>;
  /** Open Session proposing cipher suite 0; if accepted, a handshake per name in `users` until one is known. */
  cipherZero(users: readonly string[]): Promise<CipherZeroOutcome>;
  /** Leaves every open handshake (counted unfinished), closes the socket, and says what the BMC saw. */
  finish(): HandshakeCounts;
  /** The failure that showed the BMC silent or stalled (nothing more is asked of it), if any. */
  silence(): (ProbeOutcome & { ok: false }) | undefined;
  /** Notes a handshake another client (ipmitool) began for us and did not finish. */
  noteForeignUnfinished(): void;
}
