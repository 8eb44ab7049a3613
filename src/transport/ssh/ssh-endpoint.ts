// Where and as whom to connect, as validated from the inventory; nothing here is checked again.

/** One SSH target with its trust anchors (known_hosts) and deadline. */
export interface SshEndpoint {
  /** Inventory name, used in messages only. */
  host: string;
  address: string;
  port: number;
  user: string;
  /** Private key file; when absent (or `agent` is true) the agent at $SSH_AUTH_SOCK is used. */
  identity?: string;
  agent: boolean;
  /** known_hosts file that decides which host keys are trusted. */
  knownHosts: string;
  /** Record the key of a host that has no entry yet; a changed key is never accepted. */
  acceptNewHostKeys: boolean;
  /** Deadline for TCP connect, banner, key exchange and authentication together. */
  connectTimeoutMs: number;
}

/** `inventory-name (user@address:port)`, the prefix of every message about this endpoint. */
export function describeEndpoint(endpoint: SshEndpoint): string {
  const address = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
  return `${endpoint.host} (${endpoint.user}@${address}:${endpoint.port})`;
}
