// A BMC in memory behind the NativeProber interface: user names with passwords, the null user,
// cipher suite 0, silence. It keeps the native prober's rules (one handshake per name, a session
// only for a confirmed password) and records every step, so collector tests can count what a real
// BMC would have seen.
import type { CipherZeroOutcome, HandshakeCounts, NativeProber, UserTableProof } from '../../../src/collect/bmc/native-prober.js';
import type { ProbeOutcome } from '../../../src/facts/probe-outcome.js';
import type { UserTableRead } from '../../../src/transport/ipmi/rmcp/read-user-table.js';
import type { BmcPrivilege } from '../../../src/model/bmc-privilege.js';
import type { Secret } from '../../../src/model/secret.js';

/** How the BMC in memory behaves. */
export interface MemoryBmcSpec {
  /** Enabled users by name ('' is the null user) and their passwords. */
  users: Record<string, string>;
  /** Get Channel Authentication Capabilities' null-user bits; derived from `users['']` when absent. */
  anonymousLogin?: boolean;
  cipherZero?: 'refused' | 'accepted';
  /** Nothing answers: every step is 'unreachable'. */
  silent?: boolean;
  /** The user table a confirmed login's session reads, or how the read fails; a 'protocol' failure when absent. */
  table?: UserTableRead | (ProbeOutcome & { ok: false });
}

/** A NativeProber over `spec`, and what it saw. */
export function memoryBmc(spec: MemoryBmcSpec): { native: NativeProber; handshakes: string[]; rakp3: Array<{ user: string }>; tableReads: Array<{ user: string; channel: number }>; counts: () => HandshakeCounts } {
  const handshakes: string[] = [];
  const tableReads: Array<{ user: string; channel: number }> = [];
  const rakp3: Array<{ user: string }> = [];
  const opened = new Set<string>();
  let foreign = 0;
  const silent = { ok: false as const, reason: 'unreachable' as const, message: 'no answer from the BMC', sessionOpened: false };
  const counts = (): HandshakeCounts => {
    const begun = handshakes.length + foreign;
    return { begun, finished: opened.size, unfinished: begun - opened.size };
  };
  const native: NativeProber = {
    authCapabilities: async () => {
      if (spec.silent) return silent;
      const anon = spec.anonymousLogin ?? spec.users[''] === '';
      return {
        ok: true,
        value: { channel: 1, authTypes: { none: true, md2: true, md5: true, straight: true, oem: false }, nullUserNames: false, anonymousLogin: anon, nonNullUserNames: true, perMessageAuthDisabled: false, userLevelAuthDisabled: false, kgSet: false, ipmi20: true },
      };
    },
    prove: async (user: string, _privilege: BmcPrivilege, password: Secret) => {
      if (spec.silent) return silent;
      if (!handshakes.includes(user)) handshakes.push(user);
      const held = spec.users[user];
      if (held === undefined) return { ok: false, reason: 'unknown-user', message: 'RAKP 2 refused the login: unauthorized name', sessionOpened: false };
      if (held !== password.reveal()) return { ok: false, reason: 'auth', message: "the BMC's RAKP 2 code refutes this password (no login was tried)", sessionOpened: false };
      if (!opened.has(user)) {
        rakp3.push({ user });
        opened.add(user);
      }
      return { ok: true };
    },
    readUsers: async (user: string, privilege: BmcPrivilege, password: Secret, channel: number): Promise<UserTableProof> => {
      const openedBefore = opened.has(user);
      const login = await native.prove(user, privilege, password);
      if (!login.ok) return { login };
      if (openedBefore) return { login, table: { ok: false, reason: 'protocol', message: `the session of ${user} was already closed before the user table was asked for`, sessionOpened: true } };
      tableReads.push({ user, channel });
      const table = spec.table ?? { ok: false, reason: 'protocol', message: 'this BMC in memory holds no user table', sessionOpened: true };
      return { login, table: 'rows' in table ? { ok: true, value: table } : table };
    },
    cipherZero: async (users: readonly string[]): Promise<CipherZeroOutcome> => {
      if (spec.silent) return { openSession: { accepted: false, refusal: silent }, attempts: [] };
      if (spec.cipherZero !== 'accepted') return { openSession: { accepted: false, refusal: { ok: false, reason: 'auth', message: 'Open Session refused cipher suite 0: invalid authentication algorithm', sessionOpened: false } }, attempts: [] };
      const attempts: CipherZeroOutcome['attempts'] = [];
      for (const user of users) {
        handshakes.push(`${user}@suite0`);
        if (spec.users[user] === undefined) {
          attempts.push({ user, outcome: { ok: false, reason: 'unknown-user', message: 'RAKP 2 refused the login: unauthorized name', sessionOpened: false } });
          continue;
        }
        opened.add(`${user}@suite0`);
        attempts.push({ user, outcome: { ok: true } });
        break;
      }
      return { openSession: { accepted: true }, attempts };
    },
    finish: counts,
    silence: () => (spec.silent ? silent : undefined),
    noteForeignUnfinished: () => {
      foreign++;
    },
  };
  return { native, handshakes, rakp3, tableReads, counts };
}
