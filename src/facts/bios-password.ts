// The bmc.bios-password fact: what Bios.ChangePassword with the stored password proved.

/** What a ChangePassword answer proves. */
export type BiosPasswordOutcome =
  /** The BMC accepted the stored password as the old one (and set it to itself). */
  | 'accepted'
  /** The BMC says the old password is wrong: the BIOS password is not the stored one. */
  | 'wrong-password'
  /** The BMC has no ChangePassword action (or answers 404/405/501 to it). */
  | 'unsupported'
  /** The BMC queued the change as a job (202): nothing is proven until it runs. */
  | 'pending'
  /** The account may not change BIOS passwords (403). */
  | 'forbidden'
  /** Any other answer. */
  | 'unknown';

/** The probe's result: not tried (and why), or what the BMC answered. */
export type BiosPasswordFact =
  | { attempted: false; why: string }
  | { attempted: true; outcome: BiosPasswordOutcome; source: string; detail: string };
