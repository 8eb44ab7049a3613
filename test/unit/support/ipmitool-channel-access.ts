// Reads what `ipmitool channel getaccess <channel>` prints: one block per user slot with its
// name, IPMI messaging bit, privilege limit and (IPMI 2.0) enable status. `user list` does not
// show whether a user is enabled; this is where a BMC says so, or says "unknown" (ipmi_sim does).
import { normalisePrivilegeLimit } from './parse-user-list.js';
import type { ChannelAccessRow, UserEnableStatus, UserPrivilegeLimit } from '../../facts/bmc-users.js';

/** Parsed rows, plus blocks that lacked a user id or a field we need. */
export interface ChannelAccessParse {
  rows: ChannelAccessRow[];
  /** "Enabled User IDs" from the header, when printed. */
  enabledCount: number | undefined;
  unparsed: string[];
}

const FIELD = /^([A-Za-z][A-Za-z ]*?)\s*:\s?(.*)$/;

function enableStatusOf(text: string | undefined): UserEnableStatus {
  const t = (text ?? '').trim().toLowerCase();
  return t === 'enabled' ? 'enabled' : t === 'disabled' ? 'disabled' : 'unknown';
}

/** Parses `ipmitool channel getaccess` stdout. Pure. */
export function parseChannelAccess(stdout: string): ChannelAccessParse {
  const rows: ChannelAccessRow[] = [];
  const unparsed: string[] = [];
  let enabledCount: number | undefined;
  let block: Map<string, string> | undefined;
  const flush = (): void => {
    if (!block) return;
    const id = block.get('User ID');
    const privilegeText = block.get('Privilege Level');
    const messaging = block.get('IPMI Messaging');
    if (id === undefined || !/^\d+$/.test(id.trim()) || privilegeText === undefined || messaging === undefined) {
      unparsed.push([...block.entries()].map(([k, v]) => `${k}: ${v}`).join('; '));
    } else {
      rows.push({
        id: Number(id.trim()),
        name: (block.get('User Name') ?? '').trimEnd(),
        ipmiMessaging: messaging.trim() === 'enabled',
        linkAuth: (block.get('Link Authentication') ?? '').trim() === 'enabled',
        privilege: normalisePrivilegeLimit(privilegeText),
        privilegeText: privilegeText.trim(),
        enableStatus: enableStatusOf(block.get('Enable Status')),
      });
    }
    block = undefined;
  };
  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const m = FIELD.exec(line);
    if (!m) {
      unparsed.push(line);
      continue;
    }
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'Enabled User IDs') {
      enabledCount = /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
      continue;
    }
    if (key === 'Maximum User IDs') continue;
    if (key === 'User ID') flush();
    (block ??= new Map()).set(key, value);
  }
  flush();
  return { rows, enabledCount, unparsed };
}

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
