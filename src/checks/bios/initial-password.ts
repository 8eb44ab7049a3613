// bios.initial-password: the BIOS administrator password is the stored initial one, proven the way
// the BMC's family allows (collect/bmc/redfish/bios-proof-plan.ts): Dell's read-only setup
// password hash, HPE iLO 5/6 and OpenBMC ChangePassword to itself, no proof elsewhere.
import type { Evidence } from '../../model/finding.js';
import type { BiosPasswordFact, BiosPasswordOutcome } from '../../facts/bios-password.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check, CheckContext, CheckOutcome } from '../check.js';
import { customerChange } from '../bmc/contract-note.js';

const CANNOT_SAY: Record<Exclude<BiosPasswordOutcome, 'accepted' | 'hash-match' | 'wrong-password' | 'hash-mismatch' | 'cannot-prove'>, string> = {
  'accepted-unproven': 'this BMC cannot prove its BIOS password: it accepted ChangePassword, but its answer does not show that the old password was checked',
  'left-pending': 'the ChangePassword call left a pending BIOS change that the BMC applies at the next reboot (see the evidence; the README says what to do)',
  unsupported: 'the BMC cannot change the BIOS password over Redfish, so it cannot prove it',
  pending: 'the BMC queued the password change as a job instead of answering',
  forbidden: 'the stored administrator may not change BIOS passwords on this BMC',
  unknown: 'the BMC gave an answer that neither proves nor disproves the password',
};

type Attempted = Extract<BiosPasswordFact, { attempted: true }>;

function evidenceOf(fact: Attempted): Evidence[] {
  const evidence: Evidence[] = [{ source: fact.source, detail: printableLine(fact.detail) }];
  if (fact.bmc) evidence.push({ source: 'redfish BMC identity', detail: printableLine(`${fact.bmc.vendor}${fact.bmc.generation ? ` ${fact.bmc.generation}` : ''} (${fact.bmc.said}); proof: ${fact.method ?? 'none'}`, 300) });
  for (const c of fact.created ?? []) {
    const what = c.kind === 'job' ? `job ${c.name} queued by the call (runs at the next reboot and can fail)` : c.setsStoredPassword ? `${c.name} staged by the call: sets the stored password again at the next reboot` : `${c.name} staged by the call`;
    evidence.push({ source: 'redfish pending BIOS settings', detail: printableLine(what, 200) });
  }
  for (const s of fact.stagedBefore ?? []) evidence.push({ source: 'redfish pending BIOS settings', detail: printableLine(`${s} was already pending before the check (applied at the next reboot)`, 200) });
  for (const u of fact.unread ?? []) evidence.push({ source: 'redfish pending BIOS settings', detail: printableLine(`could not read ${u}`, 200) });
  return evidence;
}

/** During the contract a BIOS the scanner cannot prove is not judged yet; at contract end it is an error. */
function notProvenYet(context: CheckContext, message: string, evidence: Evidence[]): CheckOutcome {
  if (context.mode === 'contract-end') return { status: 'error', message, evidence };
  return { status: 'skip', message: `${message}; judged at contract end, where this is an error (${context.modeReason})`, evidence };
}

/**
 * Pass only on a proof: Dell's hash matched, or a ChangePassword whose answer checks the old
 * password accepted it without leaving anything else staged. A refusal of the old password (or
 * a BMC that says no password is set) disproves it; a Dell hash mismatch does not (the formula
 * is unverified for BIOS passwords); anything else is `error`, never `pass`. A write runs only
 * under contract-end rules or with `--bios-password-check`, otherwise this is `skip`.
 */
export const biosInitialPassword: Check<'bmc.bios-password'> = {
  id: 'bios.initial-password',
  promise: 'bios',
  title: 'The BIOS administrator password is the stored initial one (proven per BMC vendor over Redfish; a write only at contract end or with --bios-password-check)',
  needs: ['bmc.bios-password'],
  notApplicable: (host) =>
    host.bmc?.redfish ? undefined : host.bmc ? 'the BIOS password is only reachable over Redfish, and the inventory gives this BMC no `redfish:` block' : 'the inventory gives this host no BMC',
  evaluate({ 'bmc.bios-password': fact }, context) {
    if (!fact.attempted) return { status: 'skip', message: printableLine(fact.why), evidence: [] };
    const evidence = evidenceOf(fact);
    switch (fact.outcome) {
      case 'accepted':
        // The vendor's answer checks the old password before it says yes (bios-proof-plan.ts).
        return { status: 'pass', message: 'the BMC checked the stored initial BIOS password as the current one and accepted it (set to itself)', evidence };
      case 'hash-match':
        // No other password gives the BMC's digest under the salt: a match is a proof.
        return { status: 'pass', message: 'the BMC\'s SHA256SetupPassword is the hash of the stored initial BIOS password', evidence };
      case 'wrong-password':
        return customerChange(context, 'the BIOS administrator password is not the stored initial one', 'the BIOS administrator password was changed', evidence);
      case 'hash-mismatch':
        return notProvenYet(
          context,
          'cannot prove the BIOS password: the BMC\'s SHA256SetupPassword does not match the stored password under sha256(password + salt), a formula Dell documents for iDRAC users and that is unverified for BIOS passwords, so this is not proof of a change; check it in BIOS setup',
          evidence,
        );
      case 'cannot-prove':
        return notProvenYet(context, `this BMC cannot prove its BIOS password: ${printableLine(fact.detail)}`, evidence);
      default:
        return { status: 'error', message: `cannot prove the BIOS password: ${CANNOT_SAY[fact.outcome]}`, evidence };
    }
  },
};
