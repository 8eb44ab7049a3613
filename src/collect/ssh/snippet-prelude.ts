// The shell functions every section snippet reads the host through, defined once at the top of the collecting script.
import { NAME_ESCAPE_SHELL } from './name-framing.js';

/** Largest part of /etc/passwd a snippet walks to find accounts and homes. */
export const PASSWD_READ_LIMIT = 1024 * 1024;

/**
 * The functions, POSIX sh with `head -c` (coreutils and busybox both have it):
 * - `fc_e NAME`: NAME escaped for a record field, in `fc_ev` (see name-framing.ts).
 * - `fc_sq NAME`: NAME single-quoted for `eval "set -- $list"`, in `fc_sv`: lists of names that may
 *   hold spaces or newlines are kept as such quoted words, never split on blanks.
 * - `fc_kind PATH`: what PATH is, in `fc_k`: `r` a readable regular file (or /dev/null, which reads
 *   as empty), `u` a regular file we may not read, `s` anything else that exists but is no regular
 *   file and no directory (a FIFO, a device, a socket: opening or reading one may never end, so it
 *   is never opened and is reported by name), `d` a directory, `n` nothing (or a dangling link).
 * - `fc_open WHAT NAME`: a `$M > WHAT NAME` progress record, printed before anything that could
 *   stall, so a run cut off at its deadline can say what it was doing.
 * - `fc_text LIMIT PATH`: at most LIMIT bytes of a regular file, for `$(...)` in a here-document:
 *   the shell's `read` then never sees more than that, however long a line the file has.
 * - `fc_dump LIMIT PATH`: PATH framed as `$M F name`, its first LIMIT bytes, `$M E` (then `$M U name`
 *   if the read failed part-way); `$M U name` alone when it cannot or must not be opened.
 * Bytes are cut before lines: a 2 GB file without a newline costs LIMIT bytes, not a 2 GB line.
 */
export const SNIPPET_PRELUDE = `${NAME_ESCAPE_SHELL}
fc_sq() {
  fc_sv=\\' fc__q=$1
  while :; do
    case $fc__q in
      *\\'*) fc_sv="$fc_sv\${fc__q%%\\'*}'\\\\''"; fc__q=\${fc__q#*\\'} ;;
      *) fc_sv="$fc_sv$fc__q'"; return 0 ;;
    esac
  done
}
fc_kind() {
  if [ -f "$1" ]; then
    if [ -r "$1" ]; then fc_k=r; else fc_k=u; fi
  elif [ -d "$1" ]; then fc_k=d
  elif [ -e "$1" ]; then
    if [ "$1" -ef /dev/null ]; then fc_k=r; else fc_k=s; fi
  else fc_k=n
  fi
}
fc_open() {
  fc_e "$2"
  printf '%s > %s %s\\n' "$M" "$1" "$fc_ev"
}
fc_text() {
  [ -f "$2" ] && [ -r "$2" ] && head -c "$1" -- "$2"
}
fc_dump() {
  fc_kind "$2"
  case $fc_k in
    r)
      fc_open file "$2"
      printf '%s F %s\\n' "$M" "$fc_ev"
      if head -c "$1" -- "$2"; then printf '\\n%s E\\n' "$M"; else printf '\\n%s E\\n%s U %s\\n' "$M" "$M" "$fc_ev"; fi ;;
    u|s) fc_e "$2"; printf '%s U %s\\n' "$M" "$fc_ev" ;;
  esac
  return 0
}`;
