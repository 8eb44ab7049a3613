// Collects what makes an account usable: passwd, group, password state (never the hash), sudoers, running processes.
import type { SshSection } from '../ssh-section.js';
import { firstWord, parseFramed } from './framed-output.js';

/** Largest part of passwd, group or one sudoers file read. */
export const ACCOUNT_FILE_READ_LIMIT = 1024 * 1024;

/** One /etc/passwd entry. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** Whether an account's /etc/shadow entry allows a password login: a hash, nothing at all, or locked. */
export type PasswordState = 'set' | 'empty' | 'locked';

/** A sudoers line that is not a comment, with where it was. */
export interface SudoersLine {
  file: string;
  line: number;
  text: string;
}

/** The local accounts and what makes them usable or privileged. */
export interface AccountsFact {
  passwd: PasswdEntry[];
  /** Group name to members, the primary group's members included. */
  groups: Map<string, { gid: number; members: string[] }>;
  /** Undefined when /etc/shadow could not be read: password state unknown. */
  passwords?: Map<string, PasswordState>;
  sudoers: SudoersLine[];
  /** Sudoers files that exist but could not be read. */
  unreadable: string[];
  /** Number of processes per uid, read from the owners of /proc/<pid>. */
  processesByUid: Map<number, number>;
}

// The shadow loop prints only a classification per account: the hash never leaves the host.
const script = `
fc_blob() {
  if [ -r "$2" ]; then
    printf '%s F %s %s\\n' "$M" "$1" "$2"
    head -c ${ACCOUNT_FILE_READ_LIMIT + 1} "$2"
    printf '\\n%s E\\n' "$M"
  elif [ -e "$2" ]; then
    printf '%s U %s %s\\n' "$M" "$1" "$2"
  fi
}
fc_blob passwd /etc/passwd
fc_blob group /etc/group
if [ -r /etc/shadow ]; then
  printf '%s F shadow /etc/shadow\\n' "$M"
  while IFS=: read -r fc_u fc_pw _; do
    case $fc_pw in '') fc_s=empty ;; '!'*|'*'*) fc_s=locked ;; *) fc_s=set ;; esac
    printf '%s %s\\n' "$fc_u" "$fc_s"
  done < /etc/shadow
  printf '\\n%s E\\n' "$M"
else
  printf '%s U shadow /etc/shadow\\n' "$M"
fi
fc_blob sudoers /etc/sudoers
for fc_f in /etc/sudoers.d/*; do
  case \${fc_f##*/} in *.*|*~) continue ;; esac
  [ -f "$fc_f" ] && fc_blob sudoers "$fc_f"
done
printf '%s F procs /proc\\n' "$M"
stat -c %u /proc/[0-9]* 2>/dev/null
printf '\\n%s E\\n' "$M"
`;

/** Parses the section text; pure. */
export function parseAccountsSection(text: string, marker: string): AccountsFact {
  const fact: AccountsFact = { passwd: [], groups: new Map(), sudoers: [], unreadable: [], processesByUid: new Map() };
  let groupLines: string[] = [];
  for (const r of parseFramed(text, marker, new Set(['F']))) {
    const [what, path] = firstWord(r.args);
    if (r.tag === 'U') {
      if (what === 'sudoers' || what === 'passwd' || what === 'group') fact.unreadable.push(path);
      continue;
    }
    const body = r.body ?? [];
    switch (what) {
      case 'passwd':
        for (const l of body) {
          const f = l.split(':');
          if (f.length < 7 || !f[0]) continue;
          fact.passwd.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '', shell: f[6] ?? '' });
        }
        break;
      case 'group':
        groupLines = body;
        break;
      case 'shadow': {
        const passwords = new Map<string, PasswordState>();
        for (const l of body) {
          const [user, state] = l.split(' ');
          if (user && (state === 'set' || state === 'empty' || state === 'locked')) passwords.set(user, state);
        }
        fact.passwords = passwords;
        break;
      }
      case 'sudoers':
        body.forEach((l, i) => {
          const t = l.trim();
          // `#include` and `#includedir` are directives, not comments.
          if (t === '' || (t.startsWith('#') && !/^#include/.test(t))) return;
          fact.sudoers.push({ file: path, line: i + 1, text: t });
        });
        break;
      case 'procs':
        for (const l of body) {
          const uid = Number(l.trim());
          if (l.trim() !== '' && Number.isInteger(uid)) fact.processesByUid.set(uid, (fact.processesByUid.get(uid) ?? 0) + 1);
        }
        break;
    }
  }
  for (const l of groupLines) {
    const [name, , gid, members] = l.split(':');
    if (!name || gid === undefined) continue;
    const list = (members ?? '').split(',').map((m) => m.trim()).filter(Boolean);
    for (const p of fact.passwd) if (p.gid === Number(gid) && !list.includes(p.name)) list.push(p.name);
    fact.groups.set(name, { gid: Number(gid), members: list });
  }
  return fact;
}

/** The residue-accounts section of the collecting command. */
export const accountsSection: SshSection<'ssh.accounts'> = {
  name: 'residue-accounts',
  fact: 'ssh.accounts',
  script,
  parse: (text, marker) => ({ ok: true, value: parseAccountsSection(text, marker) }),
};
