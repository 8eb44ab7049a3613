// RMCP+ status codes (IPMI v2.0 Table 13-15) of Open Session and RAKP replies: their texts, the
// same words ipmitool prints (lanplus_strings.c), and what each proves about a login.
import type { TransportFailureReason } from '../../../facts/failure-reason.js';

const TEXT: Readonly<Record<number, string>> = {
  0x01: 'insufficient resources to create a session',
  0x02: 'invalid session ID',
  0x03: 'invalid payload type',
  0x04: 'invalid authentication algorithm',
  0x05: 'invalid integrity algorithm',
  0x06: 'no matching authentication payload',
  0x07: 'no matching integrity payload',
  0x08: 'inactive session ID',
  0x09: 'invalid role',
  0x0a: 'unauthorized role or privilege level requested',
  0x0b: 'insufficient resources to create a session at the requested role',
  0x0c: 'invalid name length',
  0x0d: 'unauthorized name',
  0x0e: 'unauthorized GUID',
  0x0f: 'invalid integrity check value',
  0x10: 'invalid confidentiality algorithm',
  0x11: 'no cipher suite match with proposed security algorithms',
  0x12: 'illegal or unrecognized parameter',
};

/** The status's words, as in a report. */
export function rmcpStatusText(status: number): string {
  return TEXT[status] ?? `unknown status 0x${status.toString(16).padStart(2, '0')}`;
}

/** Statuses that refuse the proposed algorithms: a BMC saying no to a cipher suite. */
export const SUITE_REFUSALS: ReadonlySet<number> = new Set([0x03, 0x04, 0x05, 0x06, 0x07, 0x10, 0x11]);

/**
 * What a RAKP 2/4 status proves: a name the BMC does not let in (unknown or disabled user, which
 * ipmi_sim and real BMCs do not tell apart), a role it will not grant, a wrong key (RAKP 4's
 * check value), or nothing about the login (resources, session state).
 */
export function rakpStatusReason(status: number): TransportFailureReason {
  if (status === 0x0d || status === 0x0c) return 'unknown-user';
  if (status === 0x09 || status === 0x0a) return 'privilege';
  if (status === 0x0f) return 'auth';
  return 'protocol';
}
