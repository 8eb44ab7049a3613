// bmc.users: the BMC's enabled accounts are exactly the stored initial ones.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { customerChange } from './contract-note.js';

/**
 * Reads the LAN channel's user table (Get User Access and Get User Name per slot, which unlike
 * `ipmitool user list` carry the enable status). The null user is left to bmc.anonymous, so one
 * hole is one finding.
 */
export const bmcUsers: Check<'bmc.users' | 'store.host-secrets'> = {
  id: 'bmc.users',
  promise: 'bmc',
  title: 'The BMC\'s enabled accounts are exactly the stored initial accounts (extra accounts fail at contract end)',
  needs: ['bmc.users', 'store.host-secrets'],
  notApplicable: (host) => (host.bmc ? undefined : 'the inventory gives this host no BMC'),
  evaluate({ 'bmc.users': fact, 'store.host-secrets': stored }, context) {
    const source = fact.source ?? `IPMI user table, channel ${fact.channel}`;
    if (!fact.table) {
      const why = fact.credentialsRefused?.message ?? 'the user table could not be read';
      if (context.mode === 'contract') {
        return { status: 'skip', message: `cannot read the BMC's user table without the initial credentials, which the customer changed (their right during the contract): ${printableLine(why)}`, evidence: [] };
      }
      return { status: 'error', message: `cannot read the BMC's user table: ${printableLine(why)}`, evidence: [] };
    }
    if (fact.table.incomplete !== undefined) {
      return { status: 'error', message: `the BMC's user table may be incomplete: ${printableLine(fact.table.incomplete)}`, evidence: [] };
    }
    if (stored.bmcAccounts.length === 0) {
      return { status: 'error', message: `the secret store holds no initial BMC account under key '${context.host.secretsKey}'`, evidence: [] };
    }
    const enabled = fact.table.rows.filter((r) => r.lanLogin && !(r.id === 1 && r.name === ''));
    const storedNames = new Set(stored.bmcAccounts.map((a) => a.user));
    const evidence: Evidence[] = [];
    for (const row of enabled) {
      if (storedNames.has(row.name)) continue;
      const name = row.name === '' ? '(unnamed)' : printableLine(row.name, 32);
      evidence.push({ source: `${source}: user ${row.id}`, detail: `${name} (${row.privilegeText}) is enabled but is not a stored initial account` });
    }
    const extra = evidence.length;
    for (const account of stored.bmcAccounts) {
      if (!enabled.some((r) => r.name === account.user)) {
        evidence.push({ source, detail: `stored initial account ${printableLine(account.user, 32)} is not enabled on the BMC` });
      }
    }
    if (evidence.length === 0) {
      return { status: 'pass', message: `the ${enabled.length} enabled BMC account(s) are exactly the stored initial ones`, evidence: [] };
    }
    const missing = evidence.length - extra;
    const what = [extra > 0 ? `${extra} extra enabled account(s)` : '', missing > 0 ? `${missing} initial account(s) not enabled` : ''].filter(Boolean).join(', ');
    return customerChange(context, `the BMC's enabled accounts differ from the stored initial set: ${what}`, `the customer changed the BMC's accounts: ${what}`, evidence);
  },
};
