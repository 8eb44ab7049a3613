// Reads a Redfish BMC's AccountService/Accounts in an open session and turns the accounts into
// the same user table the IPMI collector yields, so bmc.users judges both alike.
import type { BmcUsersFact, ChannelAccessRow, UserPrivilegeLimit } from '../../facts/bmc-users.js';
import { isSuccess, type RedfishReply, type RedfishSession } from '../../transport/redfish/redfish-session.js';
import { odataLink } from '../../transport/redfish/redfish-path.js';
import { printableLine } from '../../text/sanitize.js';
import type { FactResult } from '../../facts/fact-result.js';
import { userRow } from './user-row.js';

/** Where a Redfish user table comes from, as evidence names it. */
export const REDFISH_ACCOUNTS_SOURCE = 'redfish AccountService/Accounts';
/** Most account members read: BMCs have 16 slots, some 64. */
const MAX_ACCOUNTS = 128;
/** Most pages of the Accounts collection followed through `Members@odata.nextLink`. */
const MAX_PAGES = 16;

/** One ManagerAccount as the checks need it. */
export interface RedfishAccount {
  id: string;
  userName: string;
  roleId: string;
  enabled: boolean;
  locked: boolean;
}

/** The Redfish standard roles as the IPMI privilege the provider stores. */
export function privilegeOfRole(roleId: string): UserPrivilegeLimit {
  switch (roleId) {
    case 'Administrator':
      return 'administrator';
    case 'Operator':
      return 'operator';
    case 'ReadOnly':
      return 'user';
    case 'NoAccess':
      return 'no-access';
    default:
      return 'oem';
  }
}

/** A ManagerAccount resource as a RedfishAccount; undefined when it is not one. Pure. */
export function parseRedfishAccount(json: unknown): RedfishAccount | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const a = json as Record<string, unknown>;
  if (typeof a['Id'] !== 'string' || typeof a['UserName'] !== 'string') return undefined;
  return {
    id: printableLine(a['Id'], 32),
    userName: printableLine(a['UserName'], 64),
    roleId: typeof a['RoleId'] === 'string' ? printableLine(a['RoleId'], 32) : '',
    // An account that does not say it is disabled is counted as one that can log in (HPE iLO
    // accounts carry no Enabled at all). AccountTypes is deliberately not read: Supermicro says
    // ["Redfish"] for accounts that also log in over IPMI (../shared/BMC-FACTS.md), so every
    // enabled account counts, whatever protocols it claims.
    enabled: a['Enabled'] !== false,
    locked: a['Locked'] === true,
  };
}

/** Whether a member is an unused slot rather than an account. Pure. */
export function isEmptySlot(account: RedfishAccount): boolean {
  return account.userName === '';
}

/** The accounts as user-table rows: an enabled account is one that may log in (IPMI's "enabled, messaging on"). Pure. */
export function accountRows(accounts: readonly RedfishAccount[]): ChannelAccessRow[] {
  return accounts.map((a, i) => ({
    id: /^\d+$/.test(a.id) ? Number(a.id) : 1000 + i,
    name: a.userName,
    ipmiMessaging: a.enabled,
    linkAuth: false,
    privilege: privilegeOfRole(a.roleId),
    privilegeText: `${a.roleId === '' ? 'no RoleId' : a.roleId}${a.locked ? ', locked' : ''}`,
    enableStatus: a.enabled ? 'enabled' : 'disabled',
  }));
}

function failed(reply: RedfishReply, what: string): FactResult<never> {
  if (!reply.ok) return { ok: false, reason: reply.reason, message: reply.message };
  return { ok: false, reason: reply.status === 403 ? 'privilege' : 'protocol', message: `${what} answered HTTP ${reply.status}` };
}

/** GET AccountService → Accounts → each member, as the session's account. */
export async function readRedfishAccounts(session: RedfishSession, readAs: string): Promise<FactResult<BmcUsersFact>> {
  const servicePath = odataLink(session.serviceRoot, ['AccountService']) ?? '/redfish/v1/AccountService';
  const service = await session.get(servicePath);
  if (!isSuccess(service)) return failed(service, `GET ${servicePath}`);
  const accountsPath = odataLink(service.json, ['Accounts']) ?? `${servicePath.replace(/\/$/, '')}/Accounts`;
  // A collection may come in pages (`Members@odata.nextLink`): follow them, a bounded number of
  // times, and check the total against `Members@odata.count`, so no account is silently missed.
  const members: unknown[] = [];
  let declared: unknown;
  let page: string | undefined = accountsPath;
  for (let pages = 0; page !== undefined; pages++) {
    if (pages >= MAX_PAGES) return { ok: false, reason: 'output-limit', message: `GET ${accountsPath}: more than ${MAX_PAGES} pages of accounts` };
    const collection = await session.get(page);
    if (!isSuccess(collection)) return failed(collection, `GET ${printableLine(page, 200)}`);
    const json = collection.json as { Members?: unknown; 'Members@odata.count'?: unknown; 'Members@odata.nextLink'?: unknown };
    if (!Array.isArray(json.Members)) return { ok: false, reason: 'protocol', message: `GET ${printableLine(page, 200)}: no Members array` };
    if (pages === 0) declared = json['Members@odata.count'];
    members.push(...(json.Members as unknown[]));
    if (members.length > MAX_ACCOUNTS) return { ok: false, reason: 'output-limit', message: `GET ${accountsPath}: more than ${MAX_ACCOUNTS} accounts` };
    const next = json['Members@odata.nextLink'];
    page = typeof next === 'string' && next !== '' ? next : undefined;
  }
  if (typeof declared === 'number' && declared !== members.length) {
    return { ok: false, reason: 'protocol', message: `GET ${accountsPath}: Members@odata.count says ${declared} account(s), ${members.length} listed` };
  }
  const accounts: RedfishAccount[] = [];
  for (let i = 0; i < members.length; i++) {
    const link = odataLink(members, [String(i)]);
    if (link === undefined) return { ok: false, reason: 'protocol', message: `GET ${accountsPath}: member ${i} has no @odata.id` };
    const member = await session.get(link);
    if (!isSuccess(member)) return failed(member, `GET ${link}`);
    const account = parseRedfishAccount(member.json);
    if (!account) return { ok: false, reason: 'protocol', message: `GET ${link}: not a ManagerAccount (no Id or UserName)` };
    // An unnamed slot is no account: Dell lists all 16 slots, unused ones with UserName "" and
    // Enabled false (real capture), and no one can log in without a name.
    if (isEmptySlot(account)) continue;
    accounts.push(account);
  }
  const rows = accountRows(accounts).map(userRow);
  return { ok: true, value: { channel: 0, source: REDFISH_ACCOUNTS_SOURCE, table: { rows, enabledCount: rows.filter((r) => r.enableStatus === 'enabled').length, readAs } } };
}
