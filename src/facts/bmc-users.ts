// The bmc.users fact: the LAN channel's user table, as a stored administrator read it.

/** The LAN channel's user table as read in a stored administrator's session. */
export interface BmcUserTable {
  rows: BmcUserRow[];
  /** The enabled user ids as the BMC counts them, when it says (Redfish does not). */
  enabledCount: number | undefined;
  /** The stored account whose session read the table. */
  readAs: string;
  /** Set when the table may lack accounts (unparsed output, a count that disagrees): why. bmc.users is then an error. */
  incomplete?: string;
}

/** The user table, or why it could not be read although the BMC answered (the stored login was refused). */
export interface BmcUsersFact {
  channel: number;
  /** Where the table was read, as evidence names it; `IPMI user table, channel <channel>` when absent. */
  source?: string;
  table?: BmcUserTable;
  /** Set when the table is missing because no stored administrator account logs in any more. */
  credentialsRefused?: { message: string };
}

/** A channel privilege limit as ipmitool names it, normalised. */
export type UserPrivilegeLimit = 'callback' | 'user' | 'operator' | 'administrator' | 'oem' | 'no-access' | 'unknown';

/** What the BMC reports as a user slot's enable status. */
export type UserEnableStatus = 'enabled' | 'disabled' | 'unknown';

/** One user slot of one channel. */
export interface ChannelAccessRow {
  id: number;
  /** Empty for unnamed slots, for the anonymous user 1, and over IPMI for slots that cannot log in over the LAN (their names are not read). */
  name: string;
  ipmiMessaging: boolean;
  linkAuth: boolean;
  privilege: UserPrivilegeLimit;
  privilegeText: string;
  enableStatus: UserEnableStatus;
}

/** A user slot as bmc.users judges it; the collector decides from what the BMC printed whether it can log in over the LAN. */
export interface BmcUserRow extends ChannelAccessRow {
  lanLogin: boolean;
}
