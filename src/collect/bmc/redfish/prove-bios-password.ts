// bios.initial-password's I/O on one open session: finds the Bios resource, then proves the
// stored password the way the BMC's family allows (bios-proof-plan.ts). A write
// (ChangePassword, stored password to itself) is bracketed by two reads of the pending settings,
// so whatever it staged is named in the fact; a 2xx counts only where the vendor's answer itself
// checks the old password.
import type { BmcIdentity } from '../../../facts/bmc-identity.js';
import type { BiosPasswordFact, BiosPasswordOutcome } from '../../../facts/bios-password.js';
import type { FactResult } from '../../../facts/fact-result.js';
import type { Secret } from '../../../model/secret.js';
import { isSuccess, type RedfishReply, type RedfishSession } from '../../../transport/redfish/redfish-session.js';
import { odataLink } from '../../../transport/redfish/redfish-path.js';
import { printableLine } from '../../../text/sanitize.js';
import { adminPasswordName, classifyChangePassword } from '../redfish-bios-password.js';
import { biosProofPlan } from './bios-proof-plan.js';
import { compareDellSetupHash } from './dell-setup-password.js';
import { pendingCreated, readPending, stagedAttributes, type PendingSnapshot } from './pending-settings.js';

/** Whether the proof may write; the reason when it may not. */
export type BiosWriteGate = { allowed: true } | { allowed: false; why: string };

const ACTION = '#Bios.ChangePassword';
type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

function transportFailure(reply: RedfishReply, what: string): FactResult<never> {
  if (!reply.ok) return { ok: false, reason: reply.reason, message: reply.message };
  return { ok: false, reason: reply.status === 403 ? 'privilege' : 'protocol', message: `${what} answered HTTP ${reply.status}` };
}

function stagedNames(current: Json, snapshot: PendingSnapshot): string[] {
  const names = [...stagedAttributes(current, snapshot).keys()].map((k) => `attribute ${printableLine(k, 64)}`);
  for (const id of snapshot.jobs?.ids ?? []) names.push(`job ${id}`);
  return names;
}

