// Reads the table `ipmitool user list <channel>` prints, for checks on BMC accounts.
// ipmitool prints each row as printf("%-4d%-17s%-8s%-11s%-11s%s"); names may hold spaces
// and may even be "true", so the row is read from the right, where the columns are fixed words.
import type { UserPrivilegeLimit } from '../../facts/bmc-users.js';

/** One user slot of one channel. */
export interface UserListRow {
  id: number;
  /** Empty for unnamed slots (and for the anonymous user 1). Padding is removed, so trailing spaces are lost. */
  name: string;
  /** Not shown by `user list`; left undefined here for a later source (e.g. `user summary`) to fill. */
  enabled?: boolean;
  /** ipmitool's "Callin" column (true unless the user is restricted to callback). */
  callin: boolean;
  linkAuth: boolean;
  ipmiMsg: boolean;
  privilege: UserPrivilegeLimit;
  /** The privilege exactly as printed, e.g. "Unknown (0x00)". */
  privilegeText: string;
}

/** Parsed rows, plus lines that looked like neither a row nor the header. */
export interface UserListParse {
  rows: UserListRow[];
  unparsed: string[];
}

const ROW = /^(\d{1,3})(.*) (true|false) +(true|false) +(true|false) +(\S.*?)\s*$/;
const HEADER = /^ID\s+Name\s/;
const NAME_COLUMN = 4;
type RowMatch = [string, string, string, string, string, string, string];

const PRIVILEGES: Record<string, UserPrivilegeLimit> = {
  CALLBACK: 'callback',
  USER: 'user',
  OPERATOR: 'operator',
  ADMINISTRATOR: 'administrator',
  OEM: 'oem',
  'NO ACCESS': 'no-access',
};

/** The normalised form of an ipmitool privilege name; anything unrecognised is 'unknown'. */
export function normalisePrivilegeLimit(text: string): UserPrivilegeLimit {
  return PRIVILEGES[text.trim().toUpperCase()] ?? 'unknown';
}

/** Parses `ipmitool user list` stdout. Pure; tolerant of blank lines and the header. */
export function parseUserList(stdout: string): UserListParse {
  const rows: UserListRow[] = [];
  const unparsed: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === '' || HEADER.test(line)) continue;
    const m = ROW.exec(line);
    if (!m) {
      unparsed.push(line);
      continue;
    }
    const [, id, rest, callin, linkAuth, ipmiMsg, privilegeText] = m as unknown as RowMatch;
    // The name column starts at NAME_COLUMN; only the id's padding is removed, not the name's own spaces.
    const padding = Math.max(0, NAME_COLUMN - id.length);
    rows.push({
      id: Number(id),
      name: rest.replace(new RegExp(`^ {0,${padding}}`), '').trimEnd(),
      callin: callin === 'true',
      linkAuth: linkAuth === 'true',
      ipmiMsg: ipmiMsg === 'true',
      privilege: normalisePrivilegeLimit(privilegeText),
      privilegeText,
    });
  }
  return { rows, unparsed };
}
