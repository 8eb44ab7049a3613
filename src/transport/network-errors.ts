// Socket error codes every TCP transport reads the same way.

/** Error codes that mean nothing answered at the address, with the words reports use for them. */
export const UNREACHABLE_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'name does not resolve',
  EAI_AGAIN: 'name resolution failed',
  EADDRNOTAVAIL: 'address not available',
};

/** Error codes that mean the peer dropped a connection it had accepted. */
export const PEER_CLOSED_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
