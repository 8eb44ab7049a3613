// bios.initial-password's probe: `#Bios.ChangePassword` with the stored initial password as both
// the old and the new one. Accepted proves the password without changing it; a BMC that says the
// old password is wrong disproves it; anything else proves nothing.
import type { Secret } from '../../model/secret.js';
import { isSuccess, type RedfishReply, type RedfishSession } from '../../transport/redfish/redfish-session.js';
import { odataLink } from '../../transport/redfish/redfish-path.js';
import { summarizeMessages } from '../../transport/redfish/extended-info.js';
import { printableLine } from '../../text/sanitize.js';
import type { FactResult } from '../../facts/fact-result.js';
import type { BiosPasswordFact, BiosPasswordOutcome } from '../../facts/bios-password.js';

/** The DMTF name of the BIOS administrator password when the action lists no allowable values. */
const DEFAULT_PASSWORD_NAME = 'AdminPassword';
const ACTION = '#Bios.ChangePassword';

/** Which PasswordName means the administrator password: from the action's allowable values when given. Pure. */
export function adminPasswordName(action: unknown): string {
  const allowed = typeof action === 'object' && action !== null ? (action as Record<string, unknown>)['PasswordName@Redfish.AllowableValues'] : undefined;
  if (Array.isArray(allowed)) {
    const admin = allowed.find((v): v is string => typeof v === 'string' && /admin/i.test(v));
    if (admin !== undefined) return admin;
  }
  return DEFAULT_PASSWORD_NAME;
}

/** Classifies the answer to a ChangePassword POST that arrived complete. Pure. */
export function classifyChangePassword(reply: Extract<RedfishReply, { ok: true }>): { outcome: BiosPasswordOutcome; detail: string } {
  const said = summarizeMessages(reply.messages);
  const detail = `HTTP ${reply.status}${said === '' ? '' : `: ${said}`}`;
  if (reply.status === 202) return { outcome: 'pending', detail: `${detail} (queued as a job: nothing is proven until it runs)` };
  if (reply.status >= 200 && reply.status < 300) return { outcome: 'accepted', detail };
  if (reply.status === 400) {
    const oldRejected = reply.messages.some(
      (m) => /\.(ActionParameterValueError|PropertyValueIncorrect|ActionParameterValueFormatError)$/.test(m.id) && m.args.includes('OldPassword'),
    );
    return { outcome: oldRejected ? 'wrong-password' : 'unknown', detail };
  }
  if (reply.status === 403) return { outcome: 'forbidden', detail };
  if (reply.status === 404 || reply.status === 405 || reply.status === 501) return { outcome: 'unsupported', detail };
  return { outcome: 'unknown', detail };
}

function transportFailure(reply: RedfishReply, what: string): FactResult<never> {
  if (!reply.ok) return { ok: false, reason: reply.reason, message: reply.message };
  return { ok: false, reason: 'protocol', message: `${what} answered HTTP ${reply.status}` };
}

/** Finds the first system's Bios resource and tries ChangePassword with `password` as old and new. */
export async function probeBiosPassword(session: RedfishSession, password: Secret): Promise<FactResult<BiosPasswordFact>> {
  const systemsPath = odataLink(session.serviceRoot, ['Systems']) ?? '/redfish/v1/Systems';
  const systems = await session.get(systemsPath);
  if (!isSuccess(systems)) return transportFailure(systems, `GET ${systemsPath}`);
  const systemPath = odataLink(systems.json, ['Members', '0']);
  if (systemPath === undefined) return { ok: false, reason: 'protocol', message: `GET ${systemsPath}: no ComputerSystem member` };
  const system = await session.get(systemPath);
  if (!isSuccess(system)) return transportFailure(system, `GET ${systemPath}`);
  const biosPath = odataLink(system.json, ['Bios']);
  if (biosPath === undefined) {
    return { ok: true, value: { attempted: true, outcome: 'unsupported', source: `redfish GET ${printableLine(systemPath)}`, detail: 'the system has no Bios resource' } };
  }
  const bios = await session.get(biosPath);
  if (!isSuccess(bios)) return transportFailure(bios, `GET ${biosPath}`);
  const actions = (bios.json as { Actions?: Record<string, unknown> } | undefined)?.Actions;
  const action = actions?.[ACTION];
  const target = typeof action === 'object' && action !== null ? (action as Record<string, unknown>)['target'] : undefined;
  if (typeof target !== 'string') {
    return { ok: true, value: { attempted: true, outcome: 'unsupported', source: `redfish GET ${printableLine(biosPath)}`, detail: `the Bios resource offers no ${ACTION} action` } };
  }
  const source = `redfish POST ${printableLine(target)}`;
  const reply = await session.post(target, { PasswordName: adminPasswordName(action), OldPassword: password, NewPassword: password });
  if (!reply.ok) return { ok: false, reason: reply.reason, message: reply.message };
  return { ok: true, value: { attempted: true, source, ...classifyChangePassword(reply) } };
}
