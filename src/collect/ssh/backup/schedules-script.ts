// The schedules section's shell text: crontabs, system and per-user timers with their services, and the scripts they run.
import { PASSWD_READ_LIMIT } from '../snippet-prelude.js';
import { SCRIPT_COUNT_LIMIT, SCRIPT_DEPTH_LIMIT, SCRIPT_LOOK_LIMIT } from './script-chain.js';
import { UNIT_DIRS } from './unit-file.js';

/** Largest part of one crontab, cron script, unit file, environment file or script read. */
export const SCHEDULE_READ_LIMIT = 64 * 1024;

/** Every crontab location cron, anacron and run-parts read. */
export const CRON_FILES = [
  '/etc/crontab', '/etc/cron.d/*', '/etc/anacrontab', '/var/spool/cron/crontabs/*', '/var/spool/cron/*',
  '/etc/cron.hourly/*', '/etc/cron.daily/*', '/etc/cron.weekly/*', '/etc/cron.monthly/*',
];

/** Where systemd looks for the units of every account's user manager (`systemctl --global`). */
export const GLOBAL_USER_UNIT_DIRS = ['/etc/systemd/user', '/usr/local/lib/systemd/user', '/usr/lib/systemd/user', '/lib/systemd/user'];

const L = SCHEDULE_READ_LIMIT + 1;

