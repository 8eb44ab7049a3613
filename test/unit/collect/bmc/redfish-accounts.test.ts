import { describe, expect, it } from 'vitest';
import { bmcUsers } from '../../../../src/checks/bmc/users.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { accountRows, parseRedfishAccount, REDFISH_ACCOUNTS_SOURCE } from '../../../../src/collect/bmc/redfish-accounts.js';
import { userRow } from '../../../../src/collect/bmc/user-row.js';
import { Secret } from '../../../../src/model/secret.js';
import { testHost, testProvider } from '../../support/hosts.js';

const account = (Id: string, UserName: string, over: Record<string, unknown> = {}) => parseRedfishAccount({ Id, UserName, RoleId: 'Administrator', Enabled: true, Locked: false, ...over })!;
const stored = { bmcAccounts: [{ user: 'ADMIN', password: new Secret('x'), privilege: 'administrator' as const }], osCredentials: [], diskPassphrases: [] };
const ctx = (mode: CheckContext['mode']): CheckContext => ({ host: testHost(), provider: testProvider(), now: new Date(), mode, modeReason: 'r' });

describe('Redfish accounts as a user table', () => {
  it('maps roles to IPMI privileges and Enabled to the enable status', () => {
    const rows = accountRows([account('2', 'ADMIN'), account('3', 'ro', { RoleId: 'ReadOnly', Enabled: false }), account('x', 'op', { RoleId: 'Operator', Locked: true })]);
    expect(rows).toEqual([
      { id: 2, name: 'ADMIN', ipmiMessaging: true, linkAuth: false, privilege: 'administrator', privilegeText: 'Administrator', enableStatus: 'enabled' },
      { id: 3, name: 'ro', ipmiMessaging: false, linkAuth: false, privilege: 'user', privilegeText: 'ReadOnly', enableStatus: 'disabled' },
      { id: 1002, name: 'op', ipmiMessaging: true, linkAuth: false, privilege: 'operator', privilegeText: 'Operator, locked', enableStatus: 'enabled' },
    ]);
    expect(parseRedfishAccount({ Id: 1 })).toBeUndefined();
  });

  it('feeds bmc.users the same verdicts as over IPMI: an extra account skips during the contract, fails at its end', () => {
    const fact = { channel: 0, source: REDFISH_ACCOUNTS_SOURCE, table: { rows: accountRows([account('2', 'ADMIN'), account('3', 'support'), account('4', '', { Enabled: false })]).map(userRow), enabledCount: 2, readAs: 'ADMIN' } };
    const end = bmcUsers.evaluate({ 'bmc.users': fact, 'store.host-secrets': stored }, ctx('contract-end'));
    expect(end).toMatchObject({ status: 'fail', evidence: [{ source: 'redfish AccountService/Accounts: user 3', detail: 'support (Administrator) is enabled but is not a stored initial account' }] });
    expect(bmcUsers.evaluate({ 'bmc.users': fact, 'store.host-secrets': stored }, ctx('contract')).status).toBe('skip');
  });
});
