// The TLS side of a Redfish connection: undici's own connector does the handshake, and before
// undici may write a single byte of HTTP (credentials included) the presented certificate is
// checked against the endpoint's trust: a pinned SHA-256 fingerprint, a CA file, or nothing
// at all when the inventory explicitly says `insecure`.
import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import { undici } from './undici-module.js';
import { certificateSha256, formatSha256Fingerprint, sameFingerprint } from '../../text/certificate-fingerprint.js';

/** What a session knows about its TLS peer, for reports: how it was trusted and what it presented. */
export interface RedfishTlsFacts {
  trust: 'pinned' | 'ca' | 'insecure';
  /** SHA-256 fingerprint (AB:CD:…) of the certificate the BMC presented; undefined before a handshake. */
  presented: string | undefined;
}

/** The trust decision, resolved: a parsed pin or the CA file's contents. */
export type ResolvedTrust = { kind: 'pinned'; sha256: Buffer } | { kind: 'ca'; ca: Buffer; caFile: string } | { kind: 'insecure' };

/** Marks the failure of a certificate check, so classification can tell it from other TLS errors. */
export class CertificateRejected extends Error {
  override readonly name = 'CertificateRejected';
}

/**
 * A connector for undici's Agent that records the presented fingerprint in `facts` and fails
 * the connection with CertificateRejected when it does not satisfy `trust`. The chain is never
 * rejected inside the handshake itself, so the message can always name what was presented.
 * TLS session resumption is off: every connection shows its certificate again.
 */
export function trustingConnector(trust: ResolvedTrust, facts: RedfishTlsFacts, timeoutMs: number): buildConnector.connector {
  const connect = undici().buildConnector({
    rejectUnauthorized: false,
    ...(trust.kind === 'ca' ? { ca: trust.ca } : {}),
    maxCachedSessions: 0,
    timeout: timeoutMs,
    minVersion: 'TLSv1.2',
  });
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error !== null) return callback(error, null);
      const tls = socket as TLSSocket;
      const raw = typeof tls.getPeerCertificate === 'function' ? tls.getPeerCertificate().raw : undefined;
      if (!raw || raw.length === 0) {
        tls.destroy();
        return callback(new CertificateRejected('the BMC presented no certificate'), null);
      }
      const presented = certificateSha256(raw);
      facts.presented = formatSha256Fingerprint(presented);
      const verdict = judgeCertificate(trust, presented, tls.authorized, tls.authorizationError);
      if (verdict !== undefined) {
        tls.destroy();
        return callback(new CertificateRejected(verdict), null);
      }
      callback(null, tls);
    });
  };
}

/** Why a presented certificate is refused under `trust`, or undefined when it is accepted. Pure. */
export function judgeCertificate(
  trust: ResolvedTrust,
  presented: Buffer,
  chainAuthorized: boolean,
  authorizationError: Error | string | null | undefined,
): string | undefined {
  const shown = formatSha256Fingerprint(presented);
  switch (trust.kind) {
    case 'insecure':
      return undefined;
    case 'pinned':
      if (sameFingerprint(presented, trust.sha256)) return undefined;
      return `CERTIFICATE CHANGED: the BMC presented SHA-256 ${shown}, but the inventory pins ${formatSha256Fingerprint(trust.sha256)}`;
    case 'ca': {
      if (chainAuthorized) return undefined;
      const why = authorizationError instanceof Error ? authorizationError.message : String(authorizationError ?? 'not verified');
      return `the BMC's certificate (SHA-256 ${shown}) does not verify against ${trust.caFile}: ${why.replace(/[^\x20-\x7e]/g, '?').slice(0, 120)}`;
    }
  }
}
