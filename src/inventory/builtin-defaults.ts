// Settings that apply when neither the file's defaults, the rack's nor the host set them.

/** The values fleetcheck uses for anything the inventory leaves unset (all but addresses and knownHosts). */
export const BUILTIN_DEFAULTS = {
  ssh: { user: 'root', port: 22, connectTimeoutMs: 5_000, commandTimeoutMs: 20_000 },
  bmc: { port: 623, cipherSuite: 3, channel: 1, timeoutMs: 10_000, retries: 1 },
  redfish: { port: 443 },
  hostTimeoutMs: 60_000,
  concurrency: { global: 64, perRack: 32, bmc: 32 },
} as const;
