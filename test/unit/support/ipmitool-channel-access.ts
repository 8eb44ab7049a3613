// Reads what `ipmitool channel getaccess <channel>` prints: one block per user slot with its
// name, IPMI messaging bit, privilege limit and (IPMI 2.0) enable status. The scan reads the table
// natively; this reader of the real client's output is the reference the tests hold that read to.
import type { ChannelAccessRow, UserEnableStatus, UserPrivilegeLimit } from '../../../src/facts/bmc-users.js';

/** Parsed rows, plus blocks that lacked a user id or a field we need. */
export interface ChannelAccessParse {
  rows: ChannelAccessRow[];
  /** "Enabled User IDs" from the header, when printed. */
  enabledCount: number | undefined;
  unparsed: string[];
}

const FIELD = /^([A-Za-z][A-Za-z ]*?)\s*:\s?(.*)$/;

const PRIVILEGES: Readonly<Record<string, UserPrivilegeLimit>> = {
  CALLBACK: 'callback',
  USER: 'user',
  OPERATOR: 'operator',
  ADMINISTRATOR: 'administrator',
  OEM: 'oem',
  'NO ACCESS': 'no-access',
};

/** ipmitool's name of a privilege limit, normalised; "Unknown (0x00)" and anything else is 'unknown'. */
export function normalisePrivilegeLimit(text: string): UserPrivilegeLimit {
  return PRIVILEGES[text.trim()] ?? 'unknown';
}

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
