// Reads one channel's user table in an open session, slot by slot as `ipmitool channel getaccess`
// does: Get User Access for user id 1 up to the count the first answer gives, and Get User Name for
// the slots the caller wants named. Nothing is written: both commands only read.
import type { ChannelAccessRow } from '../../../facts/bmc-users.js';
import { COMMAND } from './ipmi-message.js';
import { rmcpFailure, type RmcpResult } from './rmcp-failure.js';
import type { RmcpSession } from './rmcp-handshake.js';
import { decodeUserAccess, decodeUserName, MAX_USER_ID, userAccessRow } from './user-access.js';

/** The table as the BMC gave it. */
export interface UserTableRead {
  rows: ChannelAccessRow[];
  /** The BMC's own count of enabled user ids, from the first Get User Access. */
  enabledCount: number;
}

/** A completion code that refuses a read: 'privilege' for insufficient privilege (0xD4), else 'protocol'. */
function refused(what: string, code: number): RmcpResult<never> {
  return rmcpFailure(code === 0xd4 ? 'privilege' : 'protocol', 'refused', `${what} answered completion code 0x${code.toString(16).padStart(2, '0')}`, code);
}

/**
 * Every slot of `channel`. `named` says which slots' names to ask for: the scan names only those
 * that can log in over the LAN, since no check looks at another's name, and on a BMC of 63 slots
 * that halves the exchanges. A slot left unnamed, or whose name the BMC says is out of range
 * (0xCC, printed empty by ipmitool too), has the name ''. Any other refusal ends the read, since a
 * table with a slot missing could hide the very account `bmc.users` looks for.
 */
export async function readUserTable(session: Pick<RmcpSession, 'request'>, channel: number, named: (row: ChannelAccessRow) => boolean = () => true): Promise<RmcpResult<UserTableRead>> {
  const rows: ChannelAccessRow[] = [];
  let last = 1;
  let enabledCount = 0;
  for (let id = 1; id <= last; id++) {
    const what = `Get User Access (channel ${channel}, user ${id})`;
    const access = await session.request(COMMAND.getUserAccess, Buffer.from([channel & 0x0f, id & MAX_USER_ID]), what);
    if (!access.ok) return access;
    if (access.value.completionCode !== 0) return refused(what, access.value.completionCode);
    const decoded = decodeUserAccess(access.value.data);
    if (!decoded.ok) return { ...decoded, message: `${what}: ${decoded.message}` };
    if (id === 1) {
      last = decoded.value.maxUserIds;
      enabledCount = decoded.value.enabledUserIds;
    }
    const row = userAccessRow(id, decoded.value);
    rows.push(row);
    if (!named(row)) continue;
    const nameWhat = `Get User Name (user ${id})`;
    const name = await session.request(COMMAND.getUserName, Buffer.from([id & MAX_USER_ID]), nameWhat);
    if (!name.ok) return name;
    if (name.value.completionCode !== 0 && name.value.completionCode !== 0xcc) return refused(nameWhat, name.value.completionCode);
    if (name.value.completionCode === 0) {
      const decodedName = decodeUserName(name.value.data);
      if (!decodedName.ok) return { ...decodedName, message: `${nameWhat}: ${decodedName.message}` };
      // Trailing spaces trimmed, as every reader of ipmitool's padded output did.
      row.name = decodedName.value.trimEnd();
    }
  }
  return { ok: true, value: { rows, enabledCount } };
}
