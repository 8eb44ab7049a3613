// The shell part of the authorized-keys section: which files the running sshd reads keys, CAs and principals from.
import { PASSWD_READ_LIMIT } from '../snippet-prelude.js';

/** `[Aa][Bb]…`: a case pattern matching a keyword in any case, as sshd matches its keywords. */
function anyCase(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join('');
}

/**
 * The snippet. It finds the config the running sshd was started with (its `-f`, read from the pid
 * file's process; else /etc/ssh/sshd_config), walks it and its `Include`s (globs, relative to
 * /etc/ssh, at most 16 deep, as sshd does), and prints every auth-related option line as
 * `O <in-match> <line-no> <line>`, its trailing blanks cut as sshd cuts them, after the `S <file>`
 * it came from (`V <file>` for one it cannot read, that is no regular file, or that is larger than
 * the read limit). Each line is split into words as sshd's argv_split splits it (double or single
 * quotes, `\\` before a quote, a backslash or a blank), so `Include "/etc/ssh/my conf"` is one
 * file; `fc_words` does it for lines that hold a quote, a backslash or a `#`, the shell's own
 * splitting for the rest. It then reads, for every account, each AuthorizedKeysFile pattern (the
 * union of all values seen, Match blocks included, plus sshd's default) and each
 * AuthorizedPrincipalsFile with %h, %u, %U and %% expanded, and every TrustedUserCAKeys file.
 * Every file is read through the prelude's bounded readers.
 */
