// How fleetcheck got into a host over SSH in this run, for the report's per-host access line.

/** The login the SSH collector made: as whom, through sudo or not, with which key. */
export interface SshLoginFact {
  user: string;
  /** The collecting command ran through `sudo -n` (the login user is not root). */
  sudo: boolean;
  /** SHA256 fingerprint of the public key sshd accepted, when known. */
  keyFingerprint?: string;
}
