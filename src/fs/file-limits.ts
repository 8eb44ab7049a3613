// The most bytes fleetcheck reads from each kind of file it is told to read. Every one is far above
// what a real file of that kind holds; a file past its limit (or /dev/zero named by mistake) is
// refused by name instead of filling the scanner's memory.

/** Limits in bytes, one per kind of file. */
export const FILE_LIMITS = {
  /** The inventory: 60,000 hosts of one line each fit in about 3 MiB. */
  inventory: 4 * 1024 * 1024,
  /** An SSH private key: an RSA-16384 key in OpenSSH format is about 13 KiB. */
  sshIdentity: 256 * 1024,
  /** known_hosts: a few lines per host, for fleets of tens of thousands. */
  knownHosts: 64 * 1024 * 1024,
  /** A pinned certificate fingerprint: one line of 95 characters, with room for a comment. */
  pinnedFingerprint: 4096,
  /** A CA bundle for one BMC (Debian's whole system bundle is about 220 KiB). */
  caBundle: 1024 * 1024,
  /** The plain secrets file, and an age store: a few hundred bytes per host. */
  secretStore: 64 * 1024 * 1024,
  /** An age identity file: one line per identity. */
  ageIdentity: 1024 * 1024,
  /** A file given to `secrets import`. */
  secretsImport: 64 * 1024 * 1024,
} as const;