export function sshdAuthScript(limit: number): string {
  const akf = anyCase('AuthorizedKeysFile');
  const apf = anyCase('AuthorizedPrincipalsFile');
  const tca = anyCase('TrustedUserCAKeys');
  return `
fc_words() {
  fc_av= fc__w= fc__in=0 fc__qt= fc__r=$1
  while [ -n "$fc__r" ]; do
    fc__c=\${fc__r%"\${fc__r#?}"}; fc__r=\${fc__r#?}
    if [ "$fc__c" = '\\' ]; then
      fc__n=\${fc__r%"\${fc__r#?}"}
      case $fc__n in
        \\'|\\"|\\\\) fc__w=$fc__w$fc__n fc__r=\${fc__r#?} fc__in=1; continue ;;
        ' ') if [ -z "$fc__qt" ]; then fc__w="$fc__w " fc__r=\${fc__r#?} fc__in=1; continue; fi ;;
      esac
      fc__w=$fc__w\\\\ fc__in=1
      continue
    fi
    if [ -n "$fc__qt" ]; then
      if [ "$fc__c" = "$fc__qt" ]; then fc__qt=; else fc__w=$fc__w$fc__c; fi
      continue
    fi
    case $fc__c in
      ' '|"$fc_tab") [ "$fc__in" = 0 ] || { fc_sq "$fc__w"; fc_av="$fc_av $fc_sv" fc__w= fc__in=0; } ;;
      '#') if [ "$fc__in" = 1 ]; then fc__w=$fc__w#; else fc__r=; fi ;;
      \\"|\\') fc__qt=$fc__c fc__in=1 ;;
      *) fc__w=$fc__w$fc__c fc__in=1 ;;
    esac
  done
  [ -z "$fc__qt" ] || return 1
  [ "$fc__in" = 0 ] || { fc_sq "$fc__w"; fc_av="$fc_av $fc_sv"; }
  return 0
}
fc_cfgs= fc_cseen=
fc_addcfg() {
  fc_e "$1"
  case " $fc_cseen " in *" $fc_ev "*) return 0 ;; esac
  fc_cseen="$fc_cseen $fc_ev"
  fc_sq "$1"; fc_cfgs="$fc_cfgs $fc_sv"
}
for fc_pf in /run/sshd*.pid; do
  [ -f "$fc_pf" ] && [ -r "$fc_pf" ] || continue
  fc_pid=$(fc_text 64 "$fc_pf"); fc_pid=\${fc_pid%%"$fc_nl"*}
  case $fc_pid in ''|*[!0-9]*) continue ;; esac
  [ -r "/proc/$fc_pid/cmdline" ] || continue
  fc_c=/etc/ssh/sshd_config fc_prev=
  # A listening sshd rewrites its argv into one title with spaces ("sshd: /usr/sbin/sshd -f …"): split on both.
  set -f
  for fc_a in $(tr '\\0' ' ' < "/proc/$fc_pid/cmdline"); do
    [ "$fc_prev" = -f ] && fc_c=$fc_a
    case $fc_a in -f?*) fc_c=\${fc_a#-f} ;; esac
    fc_prev=$fc_a
  done
  set +f
  fc_addcfg "$fc_c"
done
[ -n "$fc_cfgs" ] || fc_addcfg /etc/ssh/sshd_config
fc_akf= fc_apf= fc_tca= fc_seen= fc_q=$fc_cfgs fc_d=0
while [ -n "$fc_q" ] && [ "$fc_d" -lt 16 ]; do
  fc_next=
  eval "set -- $fc_q"
  for fc_f; do
    fc_e "$fc_f"; fc_fe=$fc_ev
    case " $fc_seen " in *" $fc_fe "*) continue ;; esac
    fc_seen="$fc_seen $fc_fe"
    fc_kind "$fc_f"
    case $fc_k in
      n) continue ;;
      r) ;;
      *) printf '%s V %s\\n' "$M" "$fc_fe"; continue ;;
    esac
    fc_open file "$fc_f"
    fc_sz=$(fc_text ${limit + 1} "$fc_f" | wc -c)
    if [ "\${fc_sz##* }" -gt ${limit} ]; then printf '%s V %s\\n' "$M" "$fc_fe"; continue; fi
    printf '%s S %s\\n' "$M" "$fc_fe"
    fc_m=0 fc_n=0
    while IFS= read -r fc_l || [ -n "$fc_l" ]; do
      fc_n=$((fc_n + 1))
      # sshd strips a line's trailing blanks (a CR of a CRLF file among them) before it reads it.
      fc_l=\${fc_l%"\${fc_l##*[![:space:]]}"}
      fc_r=\${fc_l#"\${fc_l%%[![:space:]]*}"}
      fc_kw=\${fc_r%%[[:space:]=]*}
      case $fc_kw in ''|'#'*) continue ;; esac
      fc_r=\${fc_r#"$fc_kw"}
      fc_r=\${fc_r#"\${fc_r%%[![:space:]]*}"}
      case $fc_r in =*) fc_r=\${fc_r#=}; fc_r=\${fc_r#"\${fc_r%%[![:space:]]*}"} ;; esac
      case $fc_kw in
        ${anyCase('Match')}) fc_m=1; continue ;;
        ${anyCase('Include')}|${anyCase('Authorized')}*|${anyCase('Trusted')}*) ;;
        *) continue ;;
      esac
      case $fc_r in
        *[\\"\\'\\\\#]*) fc_words "$fc_r" || continue; eval "set -- $fc_av" ;;
        *) set -f; set -- $fc_r; set +f ;;
      esac
      case $fc_kw in
        ${anyCase('Include')})
          for fc_i; do
            case $fc_i in '~') fc_i=/root ;; '~/'*) fc_i=/root/\${fc_i#??} ;; esac
            case $fc_i in /*) ;; *) fc_i=/etc/ssh/$fc_i ;; esac
            fc_oifs=$IFS; IFS=
            for fc_g in $fc_i; do fc_sq "$fc_g"; fc_next="$fc_next $fc_sv"; done
            IFS=$fc_oifs
          done ;;
        *)
          printf '%s O %s %s %s\\n' "$M" "$fc_m" "$fc_n" "$fc_l"
          fc_list=
          for fc_i; do fc_sq "$fc_i"; fc_list="$fc_list $fc_sv"; done
          case $fc_kw in
            ${akf}) fc_akf="$fc_akf$fc_list" ;;
            ${apf}) fc_apf="$fc_apf$fc_list" ;;
            ${tca}) fc_tca="$fc_tca$fc_list" ;;
          esac ;;
      esac
    done <<FC_EOF
$(fc_text ${limit} "$fc_f")
FC_EOF
  done
  fc_q=$fc_next fc_d=$((fc_d + 1))
done
fc_x() {
  fc_r= fc_s=$1
  while :; do
    case $fc_s in
      *%*) fc_r=$fc_r\${fc_s%%\\%*}; fc_s=\${fc_s#*%}
        case $fc_s in h*) fc_r=$fc_r$fc_home ;; u*) fc_r=$fc_r$fc_user ;; U*) fc_r=$fc_r$fc_uid ;; %*) fc_r=$fc_r% ;; *) fc_r=$fc_r%? ;; esac
        fc_s=\${fc_s#?} ;;
      *) fc_r=$fc_r$fc_s; return ;;
    esac
  done
}
fc_file() {
  fc_e "$3"; fc_fe=$fc_ev
  case " $fc_fseen " in *" $1:$fc_fe "*) return 0 ;; esac
  fc_fseen="$fc_fseen $1:$fc_fe"
  fc_kind "$3"
  case $fc_k in
    r)
      fc_open file "$3"
      fc_e "$2"; printf '%s %s %s %s\\n' "$M" "$1" "$fc_ev" "$fc_fe"
      head -c ${limit + 1} -- "$3"
      printf '\\n%s E\\n' "$M" ;;
    u|s) fc_e "$2"; printf '%s U%s %s %s\\n' "$M" "$1" "$fc_ev" "$fc_fe" ;;
  esac
}
fc_read() {
  [ "$2" = none ] && return 0
  fc_x "$2"
  case $fc_r in /*) ;; *) fc_r="$fc_home/$fc_r" ;; esac
  fc_u=$fc_user
  [ "$fc_r" = "$2" ] && fc_u='*'
  fc_file "$1" "$fc_u" "$fc_r"
}
fc_fseen=
fc_open file /etc/passwd
while IFS=: read -r fc_user _ fc_uid _ _ fc_home _; do
  [ -n "$fc_home" ] || continue
  eval "set -- $fc_akf .ssh/authorized_keys .ssh/authorized_keys2"
  for fc_p; do fc_read F "$fc_p"; done
  eval "set -- $fc_apf"
  for fc_p; do fc_read A "$fc_p"; done
done <<FC_EOF
$(fc_text ${PASSWD_READ_LIMIT} /etc/passwd)
FC_EOF
eval "set -- $fc_tca"
for fc_p; do [ "$fc_p" = none ] || fc_file T '*' "$fc_p"; done
`;
}
