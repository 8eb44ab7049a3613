// Turns a user slot the BMC printed into the row bmc.users judges, with its LAN login decided here.
import type { BmcUserRow, ChannelAccessRow } from '../../facts/bmc-users.js';
import { canLogInOverLan } from '../../transport/ipmi/parse-channel-access.js';

/** The slot with `lanLogin` computed once, so checks judge data instead of re-reading the BMC's fields. */
export function userRow(row: ChannelAccessRow): BmcUserRow {
  return { ...row, lanLogin: canLogInOverLan(row) };
}