// Functions, each prefixed bs_ so no other section's names are touched:
// - bs_spec VALUE UNIT INSTANCE USER HOME: VALUE with %i %I %n %N %p %u %h %% expanded, in bs_sv
//   (the collector expands the rest, see unit-specifiers.ts; this is only to find files).
// - bs_job PATH INSTANCE HOME UNIT: queue a job's file (crontab, service, drop-in) for bs_scan.
// - bs_shebang PATH: true when PATH's first line runs a POSIX-family shell.
// - bs_cand PATH FORCED DEPTH: a path a file of DEPTH names. A shell script (or, FORCED, any file:
//   after `.`, `source`, `sh`, or an EnvironmentFile=) is framed `K depth name` and dumped; one that
//   cannot be opened is `K` then `U`; one past a limit is `L deep|many|files name`; an
//   executable that is no script (a program a job names by path) is `X name`.
// - bs_scan PATH INSTANCE HOME UNIT DEPTH: every word of PATH that names an absolute path goes to bs_cand.
// - bs_timer NAME FOUND SCOPE ACCOUNT HOME DIR...: one timer (a file, or an instance through its
//   `.wants/` link) of a scope whose unit directories are DIR...: its `S` record, its timer, service
//   and drop-ins dumped, and the service and drop-ins queued.
const FUNCTIONS = `bs_spec() {
  bs_sv= bs__s=$1
  while :; do
    case $bs__s in *%*) ;; *) bs_sv=$bs_sv$bs__s; return 0 ;; esac
    bs_sv=$bs_sv\${bs__s%%"%"*}
    bs__s=\${bs__s#*"%"}
    bs__c=\${bs__s%"\${bs__s#?}"}
    bs__s=\${bs__s#?}
    bs__p=\${2%.*}
    case $bs__c in
      i|I) bs_sv=$bs_sv$3 ;;
      n) bs_sv=$bs_sv$2 ;;
      N) bs_sv=$bs_sv$bs__p ;;
      p) bs_sv=$bs_sv\${bs__p%%@*} ;;
      u) bs_sv=$bs_sv\${4:-root} ;;
      h) bs_sv=$bs_sv\${5:-/root} ;;
      %) bs_sv=$bs_sv% ;;
      *) bs_sv=$bs_sv%$bs__c ;;
    esac
  done
}
bs_job() {
  fc_e "$1|$2|$3"
  case " $bsjseen " in *" $fc_ev "*) return 0 ;; esac
  bsjseen="$bsjseen $fc_ev"
  fc_sq "$1"; bsq1=$fc_sv; fc_sq "$2"; bsq2=$fc_sv; fc_sq "$3"; bsq3=$fc_sv; fc_sq "$4"
  bslev="$bslev $bsq1 $bsq2 $bsq3 $fc_sv"
}
bs_shebang() {
  bsh=$(head -c 128 -- "$1" 2>/dev/null)
  case $bsh in '#!'*) ;; *) return 1 ;; esac
  bsh=\${bsh%%"$fc_nl"*}
  bsh="\${bsh%"$fc_cr"} "
  case $bsh in
    *[/\\ ]sh\\ *|*[/\\ ]bash\\ *|*[/\\ ]dash\\ *|*[/\\ ]ksh\\ *|*[/\\ ]zsh\\ *|*[/\\ ]mksh\\ *|*[/\\ ]ash\\ *) return 0 ;;
  esac
  return 1
}
bs_cand() {
  fc_e "$1"
  case " $bscseen " in *" $fc_ev:$2 "*) return 0 ;; esac
  bscseen="$bscseen $fc_ev:$2"
  fc_kind "$1"
  case $fc_k in
    r) ;;
    u|s) printf '%s K %s %s\\n%s U %s\\n' "$M" "$(($3 + 1))" "$fc_ev" "$M" "$fc_ev"; return 0 ;;
    *) return 0 ;;
  esac
  if [ "$bsk" -ge ${SCRIPT_LOOK_LIMIT} ]; then printf '%s L files %s\\n' "$M" "$fc_ev"; return 0; fi
  bsk=$((bsk + 1))
  if [ "$2" = 0 ]; then
    bs_shebang "$1" || { [ -x "$1" ] && printf '%s X %s\\n' "$M" "$fc_ev"; return 0; }
  fi
  if [ "$3" -ge ${SCRIPT_DEPTH_LIMIT} ]; then printf '%s L deep %s\\n' "$M" "$fc_ev"; return 0; fi
  if [ "$bsnd" -ge ${SCRIPT_COUNT_LIMIT} ]; then printf '%s L many %s\\n' "$M" "$fc_ev"; return 0; fi
  bsnd=$((bsnd + 1))
  printf '%s K %s %s\\n' "$M" "$(($3 + 1))" "$fc_ev"
  fc_dump ${L} "$1"
  fc_sq "$1"
  bsnext="$bsnext $fc_sv '' '' ''"
}
bs_scan() {
  bsinst=$2 bshm=$3 bsunit=$4 bsdep=$5
  fc_open file "$1"
  while IFS= read -r bsl || [ -n "$bsl" ]; do
    bsl=\${bsl#"\${bsl%%[! 	]*}"}
    case $bsl in ''|'#'*|';'*) continue ;; */*) ;; *) continue ;; esac
    set -f
    set -- $bsl
    set +f
    bsprev=
    for bsw; do
      bsforce=0
      case $bsprev in .|source|sh|bash|dash|ksh|zsh|mksh|ash|*/sh|*/bash|*/dash|*/ksh|*/zsh|*/mksh|*/ash) bsforce=1 ;; esac
      case $bsw in EnvironmentFile=*) bsforce=1 ;; esac
      bsprev=$bsw
      case $bsw in
        /*) ;;
        *=/*) bsw=/\${bsw#*=/} ;;
        *=[-@+!:]*/*) bsw=/\${bsw#*/} ;;
        [\\"\\'\\\`\\(\\{\\$:@+!-]/*|[\\"\\'\\\`\\(\\{\\$:@+!-][\\"\\'\\\`\\(\\{\\$:@+!-]/*|[\\"\\'\\\`\\(\\{\\$:@+!-][\\"\\'\\\`\\(\\{\\$:@+!-][\\"\\'\\\`\\(\\{\\$:@+!-]/*) bsw=/\${bsw#*/} ;;
        *) continue ;;
      esac
      if [ -n "$bsunit" ]; then
        case $bsw in *%*) bs_spec "$bsw" "$bsunit" "$bsinst" '' "$bshm"; bsw=$bs_sv ;; esac
      fi
      bsw=\${bsw%%[;\\&|)\\"\\'\\\`\\}\\<\\>]*}
      case $bsw in ''|/) continue ;; esac
      bs_cand "$bsw" "$bsforce" "$bsdep"
    done
  done <<FC_EOF
$(fc_text ${SCHEDULE_READ_LIMIT} "$1")
FC_EOF
}
bs_timer() {
  bsn=$1 bsc=$2 bsscope=$3 bsacct=$4 bshome=$5
  shift 5
  fc_e "$bsscope:$bsacct:$bsn"
  case " $bsu " in *" $fc_ev "*) return 0 ;; esac
  bsu="$bsu $fc_ev"
  bstpl=
  case $bsn in *@?*.timer) bstpl=\${bsn%%@*}@.timer ;; esac
  bsi=\${bsn#*@}; bsi=\${bsi%.timer}
  case $bsn in *@*) ;; *) bsi= ;; esac
  bst=
  for bsd; do [ -f "$bsd/$bsn" ] && { bst=$bsd/$bsn; break; }; done
  if [ -z "$bst" ] && [ -n "$bstpl" ]; then for bsd; do [ -f "$bsd/$bstpl" ] && { bst=$bsd/$bstpl; break; }; done; fi
  [ -n "$bst" ] || { [ -f "$bsc" ] && bst=$bsc; }
  [ -n "$bst" ] || return 0
  bss=
  fc_open file "$bst"
  while IFS= read -r bsl || [ -n "$bsl" ]; do
    case "$bsl" in Unit=*|Unit\\ =*) bss=\${bsl#*=}; bss=\${bss# } ;; esac
  done <<FC_EOF
$(fc_text ${SCHEDULE_READ_LIMIT} "$bst")
FC_EOF
  [ -n "$bss" ] || bss=\${bsn%.timer}.service
  bs_spec "$bss" "$bsn" "$bsi" "$bsacct" "$bshome"; bss=$bs_sv
  bse=
  for bsd; do
    for bsw in "$bsd"/*.wants/"$bsn"; do
      if [ -L "$bsw" ] || [ -e "$bsw" ]; then bse=$bsw; break 2; fi
    done
  done
  bssi=; bsstpl=
  case $bss in *@?*.service) bssi=\${bss#*@}; bssi=\${bssi%.service}; bsstpl=\${bss%%@*}@.service ;; esac
  bsp=
  for bsd; do [ -f "$bsd/$bss" ] && { bsp=$bsd/$bss; break; }; done
  if [ -z "$bsp" ] && [ -n "$bsstpl" ]; then for bsd; do [ -f "$bsd/$bsstpl" ] && { bsp=$bsd/$bsstpl; break; }; done; fi
  bslg=-
  if [ "$bsscope" = user ]; then bslg=0; [ -e "/var/lib/systemd/linger/$bsacct" ] && bslg=1; fi
  fc_e "$bss"; bsr="$fc_ev"
  fc_e "$bst"; bsr="$bsr $fc_ev"
  fc_e "$bsp"; bsr="$bsr $fc_ev"
  fc_e "$bsn"; bsr="$bsr $fc_ev"
  fc_e "$bsacct"; bsr="$bsr $bsscope $fc_ev $bslg"
  fc_e "$bse"; bsr="$bsr $fc_ev"
  bsen=0; [ -n "$bse" ] && bsen=1
  printf '%s S %s %s\\n' "$M" "$bsen" "$bsr"
  fc_dump ${L} "$bst"
  [ -z "$bsp" ] || { fc_dump ${L} "$bsp"; bs_job "$bsp" "$bssi" "$bshome" "$bss"; }
  for bsd; do
    for bsw in "$bsd/$bss.d/"*.conf "$bsd/$bsstpl.d/"*.conf; do
      [ -f "$bsw" ] || continue
      fc_dump ${L} "$bsw"
      bs_job "$bsw" "$bssi" "$bshome" "$bss"
    done
  done
}`;

