// Frames the files a backup section reads (bounded, regular files only) and cuts the section's output back into them.
import type { DumpedFile } from '../../../facts/dumped-file.js';
import { decodeName } from '../name-framing.js';

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

/** A section's output cut into marker records (`M TAG rest`) and the file blocks between `M F` and `M E`. */
export interface SectionRecords {
  /** Records other than frames; `rest` as printed, names in it still escaped (see name-framing.ts). */
  records: Array<{ tag: string; rest: string }>;
  files: DumpedFile[];
  /** Output of commands run in the section, framed `M C name args` … `M X name status`. */
  commands: Array<{ name: string; args: string; output: string[]; status: number }>;
}

/**
 * Splits section text by marker lines; pure. Lines outside any frame are ignored. A file is cut
 * when more than `limit` bytes of it arrived (its snippet reads one byte more than the limit);
 * an `M T` line inside a frame, from older collecting scripts, marks a cut too.
 */
export function parseSectionRecords(text: string, marker: string, limit = Number.POSITIVE_INFINITY): SectionRecords {
  const out: SectionRecords = { records: [], files: [], commands: [] };
  const byPath = new Map<string, DumpedFile>();
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
      else if (tag === 'E') {
        // The printf before the end marker starts a fresh line; the empty line it leaves is not the file's.
        if (file.lines[file.lines.length - 1] === '') file.lines.pop();
        if (Buffer.byteLength(file.lines.join('\n')) > limit) file.truncated = true;
        file = undefined;
      }
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
    if (tag === '>') continue;
    if (tag === 'F') {
      const path = decodeName(rest);
      file = { path, state: 'read', lines: [], truncated: false };
      // The same file reached through two globs is kept once.
      if (!byPath.has(path)) {
        byPath.set(path, file);
        out.files.push(file);
      }
    } else if (tag === 'U') {
      // A file that failed part-way was framed first: what was read of it is not the whole file.
      const path = decodeName(rest);
      const existing = byPath.get(path);
      if (existing) Object.assign(existing, { state: 'unreadable', lines: [], truncated: false });
      else {
        const unread: DumpedFile = { path, state: 'unreadable', lines: [], truncated: false };
        byPath.set(path, unread);
        out.files.push(unread);
      }
    } else if (tag === 'C') {
      const sp = rest.indexOf(' ');
      command = { name: sp < 0 ? rest : rest.slice(0, sp), args: decodeName(sp < 0 ? '' : rest.slice(sp + 1)), output: [], status: NaN };
      out.commands.push(command);
    } else {
      out.records.push({ tag, rest });
    }
  }
  return out;
}

/** Shell text that runs `command` with its output framed for parseSectionRecords. */
export function framedCommand(name: string, args: string, command: string): string {
  return `fc_open command ${name}
fc_e "${args}"; printf '%s C ${name} %s\\n' "$M" "$fc_ev"
${command} 2>&1
printf '\\n%s X ${name} %s\\n' "$M" "$?"`;
}
