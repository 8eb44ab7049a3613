// The shell part of the authorized-keys section: which files the running sshd reads keys, CAs and principals from.

/** `[Aa][Bb]…`: a case pattern matching a keyword in any case, as sshd matches its keywords. */
function anyCase(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join('');
}

/**
 * The snippet. It finds the config the running sshd was started with (its `-f`, read from the pid
 * file's process; else /etc/ssh/sshd_config), walks it and its `Include`s (globs, relative to
 * /etc/ssh, at most 16 deep, as sshd does), and prints every auth-related option line as
 * `O <in-match> <line-no> <line>` after the `S <file>` it came from. It then reads, for every
 * account, each AuthorizedKeysFile pattern (the union of all values seen, Match blocks included,
 * plus sshd's default) and each AuthorizedPrincipalsFile with %h, %u, %U and %% expanded, and
 * every TrustedUserCAKeys file. Only builtins, one `tr` per running sshd and one `head` per file.
 */
export function sshdAuthScript(limit: number): string {
  const akf = anyCase('AuthorizedKeysFile');
  const apf = anyCase('AuthorizedPrincipalsFile');
  const tca = anyCase('TrustedUserCAKeys');
  return `
fc_cfgs=
for fc_pf in /run/sshd*.pid; do
  [ -r "$fc_pf" ] || continue
  fc_pid=; read -r fc_pid < "$fc_pf"
  case $fc_pid in ''|*[!0-9]*) continue ;; esac
  [ -r "/proc/$fc_pid/cmdline" ] || continue
  fc_c=/etc/ssh/sshd_config; fc_prev=
  set -f
  for fc_a in $(tr '\\0' ' ' < "/proc/$fc_pid/cmdline"); do
    [ "$fc_prev" = -f ] && fc_c=$fc_a
    case $fc_a in -f?*) fc_c=\${fc_a#-f} ;; esac
    fc_prev=$fc_a
  done
  set +f
  case " $fc_cfgs " in *" $fc_c "*) ;; *) fc_cfgs="$fc_cfgs $fc_c" ;; esac
done
[ -n "$fc_cfgs" ] || fc_cfgs=/etc/ssh/sshd_config
fc_akf= fc_apf= fc_tca= fc_seen= fc_q=$fc_cfgs fc_d=0
while [ -n "$fc_q" ] && [ "$fc_d" -lt 16 ]; do
  fc_next=
  for fc_f in $fc_q; do
    case " $fc_seen " in *" $fc_f "*) continue ;; esac
    fc_seen="$fc_seen $fc_f"
    [ -e "$fc_f" ] || continue
    if [ -d "$fc_f" ] || [ ! -r "$fc_f" ]; then printf '%s V %s\\n' "$M" "$fc_f"; continue; fi
    printf '%s S %s\\n' "$M" "$fc_f"
    fc_m=0 fc_n=0
    while IFS= read -r fc_l || [ -n "$fc_l" ]; do
      fc_n=$((fc_n + 1))
      set -f; set -- $fc_l; set +f
      [ $# -gt 0 ] || continue
      fc_k=\${1%%=*}
      case $1 in *=?*) fc_v=\${1#*=}; shift; set -- "$fc_v" "$@" ;; *) shift ;; esac
      [ "$1" = = ] && shift
      case $fc_k in
        ${anyCase('Match')}) fc_m=1 ;;
        ${anyCase('Include')}) for fc_i; do case $fc_i in /*) fc_next="$fc_next $fc_i" ;; *) fc_next="$fc_next /etc/ssh/$fc_i" ;; esac; done ;;
        ${anyCase('Authorized')}*|${anyCase('Trusted')}*)
          printf '%s O %s %s %s\\n' "$M" "$fc_m" "$fc_n" "$fc_l"
          case $fc_k in
            ${akf}) fc_akf="$fc_akf $*" ;;
            ${apf}) fc_apf="$fc_apf $*" ;;
            ${tca}) fc_tca="$fc_tca $*" ;;
          esac ;;
      esac
    done < "$fc_f"
  done
  fc_q=$fc_next; fc_d=$((fc_d + 1))
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
  case " $fc_fseen " in *" $1:$3 "*) return 0 ;; esac
  fc_fseen="$fc_fseen $1:$3"
  [ -f "$3" ] || return 0
  if [ -r "$3" ]; then
    printf '%s %s %s %s\\n' "$M" "$1" "$2" "$3"
    head -c ${limit + 1} "$3"
    printf '\\n%s E\\n' "$M"
  else
    printf '%s U%s %s %s\\n' "$M" "$1" "$2" "$3"
  fi
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
set -f
while IFS=: read -r fc_user _ fc_uid _ _ fc_home _; do
  [ -n "$fc_home" ] || continue
  for fc_p in $fc_akf .ssh/authorized_keys .ssh/authorized_keys2; do fc_read F "$fc_p"; done
  for fc_p in $fc_apf; do fc_read A "$fc_p"; done
done < /etc/passwd
for fc_p in $fc_tca; do [ "$fc_p" = none ] || fc_file T '*' "$fc_p"; done
set +f
`;
}
