import { describe, expect, it } from 'vitest';
import { bmcUsers } from '../../../../src/checks/bmc/users.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import type { BmcUserRow, BmcUsersFact, ChannelAccessRow } from '../../../../src/facts/bmc-users.js';
import { userRow } from '../../../../src/collect/bmc/user-row.js';
import { Secret } from '../../../../src/model/secret.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import { testHost, testProvider } from '../../support/hosts.js';

const row = (id: number, name: string, over: Partial<ChannelAccessRow> = {}): BmcUserRow => userRow({
  id, name, ipmiMessaging: true, linkAuth: false, privilege: 'administrator', privilegeText: 'ADMINISTRATOR', enableStatus: 'unknown', ...over,
});
const stored: HostSecrets = { bmcAccounts: [{ user: 'ADMIN', password: new Secret('x'), privilege: 'administrator' }], osCredentials: [], diskPassphrases: [] };
const ctx = (mode: CheckContext['mode']): CheckContext => ({ host: testHost(), provider: testProvider(), now: new Date(), mode, modeReason: 'r' });
const judge = (fact: BmcUsersFact, mode: CheckContext['mode'] = 'contract-end') => bmcUsers.evaluate({ 'bmc.users': fact, 'store.host-secrets': stored }, ctx(mode));
const table = (rows: BmcUserRow[]): BmcUsersFact => ({ channel: 1, table: { rows, enabledCount: undefined, readAs: 'ADMIN' } });

describe('bmc.users', () => {
  it('passes when the enabled accounts are exactly the stored ones; disabled, empty and null slots do not count', () => {
    const out = judge(table([row(1, '', { privilege: 'user', privilegeText: 'USER' }), row(2, 'ADMIN'), row(4, 'old', { ipmiMessaging: false }), row(5, 'gone', { enableStatus: 'disabled' }), row(6, '', { ipmiMessaging: false, privilege: 'unknown' })]));
    expect(out).toEqual({ status: 'pass', message: 'the 1 enabled BMC account(s) are exactly the stored initial ones', evidence: [] });
  });

  it('fails at contract end for an extra enabled account, and skips with a note during the contract', () => {
    const fact = table([row(2, 'ADMIN'), row(3, 'support')]);
    const end = judge(fact);
    expect(end.status).toBe('fail');
    expect(end.evidence).toEqual([{ source: 'IPMI user table, channel 1: user 3', detail: 'support (ADMINISTRATOR) is enabled but is not a stored initial account' }]);
    const during = judge(fact, 'contract');
    expect(during.status).toBe('skip');
    expect(during.message).toMatch(/1 extra enabled account\(s\).*judged at contract end/);
  });

  it('reports a stored account that is not enabled', () => {
    const out = judge(table([row(3, 'other')]));
    expect(out.status).toBe('fail');
    expect(out.evidence.map((e) => e.detail)).toContain('stored initial account ADMIN is not enabled on the BMC');
  });

  it('cannot read the table once the stored credentials are refused: skip during the contract, error at its end', () => {
    const fact: BmcUsersFact = { channel: 1, credentialsRefused: { message: 'password refused' } };
    expect(judge(fact, 'contract').status).toBe('skip');
    expect(judge(fact, 'contract-end')).toMatchObject({ status: 'error', message: "cannot read the BMC's user table: password refused" });
  });
});

describe('bmc.users, what it says', () => {
  it('says how many accounts are extra and how many initial ones are not enabled', () => {
    const both = judge(table([row(3, 'support', { privilege: 'operator', privilegeText: 'OPERATOR' })]));
    expect(both).toEqual({
      status: 'fail',
      message: 'the BMC\'s enabled accounts differ from the stored initial set: 1 extra enabled account(s), 1 initial account(s) not enabled (r)',
      evidence: [
        { source: 'IPMI user table, channel 1: user 3', detail: 'support (OPERATOR) is enabled but is not a stored initial account' },
        { source: 'IPMI user table, channel 1', detail: 'stored initial account ADMIN is not enabled on the BMC' },
      ],
    });
    expect(judge(table([row(2, 'ADMIN'), row(3, 'support')]), 'contract').message).toBe(
      'the customer changed the BMC\'s accounts: 1 extra enabled account(s): the customer\'s right during the contract; judged at contract end (r)',
    );
    expect(judge(table([row(2, 'ADMIN', { enableStatus: 'disabled' })])).message).toBe('the BMC\'s enabled accounts differ from the stored initial set: 1 initial account(s) not enabled (r)');
  });

  it('does not apply to a host without a BMC', () => {
    expect(bmcUsers.notApplicable?.(testHost({ bmc: undefined }))).toBe('the inventory gives this host no BMC');
    expect(bmcUsers.notApplicable?.(testHost())).toBeUndefined();
  });
});
