// Frames the files a backup section reads (bounded, regular files only) and the output of the commands it runs.

/**
 * Shell text that dumps every file the shell words in `candidates` (globs allowed) name, through the
 * prelude's `fc_dump`: regular files framed `M F name` … `M E` with their first `limit` bytes and one
 * more (so a cut shows), files that cannot or must not be opened as `M U name`, directories and
 * missing files skipped. A glob's matches are never split on blanks, so any name is read whole.
 * `v` names the loop variable's prefix so sections do not share state.
 */
export function dumpFilesScript(candidates: readonly string[], limit: number, v: string): string {
  if (candidates.length === 0) return ':';
  return `for ${v}f in ${candidates.join(' ')}; do fc_dump ${limit + 1} "$${v}f"; done`;
}

/** Shell text that runs `command` with its output framed for parseSectionRecords (section-framing.ts). */
export function framedCommand(name: string, args: string, command: string): string {
  return `fc_open command ${name}
fc_e "${args}"; printf '%s C ${name} %s\\n' "$M" "$fc_ev"
${command} 2>&1
printf '\\n%s X ${name} %s\\n' "$M" "$?"`;
}
