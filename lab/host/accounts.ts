// Adds scenario accounts to copies of the base's passwd, group and shadow (what useradd would write).
import type { LabAccount } from '../fleet/plan-fleet.js';

/** The three account databases as text. */
export interface AccountFiles {
  passwd: string;
  group: string;
  shadow: string;
}

// A fixed "last changed" day keeps generated files identical from run to run.
const LAST_CHANGED_DAY = 20454;

function withLine(text: string, name: string, line: string): string {
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith(`${name}:`));
  return `${[...lines, line].join('\n')}\n`;
}

/**
 * The databases with each account (and its own group) added or replaced. The shadow entry is `*`:
 * no password login, but not locked, which sshd without PAM would otherwise refuse.
 */
export function withAccounts(files: AccountFiles, accounts: LabAccount[]): AccountFiles {
  let { passwd, group, shadow } = files;
  for (const a of accounts) {
    passwd = withLine(passwd, a.name, `${a.name}:x:${a.uid}:${a.gid}::${a.home}:${a.shell}`);
    group = withLine(group, a.name, `${a.name}:x:${a.gid}:`);
    shadow = withLine(shadow, a.name, `${a.name}:*:${LAST_CHANGED_DAY}:0:99999:7:::`);
  }
  return { passwd, group, shadow };
}

/** The home directory, uid and gid of `user` in a passwd text, or undefined if absent. */
export function passwdEntry(passwd: string, user: string): { home: string; uid: number; gid: number } | undefined {
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f[0] === user && f.length >= 7) return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '/' };
  }
  return undefined;
}
