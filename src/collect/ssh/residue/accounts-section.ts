// Collects what makes an account usable: passwd, group, password state (never the hash), sudoers, running processes.
import type { SshSection } from '../ssh-section.js';
import { firstWord, parseFramed } from '../section-framing.js';
import type { AccountsFact, PasswordState } from '../../../facts/accounts.js';

/** Largest part of passwd, group or one sudoers file read. */
export const ACCOUNT_FILE_READ_LIMIT = 1024 * 1024;

/** How deep sudoers `@include`/`@includedir` chains are followed; files beyond count as unreadable. */
export const SUDOERS_INCLUDE_DEPTH = 8;

// The shadow loop prints only a classification per account: the hash never leaves the host.
// Sudoers is read as sudo reads it: /etc/sudoers, then every file its `#include`/`@include`
// and `#includedir`/`@includedir` lines name (relative to the including file, `%h` the short host
// name), /etc/sudoers.d always included; an include that is missing counts as unreadable.
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
fc_sq=/etc/sudoers fc_ss= fc_sd=0 fc_hn=
for fc_f in /etc/sudoers.d/*; do
  case \${fc_f##*/} in *.*|*~) continue ;; esac
  [ -f "$fc_f" ] && fc_sq="$fc_sq $fc_f"
done
while [ -n "$fc_sq" ]; do
  if [ "$fc_sd" -ge ${SUDOERS_INCLUDE_DEPTH} ]; then
    for fc_f in $fc_sq; do printf '%s U sudoers %s\\n' "$M" "$fc_f"; done
    break
  fi
  fc_sn=
  for fc_f in $fc_sq; do
    case " $fc_ss " in *" $fc_f "*) continue ;; esac
    fc_ss="$fc_ss $fc_f"
    [ -e "$fc_f" ] || { printf '%s U sudoers %s\\n' "$M" "$fc_f"; continue; }
    fc_blob sudoers "$fc_f"
    [ -f "$fc_f" ] && [ -r "$fc_f" ] || continue
    while read -r fc_l || [ -n "$fc_l" ]; do
      case $fc_l in
        [#@]includedir[[:blank:]]*) fc_k=d fc_p=\${fc_l#?includedir} ;;
        [#@]include[[:blank:]]*) fc_k=f fc_p=\${fc_l#?include} ;;
        *) continue ;;
      esac
      fc_p=\${fc_p#"\${fc_p%%[![:blank:]]*}"}; fc_p=\${fc_p#\\"}; fc_p=\${fc_p%\\"}
      case $fc_p in *%h*)
        [ -n "$fc_hn" ] || { read -r fc_hn < /proc/sys/kernel/hostname; fc_hn=\${fc_hn%%.*}; }
        fc_p=\${fc_p%%%h*}$fc_hn\${fc_p#*%h} ;;
      esac
      case $fc_p in /*) ;; *) fc_p=\${fc_f%/*}/$fc_p ;; esac
      if [ "$fc_k" = f ]; then fc_sn="$fc_sn $fc_p"; continue; fi
      for fc_i in "$fc_p"/*; do
        case \${fc_i##*/} in *.*|*~) continue ;; esac
        [ -f "$fc_i" ] && fc_sn="$fc_sn $fc_i"
      done
    done < "$fc_f"
  done
  fc_sq=$fc_sn fc_sd=$((fc_sd + 1))
done
printf '%s F procs /proc\\n' "$M"
stat -c %u /proc/[0-9]* 2>/dev/null
printf '\\n%s E\\n' "$M"
`;

/** The passwd password field's state; undefined for `x`, which defers to /etc/shadow. */
function passwdFieldState(field: string): PasswordState | undefined {
  if (field === 'x') return undefined;
  if (field === '') return 'empty';
  return field.startsWith('!') || field.startsWith('*') ? 'locked' : 'set';
}

/** Parses the section text; pure. */
export function parseAccountsSection(text: string, marker: string): AccountsFact {
  const fact: AccountsFact = { passwd: [], groups: new Map(), sudoers: [], unreadable: [], truncated: [], processesByUid: new Map() };
  let groupLines: string[] = [];
  for (const r of parseFramed(text, marker, new Set(['F']))) {
    const [what, path] = firstWord(r.args);
    if (r.tag === 'U') {
      if ((what === 'sudoers' || what === 'passwd' || what === 'group') && !fact.unreadable.includes(path)) fact.unreadable.push(path);
      continue;
    }
    const body = r.body ?? [];
    if ((what === 'sudoers' || what === 'passwd' || what === 'group') && r.bytes > ACCOUNT_FILE_READ_LIMIT) fact.truncated.push(path);
    switch (what) {
      case 'passwd':
        for (const l of body) {
          const f = l.split(':');
          if (f.length < 7 || !f[0]) continue;
          const password = passwdFieldState(f[1]!);
          fact.passwd.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '', shell: f[6] ?? '', ...(password ? { password } : {}) });
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
          // `#include` and `#includedir` are directives, and `#1001 ALL=…` grants to a uid: neither is a comment.
          if (t === '' || (t.startsWith('#') && !/^#include/.test(t) && !/^#\d+[\s,]/.test(t))) return;
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
