// Turns a user slot the BMC gave into the row bmc.users judges, with its LAN login decided here.
import type { BmcUserRow, ChannelAccessRow } from '../../facts/bmc-users.js';

/**
 * Whether a slot can log in over the LAN channel: not reported disabled, IPMI messaging on,
 * and a real privilege limit. When the BMC reports the enable status "unknown" (ipmi_sim,
 * older BMCs) the messaging bit decides; ipmi_sim clears it for users configured disabled.
 */
export function canLogInOverLan(row: ChannelAccessRow): boolean {
  if (row.enableStatus === 'disabled') return false;
  if (!row.ipmiMessaging) return false;
  return row.privilege === 'user' || row.privilege === 'operator' || row.privilege === 'administrator' || row.privilege === 'oem' || row.privilege === 'callback';
}

/** The slot with `lanLogin` computed once, so checks judge data instead of re-reading the BMC's fields. */
export function userRow(row: ChannelAccessRow): BmcUserRow {
  return { ...row, lanLogin: canLogInOverLan(row) };
}
