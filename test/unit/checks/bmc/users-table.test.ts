// bmc.users edges: exact messages in both modes, the table that may be incomplete, the empty store,
// unnamed slots, and extra and missing accounts together.
import { describe, expect, it } from 'vitest';
import { bmcUsers } from '../../../../src/checks/bmc/users.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { userRow } from '../../../../src/collect/bmc/user-row.js';
import type { BmcUserRow, BmcUsersFact, ChannelAccessRow } from '../../../../src/facts/bmc-users.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import { Secret } from '../../../../src/model/secret.js';
import { testHost } from '../../support/hosts.js';
import { checkContext } from '../check-context.js';

const row = (id: number, name: string, over: Partial<ChannelAccessRow> = {}): BmcUserRow =>
  userRow({ id, name, ipmiMessaging: true, linkAuth: false, privilege: 'administrator', privilegeText: 'ADMINISTRATOR', enableStatus: 'enabled', ...over });
const secrets = (...users: string[]): HostSecrets => ({ bmcAccounts: users.map((user) => ({ user, password: new Secret('not-used-here'), privilege: 'administrator' })), osCredentials: [], diskPassphrases: [] });
const table = (rows: BmcUserRow[], over: Partial<BmcUsersFact> = {}): BmcUsersFact => ({ channel: 2, table: { rows, enabledCount: undefined, readAs: 'ADMIN' }, ...over });
const END = checkContext({ mode: 'contract-end', modeReason: 'contract C-1 ended 2026-06-30', host: testHost({ secretsKey: 'hosts/a3-01' }) });
const DURING = checkContext({ mode: 'contract', modeReason: 'contract C-1 runs until 2027-12-31' });
const judge = (fact: BmcUsersFact, context: CheckContext = END, stored: HostSecrets = secrets('ADMIN')) => bmcUsers.evaluate({ 'bmc.users': fact, 'store.host-secrets': stored }, context);

describe('bmc.users, exactly', () => {
  it('names extra and missing accounts together, with the reason for the mode', () => {
    const fact = table([row(3, 'support'), row(4, '', { privilegeText: 'USER' })], { source: 'redfish AccountService' });
    expect(judge(fact)).toEqual({
      status: 'fail',
      message: "the BMC's enabled accounts differ from the stored initial set: 2 extra enabled account(s), 1 initial account(s) not enabled (contract C-1 ended 2026-06-30)",
      evidence: [
        { source: 'redfish AccountService: user 3', detail: 'support (ADMINISTRATOR) is enabled but is not a stored initial account' },
        { source: 'redfish AccountService: user 4', detail: '(unnamed) (USER) is enabled but is not a stored initial account' },
        { source: 'redfish AccountService', detail: 'stored initial account ADMIN is not enabled on the BMC' },
      ],
    });
    expect(judge(fact, DURING)).toMatchObject({
      status: 'skip',
      message: "the customer changed the BMC's accounts: 2 extra enabled account(s), 1 initial account(s) not enabled: the customer's right during the contract; judged at contract end (contract C-1 runs until 2027-12-31)",
    });
  });

  it('counts only missing accounts when nothing extra is enabled', () => {
    expect(judge(table([row(2, 'ADMIN')]), END, secrets('ADMIN', 'OPERATOR')).message).toBe(
      "the BMC's enabled accounts differ from the stored initial set: 1 initial account(s) not enabled (contract C-1 ended 2026-06-30)",
    );
  });

  it('leaves the null user in slot 1 to bmc.anonymous, but not an unnamed account elsewhere', () => {
    expect(judge(table([row(1, ''), row(2, 'ADMIN')])).status).toBe('pass');
    expect(judge(table([row(1, 'root'), row(2, 'ADMIN')])).status).toBe('fail');
  });

  it('is an error when the table may be incomplete, in either mode', () => {
    const fact: BmcUsersFact = { channel: 1, table: { rows: [row(2, 'ADMIN')], enabledCount: 3, readAs: 'ADMIN', incomplete: 'the BMC counts 3 enabled users, the table lists 1' } };
    for (const context of [END, DURING]) {
      expect(judge(fact, context)).toEqual({ status: 'error', message: "the BMC's user table may be incomplete: the BMC counts 3 enabled users, the table lists 1", evidence: [] });
    }
  });

  it('is an error when the store holds no initial account for the host', () => {
    expect(judge(table([row(2, 'ADMIN')]), END, secrets())).toEqual({ status: 'error', message: "the secret store holds no initial BMC account under key 'hosts/a3-01'", evidence: [] });
  });

  it('says why the table could not be read, or that it could not', () => {
    expect(judge({ channel: 1 }, END)).toEqual({ status: 'error', message: "cannot read the BMC's user table: the user table could not be read", evidence: [] });
    expect(judge({ channel: 1, credentialsRefused: { message: 'password refused' } }, DURING)).toEqual({
      status: 'skip',
      message: "cannot read the BMC's user table without the initial credentials, which the customer changed (their right during the contract): password refused",
      evidence: [],
    });
  });

  it('names the ipmitool command as the source when the fact names none', () => {
    expect(judge(table([row(2, 'ADMIN'), row(5, 'x')])).evidence[0]!.source).toBe('IPMI user table, channel 2: user 5');
  });
});
