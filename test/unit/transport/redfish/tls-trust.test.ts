import { describe, expect, it } from 'vitest';
import { classifyRedfishError } from '../../../../src/transport/redfish/classify-redfish-error.js';
import { CertificateRejected, judgeCertificate } from '../../../../src/transport/redfish/tls-trust.js';

const A = Buffer.alloc(32, 0xaa);
const B = Buffer.alloc(32, 0xbb);

describe('judging a presented certificate', () => {
  it('accepts the pinned one and names both fingerprints otherwise', () => {
    expect(judgeCertificate({ kind: 'pinned', sha256: A }, A, false, 'DEPTH_ZERO_SELF_SIGNED_CERT')).toBeUndefined();
    const refusal = judgeCertificate({ kind: 'pinned', sha256: A }, B, true, null);
    expect(refusal).toContain(`presented SHA-256 ${'BB:'.repeat(31)}BB`);
    expect(refusal).toContain(`pins ${'AA:'.repeat(31)}AA`);
  });

  it('accepts a verified chain under a CA file and explains a failed one', () => {
    const trust = { kind: 'ca' as const, ca: Buffer.from(''), caFile: '/etc/bmc-ca.pem' };
    expect(judgeCertificate(trust, A, true, null)).toBeUndefined();
    expect(judgeCertificate(trust, A, false, new Error('self-signed certificate'))).toMatch(/does not verify against \/etc\/bmc-ca\.pem: self-signed certificate/);
  });

  it('accepts anything when insecure', () => {
    expect(judgeCertificate({ kind: 'insecure' }, A, false, 'whatever')).toBeUndefined();
  });
});

describe('classifying request errors', () => {
  const flags = { deadline: false, interrupted: false, timeoutMs: 500 };
  const err = (code: string) => Object.assign(new Error(code), { code });

  it('puts our own deadline and the caller’s cancel first', () => {
    expect(classifyRedfishError(err('ECONNRESET'), 'GET /x', { ...flags, deadline: true }).reason).toBe('timeout');
    expect(classifyRedfishError(err('ECONNRESET'), 'GET /x', { ...flags, interrupted: true, deadline: true }).reason).toBe('interrupted');
  });

  it('maps socket, undici and certificate errors', () => {
    expect(classifyRedfishError(err('ECONNREFUSED'), 'GET /x', flags)).toEqual({ reason: 'unreachable', message: 'GET /x: connection refused (ECONNREFUSED)' });
    expect(classifyRedfishError(err('UND_ERR_CONNECT_TIMEOUT'), 'GET /x', flags).reason).toBe('timeout');
    expect(classifyRedfishError(err('UND_ERR_HEADERS_TIMEOUT'), 'GET /x', flags).reason).toBe('timeout');
    expect(classifyRedfishError(err('UND_ERR_SOCKET'), 'GET /x', flags).reason).toBe('protocol');
    expect(classifyRedfishError(new Error('x', { cause: err('EHOSTUNREACH') }), 'GET /x', flags).reason).toBe('unreachable');
    expect(classifyRedfishError(new CertificateRejected('CERTIFICATE CHANGED'), 'GET /x', flags)).toEqual({ reason: 'certificate-mismatch', message: 'CERTIFICATE CHANGED' });
    expect(classifyRedfishError('weird\u0007', 'GET /x', flags)).toEqual({ reason: 'protocol', message: 'GET /x: weird?' });
  });
});
