// The cipher suites fleetcheck can speak (IPMI v2.0 Table 22-20): which algorithms each proposes
// and what that means for the HMAC lengths of the handshake and of in-session packets.

/** Authentication, integrity and confidentiality algorithm numbers as Open Session carries them. */
export interface CipherSuite {
  id: number;
  auth: number;
  integrity: number;
  confidentiality: number;
  /** Node's digest name for RAKP and SIK, or undefined for RAKP-none (suite 0). */
  rakpDigest: 'sha1' | 'sha256' | undefined;
  /** Bytes of the RAKP 2/3 key exchange authentication code (20 SHA1, 32 SHA256, 0 none). */
  rakpCodeLength: number;
  /** Bytes of the RAKP 4 integrity check value (12 for HMAC-SHA1-96, 16 for HMAC-SHA256-128). */
  rakp4CodeLength: number;
  /** In-session integrity digest and its truncated length, or undefined for none. */
  integrityDigest: 'sha1' | 'sha256' | undefined;
  integrityLength: number;
  /** AES-CBC-128 in session, or nothing. */
  aes: boolean;
}

/** Suite 0: no authentication at all. Only ever proposed to prove the BMC refuses it. */
export const SUITE_0: CipherSuite = { id: 0, auth: 0, integrity: 0, confidentiality: 0, rakpDigest: undefined, rakpCodeLength: 0, rakp4CodeLength: 0, integrityDigest: undefined, integrityLength: 0, aes: false };
/** Suite 3: RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128 (ipmitool's old default; ipmi_sim's only suite). */
export const SUITE_3: CipherSuite = { id: 3, auth: 1, integrity: 1, confidentiality: 1, rakpDigest: 'sha1', rakpCodeLength: 20, rakp4CodeLength: 12, integrityDigest: 'sha1', integrityLength: 12, aes: true };
/** Suite 17: RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128 (OpenBMC's only default suite). */
export const SUITE_17: CipherSuite = { id: 17, auth: 3, integrity: 4, confidentiality: 1, rakpDigest: 'sha256', rakpCodeLength: 32, rakp4CodeLength: 16, integrityDigest: 'sha256', integrityLength: 16, aes: true };

const SUITES: ReadonlyMap<number, CipherSuite> = new Map([SUITE_0, SUITE_3, SUITE_17].map((s) => [s.id, s]));

/** The suite of an inventory's `bmc.cipherSuite`, or undefined when the native client does not speak it. */
export function cipherSuite(id: number): CipherSuite | undefined {
  return SUITES.get(id);
}
