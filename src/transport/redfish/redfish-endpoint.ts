// Where and how to reach one BMC's Redfish service, as validated from the inventory; nothing here is checked again.
import type { Secret } from '../../model/secret.js';

/**
 * How the BMC's TLS certificate is trusted. `pinned` compares the SHA-256 fingerprint of the
 * certificate the BMC presents (any formatting parseSha256Fingerprint accepts); `ca` verifies
 * the chain and the address against a CA file; `insecure` checks nothing, and every
 * session and failure says so, so reports can flag it.
 */
export type RedfishTrust =
  | { kind: 'pinned'; sha256: string }
  | { kind: 'ca'; caFile: string }
  | { kind: 'insecure' };

/** One BMC's Redfish service and how patiently to talk to it. */
export interface RedfishEndpoint {
  /** Inventory name, used in messages only. */
  host: string;
  address: string;
  /** TCP port of HTTPS, normally 443. */
  port: number;
  trust: RedfishTrust;
  /** Deadline of each request: connect, TLS, headers and the whole body. */
  timeoutMs: number;
  /** Most bytes read from one response body before it is dropped as 'output-limit' (default 4 MiB). */
  maxResponseBytes?: number;
}

/** The credentials for one session. Only the transport reveals the password, into a request body or header. */
export interface RedfishLogin {
  user: string;
  password: Secret;
}

/** Largest response body read when the endpoint sets no cap: a BIOS resource is tens of KiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** `inventory-name (redfish user@address:port)`, the prefix of every message about this endpoint. */
export function describeRedfishEndpoint(endpoint: RedfishEndpoint, user?: string): string {
  const address = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
  return `${endpoint.host} (redfish ${user === undefined ? '' : `${user}@`}${address}:${endpoint.port})`;
}

/** `https://address:port`, the origin every request of this endpoint goes to. */
export function redfishOrigin(endpoint: Pick<RedfishEndpoint, 'address' | 'port'>): string {
  const address = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
  return `https://${address}:${endpoint.port}`;
}