/** Proves the BIOS administrator password of the first system of the BMC `identity` names. */
export async function proveBiosPassword(session: RedfishSession, identity: BmcIdentity, password: Secret, write: BiosWriteGate): Promise<FactResult<BiosPasswordFact>> {
  const plan = biosProofPlan(identity);
  if (plan.method === 'change-password' && !write.allowed) return { ok: true, value: { attempted: false, why: write.why, bmc: identity } };

  const systemsPath = odataLink(session.serviceRoot, ['Systems']) ?? '/redfish/v1/Systems';
  const systems = await session.get(systemsPath);
  if (!isSuccess(systems)) return transportFailure(systems, `GET ${systemsPath}`);
  const systemPath = odataLink(systems.json, ['Members', '0']);
  if (systemPath === undefined) return { ok: false, reason: 'protocol', message: `GET ${systemsPath}: no ComputerSystem member` };
  const system = await session.get(systemPath);
  if (!isSuccess(system)) return transportFailure(system, `GET ${systemPath}`);
  const biosPath = odataLink(system.json, ['Bios']);
  const base = { attempted: true as const, bmc: identity, method: plan.source };
  if (biosPath === undefined) {
    return { ok: true, value: { ...base, outcome: 'unsupported', source: `redfish GET ${printableLine(systemPath)}`, detail: 'the system has no Bios resource' } };
  }
  const bios = await session.get(biosPath);
  if (!isSuccess(bios)) return transportFailure(bios, `GET ${biosPath}`);
  const current = obj(obj(bios.json)?.['Attributes']) ?? {};
  const readSource = `redfish GET ${printableLine(biosPath)}`;

  if (plan.method !== 'change-password') {
    // Read-only: nothing is written, but what someone else staged is still worth naming.
    const before = await readPending(session, bios.json);
    const extra = { stagedBefore: stagedNames(current, before), ...(before.unread.length > 0 ? { unread: before.unread } : {}) };
    if (plan.method === 'dell-setup-hash') {
      const found = compareDellSetupHash(current, password);
      const outcome: BiosPasswordOutcome = { match: 'hash-match', mismatch: 'hash-mismatch', 'not-set': 'wrong-password', absent: 'cannot-prove' }[found] as BiosPasswordOutcome;
      const detail = {
        match: 'SHA256SetupPassword equals sha256(stored password + SHA256SetupPasswordSalt)',
        mismatch: 'SHA256SetupPassword differs from sha256(stored password + SHA256SetupPasswordSalt), under both readings of the salt; Dell documents this formula for iDRAC users, not for BIOS passwords',
        'not-set': 'SHA256SetupPassword is empty: the BIOS has no setup password set',
        absent: 'the Bios attributes carry no SHA256SetupPassword/SHA256SetupPasswordSalt (iDRAC 8 or older firmware), and ChangePassword proves nothing on a Dell',
      }[found];
      return { ok: true, value: { ...base, ...extra, outcome, source: `${readSource} (Attributes.SHA256SetupPassword)`, detail } };
    }
    if (plan.flags === 'lenovo') {
      const flag = obj(obj(obj(bios.json)?.['Oem'])?.['Lenovo'])?.['IsUefiAdminPasswordSet'];
      if (flag === false) {
        // A flag that says no administrator password is set disproves any stored one.
        return { ok: true, value: { ...base, ...extra, outcome: 'wrong-password', source: `${readSource} (Oem.Lenovo.IsUefiAdminPasswordSet)`, detail: 'IsUefiAdminPasswordSet is false: no UEFI administrator password is set' } };
      }
      const said = flag === true ? 'IsUefiAdminPasswordSet is true (a password is set, which one is not shown)' : 'no IsUefiAdminPasswordSet flag';
      return { ok: true, value: { ...base, ...extra, outcome: 'cannot-prove', source: readSource, detail: `${plan.why}; ${said}` } };
    }
    return { ok: true, value: { ...base, ...extra, outcome: 'cannot-prove', source: readSource, detail: plan.why } };
  }

  // The action target exactly as the BMC advertises it: an HPE iLO 5 2.72 advertises a
  // misspelled `…/bios/settings/Actions/Bios.ChangePasswords/` (real capture), and a path built
  // from the DMTF name would miss it.
  const action = obj(obj(bios.json)?.['Actions'])?.[ACTION];
  const target = obj(action)?.['target'];
  if (typeof target !== 'string') {
    return { ok: true, value: { ...base, outcome: 'unsupported', source: readSource, detail: `the Bios resource offers no ${ACTION} action` } };
  }
  const before = await readPending(session, bios.json);
  const source = `redfish POST ${printableLine(target)}`;
  const reply = await session.post(target, { PasswordName: plan.passwordName ?? adminPasswordName(action), OldPassword: password, NewPassword: password });
  if (!reply.ok) return { ok: false, reason: reply.reason, message: reply.message };
  const after = await readPending(session, bios.json);
  const created = pendingCreated(current, before, after);
  const unread = [...before.unread, ...after.unread];
  let { outcome, detail } = classifyChangePassword(reply, plan.mismatch);
  if (outcome === 'accepted' && !plan.answerProvesOld) outcome = 'accepted-unproven';
  const foreign = created.filter((c) => !c.setsStoredPassword);
  if ((outcome === 'accepted' || outcome === 'accepted-unproven' || outcome === 'unknown') && (foreign.length > 0 || unread.length > 0)) {
    // Something other than the stored password set to itself is staged (or could not be looked
    // for): whatever the answer said, the BMC will apply it at the next reboot.
    outcome = 'left-pending';
  }
  return {
    ok: true,
    value: { ...base, outcome, source, detail, created, stagedBefore: stagedNames(current, before), ...(unread.length > 0 ? { unread } : {}) },
  };
}