const cronLoop = `for bsf in ${CRON_FILES.join(' ')}; do
  fc_dump ${L} "$bsf"
  [ -f "$bsf" ] && [ -r "$bsf" ] && bs_job "$bsf" '' '' ''
done`;

const UNIT_GLOBS = UNIT_DIRS.flatMap((d) => [`${d}/*.timer`, `${d}/*.wants/*.timer`]).join(' ');
const GLOBAL_USER_GLOBS = ['/etc/systemd/user/*.timer', '/etc/systemd/user/*.wants/*.timer'].join(' ');
const HOME_USER_DIRS = ['.config/systemd/user', '.local/share/systemd/user'];

const timerLoops = `bsu=
for bsx in ${UNIT_GLOBS}; do
  [ -L "$bsx" ] || [ -e "$bsx" ] || continue
  bs_timer "\${bsx##*/}" "$bsx" system '' /root ${UNIT_DIRS.join(' ')}
done
for bsx in ${GLOBAL_USER_GLOBS}; do
  [ -L "$bsx" ] || [ -e "$bsx" ] || continue
  bs_timer "\${bsx##*/}" "$bsx" every-user '' '' ${GLOBAL_USER_UNIT_DIRS.join(' ')}
done
fc_open file /etc/passwd
while IFS=: read -r bsa _ _ _ _ bsh _; do
  case $bsh in ''|/|/nonexistent|/dev/null) continue ;; esac
  [ -d "$bsh/${HOME_USER_DIRS[0]}" ] || [ -d "$bsh/${HOME_USER_DIRS[1]}" ] || continue
  for bsx in "$bsh"/${HOME_USER_DIRS[0]}/*.timer "$bsh"/${HOME_USER_DIRS[0]}/*.wants/*.timer "$bsh"/${HOME_USER_DIRS[1]}/*.timer; do
    [ -L "$bsx" ] || [ -e "$bsx" ] || continue
    bs_timer "\${bsx##*/}" "$bsx" user "$bsa" "$bsh" "$bsh/${HOME_USER_DIRS[0]}" /etc/systemd/user "$bsh/${HOME_USER_DIRS[1]}" ${GLOBAL_USER_UNIT_DIRS.slice(1).join(' ')}
  done
done <<FC_EOF
$(fc_text ${PASSWD_READ_LIMIT} /etc/passwd)
FC_EOF`;

// Level by level: the jobs' files, then the scripts they name, then the scripts those name, …
const crawl = `bsdepth=0 bsk=0 bsnd=0 bscseen=
while [ -n "$bslev" ]; do
  eval "set -- $bslev"
  bslev= bsnext=
  while [ $# -ge 4 ]; do bs_scan "$1" "$2" "$3" "$4" "$bsdepth"; shift 4; done
  bslev=$bsnext
  bsdepth=$((bsdepth + 1))
done`;

/**
 * Crontabs first, then each timer: its Unit= is read with the shell's own read from the timer's
 * first bytes, and the timer, its service and the service's drop-ins are dumped right after its
 * `S` record. Then every word of those files that names a file is looked at, level by level: shell
 * scripts and the files they source are dumped (bounded by the read limit, the depth and the count),
 * and what they name is looked at in turn.
 */
export const SCHEDULES_SCRIPT = `bsjseen= bslev=
${FUNCTIONS}
${cronLoop}
${timerLoops}
${crawl}
:`;
