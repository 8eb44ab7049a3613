// The reading of a `#Bios.ChangePassword` answer for bios.initial-password (the stored initial
// password as both the old and the new one; the fact is src/facts/bios-password.ts). Which BMC gets which proof is
// redfish/bios-proof-plan.ts; the I/O is redfish/prove-bios-password.ts.
import type { BiosPasswordOutcome } from '../../facts/bios-password.js';
import type { RedfishMessage, RedfishReply } from '../../transport/redfish/redfish-session.js';
import { summarizeMessages } from '../../transport/redfish/extended-info.js';

/** The DMTF name of the BIOS administrator password when the action lists no allowable values. */
const DEFAULT_PASSWORD_NAME = 'AdminPassword';

/** Which PasswordName means the administrator password: from the action's allowable values when given. Pure. */
export function adminPasswordName(action: unknown): string {
  const allowed = typeof action === 'object' && action !== null ? (action as Record<string, unknown>)['PasswordName@Redfish.AllowableValues'] : undefined;
  if (Array.isArray(allowed)) {
    const admin = allowed.find((v): v is string => typeof v === 'string' && /admin/i.test(v));
    if (admin !== undefined) return admin;
  }
  return DEFAULT_PASSWORD_NAME;
}

/** A 400 naming OldPassword in a DMTF Base message: the old password is wrong (DSP0266 Base registry). */
export function dmtfOldPasswordRejected(m: RedfishMessage): boolean {
  return /\.(ActionParameterValueError|PropertyValueIncorrect|ActionParameterValueFormatError)$/.test(m.id) && m.args.includes('OldPassword');
}

/**
 * Classifies the answer to a ChangePassword POST that arrived complete; `mismatch` says which
 * message means "old password wrong" on this BMC. A 2xx is 'accepted' here; whether that proves
 * anything is the vendor profile's call (prove-bios-password.ts). Pure.
 */
export function classifyChangePassword(
  reply: Extract<RedfishReply, { ok: true }>,
  mismatch: (m: RedfishMessage) => boolean = dmtfOldPasswordRejected,
): { outcome: BiosPasswordOutcome; detail: string } {
  const said = summarizeMessages(reply.messages);
  const detail = `HTTP ${reply.status}${said === '' ? '' : `: ${said}`}`;
  if (reply.status === 202) return { outcome: 'pending', detail: `${detail} (queued as a job: nothing is proven until it runs)` };
  if (reply.status >= 200 && reply.status < 300) return { outcome: 'accepted', detail };
  if (reply.status === 400) {
    const oldRejected = reply.messages.some(mismatch);
    return { outcome: oldRejected ? 'wrong-password' : 'unknown', detail };
  }
  if (reply.status === 403) return { outcome: 'forbidden', detail };
  if (reply.status === 404 || reply.status === 405 || reply.status === 501) return { outcome: 'unsupported', detail };
  return { outcome: 'unknown', detail };
}
