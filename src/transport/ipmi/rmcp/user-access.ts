// The replies that describe a channel's user table (IPMI v2.0 §22.27 Get User Access, §22.29 Get
// User Name), read into the rows `bmc.users` judges. The field meanings and the names given to them
// are ipmitool's (`channel getaccess`, lib/ipmi_channel.c), so a row reads the same whichever client
// fetched it; the differential test holds the two to that.
import type { ChannelAccessRow, UserEnableStatus, UserPrivilegeLimit } from '../../../facts/bmc-users.js';
import { protocolFailure, type RmcpResult } from './rmcp-failure.js';

/** User ids are six bits wide: no BMC has more than 63 slots. */
export const MAX_USER_ID = 63;

/** Get User Access's answer for one slot, with the channel-wide counts every answer repeats. */
export interface UserAccess {
  /** How many user ids the BMC has (1..63): the read goes up to this one. */
  maxUserIds: number;
  /** How many user ids the BMC counts as enabled. */
  enabledUserIds: number;
  /** The two bits IPMI 2.0 errata 3 added; 0b00 (unspecified) and the reserved 0b11 are 'unknown', as ipmitool's "unknown" and "reserved". */
  enableStatus: UserEnableStatus;
  linkAuth: boolean;
  ipmiMessaging: boolean;
  /** The privilege limit's four bits on this channel. */
  privilegeLimit: number;
}

const LIMITS: Readonly<Record<number, [UserPrivilegeLimit, string]>> = {
  1: ['callback', 'CALLBACK'],
  2: ['user', 'USER'],
  3: ['operator', 'OPERATOR'],
  4: ['administrator', 'ADMINISTRATOR'],
  5: ['oem', 'OEM'],
  0x0f: ['no-access', 'NO ACCESS'],
};

/** A privilege limit normalised, and as ipmitool prints it ("Unknown (0x00)" for an unassigned one). */
export function privilegeLimitOf(bits: number): { privilege: UserPrivilegeLimit; text: string } {
  const known = LIMITS[bits];
  return known ? { privilege: known[0], text: known[1] } : { privilege: 'unknown', text: `Unknown (0x${bits.toString(16).padStart(2, '0')})` };
}

const ENABLE_STATUS: readonly UserEnableStatus[] = ['unknown', 'enabled', 'disabled', 'unknown'];

/** Get User Access's four data bytes (after the completion code); any other length is a protocol error. */
export function decodeUserAccess(data: Buffer): RmcpResult<UserAccess> {
  if (data.length !== 4) return protocolFailure('malformed', `Get User Access answered ${data.length} data bytes, not 4`);
  const maxUserIds = data[0]! & 0x3f;
  if (maxUserIds === 0) return protocolFailure('malformed', 'Get User Access says the BMC has no user ids');
  const access = data[3]!;
  return {
    ok: true,
    value: {
      maxUserIds,
      enabledUserIds: data[1]! & 0x3f,
      enableStatus: ENABLE_STATUS[data[1]! >> 6]!,
      linkAuth: (access & 0x20) !== 0,
      ipmiMessaging: (access & 0x10) !== 0,
      privilegeLimit: access & 0x0f,
    },
  };
}

/**
 * Get User Name's sixteen bytes: the name up to its first NUL, as ipmitool prints it with "%s".
 * Bytes that are not UTF-8 become U+FFFD; the report escapes whatever else a BMC puts there.
 */
export function decodeUserName(data: Buffer): RmcpResult<string> {
  if (data.length !== 16) return protocolFailure('malformed', `Get User Name answered ${data.length} data bytes, not 16`);
  const end = data.indexOf(0);
  return { ok: true, value: data.subarray(0, end < 0 ? 16 : end).toString('utf8') };
}

/** One slot's row, as `ipmitool channel getaccess` would show it, still unnamed (Get User Name is a read of its own). */
export function userAccessRow(id: number, access: UserAccess): ChannelAccessRow {
  const limit = privilegeLimitOf(access.privilegeLimit);
  return {
    id,
    name: '',
    ipmiMessaging: access.ipmiMessaging,
    linkAuth: access.linkAuth,
    privilege: limit.privilege,
    privilegeText: limit.text,
    enableStatus: access.enableStatus,
  };
}
