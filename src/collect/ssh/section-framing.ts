// The one reader of the collecting command's section framing: every framed line is `$M <tag> <rest>`.
// Residue sections read it as records with bodies up to `$M E` (parseFramed); the file-dump sections
// as files (`F`/`T`/`E`/`U`), framed command output (`C`…`X`) and plain records (parseSectionRecords).
import type { DumpedFile } from '../../facts/dumped-file.js';

/** A framed line split into its tag and the rest (which may hold spaces), or undefined for any other line. */
export function markerLine(line: string, marker: string): { tag: string; rest: string } | undefined {
  const prefix = marker + ' ';
  if (!line.startsWith(prefix)) return undefined;
  const body = line.slice(prefix.length);
  const space = body.indexOf(' ');
  return space < 0 ? { tag: body, rest: '' } : { tag: body.slice(0, space), rest: body.slice(space + 1) };
}

/** One record a residue snippet printed: `$M <tag> <args>` and, for body tags, the lines up to `$M E`. */
export interface FramedRecord {
  tag: string;
  /** The rest of the header line after the tag (paths may hold spaces, so it is not split). */
  args: string;
  /** Body lines, without the newline the snippet adds before the end marker; undefined for header-only tags. */
  body?: string[];
  /** Byte length of the body as printed, to tell whether a `head -c` limit was hit. */
  bytes: number;
}

/** Parses framed records; text outside records is ignored, a body cut off by the end of output ends there. */
export function parseFramed(text: string, marker: string, bodyTags: ReadonlySet<string>): FramedRecord[] {
  const out: FramedRecord[] = [];
  const lines = text.split('\n');
  // A body ends only at the exact end line: a body line that merely starts with `$M E` is content.
  const end = `${marker} E`;
  for (let i = 0; i < lines.length; i++) {
    const framed = markerLine(lines[i]!, marker);
    if (!framed) continue;
    const { tag, rest: args } = framed;
    if (!bodyTags.has(tag)) {
      out.push({ tag, args, bytes: 0 });
      continue;
    }
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j] !== end) body.push(lines[j++]!);
    i = j;
    // The printf before the end marker adds one newline; a file that ended in one leaves an empty line.
    if (body.length > 0 && body[body.length - 1] === '') body.pop();
    out.push({ tag, args, body, bytes: Buffer.byteLength(body.join('\n')) });
  }
  return out;
}

/** Splits `word rest` into the first space-separated word and the remainder. */
export function firstWord(args: string): [string, string] {
  const space = args.indexOf(' ');
  return space === -1 ? [args, ''] : [args.slice(0, space), args.slice(space + 1)];
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
  let file: DumpedFile | undefined;
  let command: SectionRecords['commands'][number] | undefined;
  for (const line of lines) {
    const framed = markerLine(line, marker);
    if (!framed) {
      if (file) file.lines.push(line);
      else if (command) command.output.push(line);
      continue;
    }
    const { tag, rest } = framed;
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
