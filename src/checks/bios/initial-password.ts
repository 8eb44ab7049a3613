// bios.initial-password: the BIOS administrator password is the stored initial one, proven over
// Redfish by Bios.ChangePassword from the stored password to itself.
import type { BiosPasswordOutcome } from '../../facts/bios-password.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { customerChange } from '../bmc/contract-note.js';

const CANNOT_SAY: Record<Exclude<BiosPasswordOutcome, 'accepted' | 'wrong-password'>, string> = {
  unsupported: 'the BMC cannot change the BIOS password over Redfish, so it cannot prove it',
  pending: 'the BMC queued the password change as a job instead of answering',
  forbidden: 'the stored administrator may not change BIOS passwords on this BMC',
  unknown: 'the BMC gave an answer that neither proves nor disproves the password',
};

/**
 * Accepted proves the password (and changes nothing: it is set to itself); "old password wrong"
 * disproves it; anything else is `error`, never `pass`. The probe writes, so without contract-end
 * rules or `--bios-password-check` the collector does not run it and this is `skip`.
 */
export const biosInitialPassword: Check<'bmc.bios-password'> = {
  id: 'bios.initial-password',
  promise: 'bios',
  title: 'The BIOS administrator password is the stored initial one (Redfish Bios.ChangePassword to itself; writes, so contract end or --bios-password-check only)',
  needs: ['bmc.bios-password'],
  notApplicable: (host) =>
    host.bmc?.redfish ? undefined : host.bmc ? 'the BIOS password is only reachable over Redfish, and the inventory gives this BMC no `redfish:` block' : 'the inventory gives this host no BMC',
  evaluate({ 'bmc.bios-password': fact }, context) {
    if (!fact.attempted) return { status: 'skip', message: printableLine(fact.why), evidence: [] };
    const evidence = [{ source: fact.source, detail: printableLine(fact.detail) }];
    switch (fact.outcome) {
      case 'accepted':
        return { status: 'pass', message: 'the BMC accepted the stored initial BIOS password as the current one (and set it to itself)', evidence };
      case 'wrong-password':
        return customerChange(context, 'the BIOS administrator password is not the stored initial one', 'the BIOS administrator password was changed', evidence);
      default:
        return { status: 'error', message: `cannot prove the BIOS password: ${CANNOT_SAY[fact.outcome]}`, evidence };
    }
  },
};
