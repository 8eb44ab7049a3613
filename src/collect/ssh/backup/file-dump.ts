// Reads many small files in one process and frames each one, so a section costs one awk, not one head per file.
import type { DumpedFile } from '../../../facts/dumped-file.js';

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

/** A section's output cut into marker records (`M TAG rest`) and the file blocks between `M F` and `M E`. */
export interface SectionRecords {
  records: Array<{ tag: string; rest: string }>;
  files: DumpedFile[];
  /** Output of commands run in the section, framed `M C name args` … `M X name status`. */
  commands: Array<{ name: string; args: string; output: string[]; status: number }>;
}

/** Splits section text by marker lines; pure. Lines outside any frame are ignored. */
export function parseSectionRecords(text: string, marker: string): SectionRecords {
  const out: SectionRecords = { records: [], files: [], commands: [] };
  const lines = text.split('\n');
  const prefix = marker + ' ';
  let file: DumpedFile | undefined;
  let command: SectionRecords['commands'][number] | undefined;
  for (const line of lines) {
    if (!line.startsWith(prefix)) {
      if (file) file.lines.push(line);
      else if (command) command.output.push(line);
      continue;
    }
    const body = line.slice(prefix.length);
    const space = body.indexOf(' ');
    const tag = space < 0 ? body : body.slice(0, space);
    const rest = space < 0 ? '' : body.slice(space + 1);
    if (file) {
      if (tag === 'T') file.truncated = true;
      else if (tag === 'E') file = undefined;
      continue;
    }
    if (command) {
      if (tag === 'X') {
        command.status = Number(rest.slice(rest.lastIndexOf(' ') + 1));
        // The status printf starts on a fresh line; the empty line it leaves is not output.
        if (command.output[command.output.length - 1] === '') command.output.pop();
        command = undefined;
      }
      continue;
    }
    if (tag === 'F') {
      const existing = out.files.find((f) => f.path === rest);
      file = { path: rest, state: 'read', lines: [], truncated: false };
      // The same file reached through two globs is kept once.
      if (!existing) out.files.push(file);
    } else if (tag === 'U') {
      // A file that failed part-way was framed first: what was read of it is not the whole file.
      const existing = out.files.find((f) => f.path === rest);
      if (existing) Object.assign(existing, { state: 'unreadable', lines: [] });
      else out.files.push({ path: rest, state: 'unreadable', lines: [], truncated: false });
    } else if (tag === 'C') {
      const sp = rest.indexOf(' ');
      command = { name: sp < 0 ? rest : rest.slice(0, sp), args: sp < 0 ? '' : rest.slice(sp + 1), output: [], status: NaN };
      out.commands.push(command);
    } else {
      out.records.push({ tag, rest });
    }
  }
  return out;
}

/** Shell text that runs `command` with its output framed for parseSectionRecords. */
export function framedCommand(name: string, args: string, command: string): string {
  return `printf '%s C ${name} %s\\n' "$M" "${args}"
${command} 2>&1
printf '\\n%s X ${name} %s\\n' "$M" "$?"`;
}
