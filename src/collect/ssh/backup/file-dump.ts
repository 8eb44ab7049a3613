// Reads many small files in one process and frames each one, so a section costs one awk, not one head per file.

/**
 * The awk that frames the files named by its arguments. It opens each one itself with `getline <`,
 * so a file it cannot open (gone since the shell saw it, or denied by AppArmor) prints `M U path`
 * and the next file is still read: given as input files, mawk would stop at the first such file.
 * A read that fails part-way prints `M U path` after the frame. Empty files print nothing.
 */
export function dumpFilesAwk(limit: number): string {
  return `awk -v M="$M" -v L=${limit} 'BEGIN {
  for (i = 1; i < ARGC; i++) {
    f = ARGV[i]; n = 0; o = 0
    while ((r = (getline l < f)) > 0) {
      if (!o) { print M " F " f; o = 1 }
      n += length(l) + 1
      if (n > L) { print M " T"; break }
      print l
    }
    if (o) print M " E"
    if (r < 0) print M " U " f
    close(f)
  }
}'`;
}

/**
 * Shell text that reads the files named by the words in `$1`... after `set --`-style collection:
 * `candidates` is a list of shell words (globs allowed). Unreadable files print `M U path`; readable
 * ones are framed `M F path` … `M E` (with `M T` before the end when cut at `limit` bytes) by one awk.
 * Empty files print nothing. `v` names the shell variables' prefix so sections do not share state.
 * It ends with awk's exit status (0 when nothing was read), so it belongs last in its section.
 */
export function dumpFilesScript(candidates: readonly string[], limit: number, v: string): string {
  if (candidates.length === 0) return ':';
  return `set --
for ${v}f in ${candidates.join(' ')}; do
  [ -f "$${v}f" ] || continue
  if [ -r "$${v}f" ]; then set -- "$@" "$${v}f"; else printf '%s U %s\\n' "$M" "$${v}f"; fi
done
${v}x=0
[ $# -eq 0 ] || ${dumpFilesAwk(limit)} "$@" || ${v}x=$?
[ "$${v}x" -eq 0 ]`;
}

/** Shell text that runs `command` with its output framed for parseSectionRecords (section-framing.ts). */
export function framedCommand(name: string, args: string, command: string): string {
  return `printf '%s C ${name} %s\\n' "$M" "${args}"
${command} 2>&1
printf '\\n%s X ${name} %s\\n' "$M" "$?"`;
}
