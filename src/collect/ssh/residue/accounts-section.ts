// Collects what makes an account usable: passwd, group, password state (never the hash), sudoers, running processes.
import type { SshSection } from '../ssh-section.js';
import { decodeName } from '../name-framing.js';
import { firstWord, parseFramed } from '../section-framing.js';
import type { AccountsFact, PasswordState } from '../../../facts/accounts.js';

/** Largest part of passwd, group or one sudoers file read. */
export const ACCOUNT_FILE_READ_LIMIT = 1024 * 1024;

/** How deep sudoers `@include`/`@includedir` chains are followed: sudo's own limit (MAX_SUDOERS_DEPTH); files beyond are "too deep". */
export const SUDOERS_INCLUDE_DEPTH = 128;

// The shadow loop prints only a classification per account: the hash never leaves the host.
// Sudoers is read as sudo reads it: /etc/sudoers, then every file its `#include`/`@include`
// and `#includedir`/`@includedir` lines name (relative to the including file, `%h` the short host
// name), /etc/sudoers.d always included; an include that is missing counts as unreadable.
// An include's path is read as sudo's lexer reads it: `"double quoted"` (where `\"` is a quote), or
// a bare word in which a backslash escapes a blank (`90\ provops`), `\xHH` is a byte and `\c` is c;
// `#include` only at the start of a line (indented, it is a comment), `@include` after blanks too.
// `fc_sinc TEXT` sets `fc_p` to the path TEXT starts with. Lists of paths are kept as quoted words
// (fc_sq), so a name with blanks or newlines is one file, never two.
const script = `
fc_blob() {
  fc_e "$2"
  fc_kind "$2"
  case $fc_k in
    r)
      fc_open file "$2"
      printf '%s F %s %s\\n' "$M" "$1" "$fc_ev"
      head -c ${ACCOUNT_FILE_READ_LIMIT + 1} -- "$2"
      printf '\\n%s E\\n' "$M" ;;
    u|s|d) printf '%s U %s %s\\n' "$M" "$1" "$fc_ev" ;;
  esac
}
fc_blob passwd /etc/passwd
fc_blob group /etc/group
fc_kind /etc/shadow
if [ "$fc_k" = r ]; then
  fc_open file /etc/shadow
  printf '%s F shadow /etc/shadow\\n' "$M"
  # A pipe, not a here-document: some shells (bash 4, bash 5.1+ past the pipe size) keep a
  # here-document in a temporary file, which would put the hashes on the host's disk. The echo ends
  # a last line that has no newline, so read sees it; the empty line it may add is skipped.
  { fc_text ${ACCOUNT_FILE_READ_LIMIT} /etc/shadow; echo; } | while IFS=: read -r fc_u fc_pw _; do
    [ -n "$fc_u" ] || continue
    case $fc_pw in '') fc_s=empty ;; '!'*|'*'*) fc_s=locked ;; *) fc_s=set ;; esac
    fc_e "$fc_u"
    printf '%s %s\\n' "$fc_ev" "$fc_s"
  done
  printf '\\n%s E\\n' "$M"
else
  printf '%s U shadow /etc/shadow\\n' "$M"
fi
fc_sinc() {
  fc_p= fc_s=$1
  case $fc_s in
    \\"*)
      fc_s=\${fc_s#?}
      while :; do
        case $fc_s in
          '') return 1 ;;
          \\\\\\"*) fc_p=$fc_p\\"; fc_s=\${fc_s#??} ;;
          \\"*) break ;;
          *) fc_p=$fc_p\${fc_s%"\${fc_s#?}"}; fc_s=\${fc_s#?} ;;
        esac
      done ;;
    *[\\\\]*)
      while :; do
        case $fc_s in
          ''|[[:space:]]*) break ;;
          \\\\x[0-9A-Fa-f][0-9A-Fa-f]*)
            fc_c=\${fc_s#??}; fc_c=\${fc_c%"\${fc_c#??}"}
            fc_p=$fc_p$(printf "\\\\$(printf %03o "0x$fc_c")"); fc_s=\${fc_s#????} ;;
          \\\\?*) fc_s=\${fc_s#?}; fc_p=$fc_p\${fc_s%"\${fc_s#?}"}; fc_s=\${fc_s#?} ;;
          *) fc_p=$fc_p\${fc_s%"\${fc_s#?}"}; fc_s=\${fc_s#?} ;;
        esac
      done ;;
    *) fc_p=\${fc_s%%[[:space:]]*} ;;
  esac
  [ -n "$fc_p" ]
}
fc_sq /etc/sudoers; fc_sl=$fc_sv fc_ss= fc_sd=0 fc_hn=
for fc_f in /etc/sudoers.d/*; do
  case \${fc_f##*/} in *.*|*~) continue ;; esac
  [ -f "$fc_f" ] && { fc_sq "$fc_f"; fc_sl="$fc_sl $fc_sv"; }
done
while [ -n "$fc_sl" ]; do
  eval "set -- $fc_sl"
  if [ "$fc_sd" -ge ${SUDOERS_INCLUDE_DEPTH} ]; then
    for fc_f; do fc_e "$fc_f"; printf '%s D sudoers %s\\n' "$M" "$fc_ev"; done
    break
  fi
  fc_sn=
  for fc_f; do
    fc_e "$fc_f"
    case " $fc_ss " in *" $fc_ev "*) continue ;; esac
    fc_ss="$fc_ss $fc_ev"
    fc_kind "$fc_f"
    case $fc_k in
      r) fc_blob sudoers "$fc_f" ;;
      *) printf '%s U sudoers %s\\n' "$M" "$fc_ev"; continue ;;
    esac
    while IFS= read -r fc_l || [ -n "$fc_l" ]; do
      case $fc_l in
        '#includedir'[[:blank:]]*) fc_t=d fc_r=\${fc_l#?includedir} ;;
        '#include'[[:blank:]]*) fc_t=f fc_r=\${fc_l#?include} ;;
        *[!\\ \\	]*)
          fc_r=\${fc_l#"\${fc_l%%[![:blank:]]*}"}
          case $fc_r in
            @includedir[[:blank:]\\"]*) fc_t=d fc_r=\${fc_r#@includedir} ;;
            @include[[:blank:]\\"]*) fc_t=f fc_r=\${fc_r#@include} ;;
            *) continue ;;
          esac ;;
        *) continue ;;
      esac
      fc_sinc "\${fc_r#"\${fc_r%%[![:blank:]]*}"}" || continue
      case $fc_p in *%h*)
        [ -n "$fc_hn" ] || { fc_hn=$(fc_text 256 /proc/sys/kernel/hostname); fc_hn=\${fc_hn%%.*}; }
        fc_o=
        while :; do
          case $fc_p in
            *%h*) fc_o=$fc_o\${fc_p%%%h*}$fc_hn; fc_p=\${fc_p#*%h} ;;
            *) fc_p=$fc_o$fc_p; break ;;
          esac
        done ;;
      esac
      case $fc_p in /*) ;; *) fc_p=\${fc_f%/*}/$fc_p ;; esac
      if [ "$fc_t" = f ]; then fc_sq "$fc_p"; fc_sn="$fc_sn $fc_sv"; continue; fi
      for fc_i in "$fc_p"/*; do
        case \${fc_i##*/} in *.*|*~) continue ;; esac
        [ -f "$fc_i" ] && { fc_sq "$fc_i"; fc_sn="$fc_sn $fc_sv"; }
      done
    done <<FC_EOF
$(fc_text ${ACCOUNT_FILE_READ_LIMIT + 1} "$fc_f")
FC_EOF
  done
  fc_sl=$fc_sn fc_sd=$((fc_sd + 1))
done
fc_open file /proc
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
    const [what, name] = firstWord(r.args);
    const path = decodeName(name);
    if (r.tag === 'D') {
      (fact.tooDeep ??= []).push(path);
      continue;
    }
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
          const [field, state] = l.split(' ');
          const user = field === undefined ? undefined : decodeName(field);
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
