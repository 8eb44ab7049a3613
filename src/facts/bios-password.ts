// The bmc.bios-password fact: how the BIOS administrator password was proven on this BMC, what
// the BMC answered, and what it has staged for the BIOS.
import type { BmcIdentity } from './bmc-identity.js';

/** What the BIOS password proof found. */
export type BiosPasswordOutcome =
  /** ChangePassword accepted the stored password as the old one on a BMC whose answer checks it (and set it to itself). */
  | 'accepted'
  /** ChangePassword was accepted, but this BMC's 2xx does not show that the old password was checked. */
  | 'accepted-unproven'
  /** The BMC says the old password is wrong, or that no BIOS password is set: not the stored one. */
  | 'wrong-password'
  /** Dell: SHA256SetupPassword equals sha256(stored password + salt). */
  | 'hash-match'
  /** Dell: it does not, under a formula that is unverified for BIOS passwords: no proof either way. */
  | 'hash-mismatch'
  /** No proof is known for this BMC family; nothing was written. */
  | 'cannot-prove'
  /** The write left a pending BIOS change that sets something else, or a reboot-time job that can fail. */
  | 'left-pending'
  /** The BMC has no ChangePassword action (or answers 404/405/501 to it). */
  | 'unsupported'
  /** The BMC queued the change as a job (202): nothing is proven until it runs. */
  | 'pending'
  /** The account may not change BIOS passwords (403). */
  | 'forbidden'
  /** Any other answer. */
  | 'unknown';

/** One staged BIOS change, as evidence names it (values never shown: a password's reads as null). */
export interface PendingChange {
  kind: 'attribute' | 'job';
  name: string;
  /** True when this can only be the write's own password, set to itself (a hidden password attribute). */
  setsStoredPassword: boolean;
}

/** The proof's result: not tried (and why), or what the BMC answered and what it has staged. */
export type BiosPasswordFact =
  | { attempted: false; why: string; bmc?: BmcIdentity }
  | {
      attempted: true;
      outcome: BiosPasswordOutcome;
      source: string;
      detail: string;
      /** The BMC as identified, which chose the method. */
      bmc?: BmcIdentity;
      /** How the password was proven on this BMC, and the source of that knowledge. */
      method?: string;
      /** Pending changes the write created (empty: none; absent: no write). */
      created?: PendingChange[];
      /** Staged before fleetcheck wrote anything (someone else's change, applied at the next reboot). */
      stagedBefore?: string[];
      /** Pending settings that could not be read, so a change may have gone unseen. */
      unread?: string[];
    };
