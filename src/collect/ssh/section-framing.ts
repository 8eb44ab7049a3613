// The one reader of the collecting command's section framing: every framed line is `$M <tag> <rest>`.
// Residue sections read it as records with bodies up to `$M E` (parseFramed); the file-dump sections
// as files (`F`/`U`), framed command output (`C`…`X`) and plain records (parseSectionRecords).
// Progress records (`$M > …`) only serve a run cut off at its deadline and are skipped by both.
import type { DumpedFile } from '../../facts/dumped-file.js';
import { decodeName } from './name-framing.js';

/** One record a residue snippet printed: `$M <tag> <args>` and, for body tags, the lines up to `$M E`. */
export interface FramedRecord {
  tag: string;
  /** The rest of the header line after the tag (paths may hold spaces, so it is not split). */
  args: string;
  /**
   * The body as one string (its lines joined by newlines, without the newline the snippet adds
   * before the end marker nor the file's own last one); undefined for header-only tags. A slice of
   * the output, not a copy: parsers that walk it line by line allocate nothing for junk lines.
   */
  text?: string;
  /** Body lines, without the newline the snippet adds before the end marker; undefined for header-only tags. Built when read. */
  readonly body?: string[];
  /**
   * Byte length of the body as printed, the file's own last newline included, to tell whether a
   * `head -c` limit was hit: a read of limit + 1 bytes whose last byte is a newline was still cut.
   */
  bytes: number;
}

/** A body record; `body` splits the text only for the parsers that ask for lines. */
function bodyRecord(tag: string, args: string, raw: string): FramedRecord {
  // The printf before the end marker adds one newline (already cut); a file that ended in one leaves an empty last line.
  const text = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
  return {
    tag,
    args,
    text,
    bytes: Buffer.byteLength(raw),
    get body(): string[] {
      const lines = raw.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      return lines;
    },
  };
}

/**
 * Parses framed records; text outside records is ignored, a body cut off by the end of output ends
 * there. Records are yielded one at a time, and the text is searched rather than split: outside a
 * body only marker lines are cut out, and a body is one slice, so a section of many megabytes of
 * junk lines never turns into millions of strings.
 */
export function* parseFramed(text: string, marker: string, bodyTags: ReadonlySet<string>): Generator<FramedRecord> {
  const prefix = marker + ' ';
  const endLine = `\n${marker} E`;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    if (!text.startsWith(prefix, pos)) {
      pos = lineEnd + 1;
      continue;
    }
    const rest = text.slice(pos + prefix.length, lineEnd);
    pos = lineEnd + 1;
    const [tag, args] = firstWord(rest);
    // Progress records (`$M > what name`) only serve a run cut off at its deadline.
    if (tag === '>') continue;
    if (!bodyTags.has(tag)) {
      yield { tag, args, bytes: 0 };
      continue;
    }
    // The end marker is a whole line; the search starts at the newline that ended the header.
    let endAt = -1;
    for (let i = text.indexOf(endLine, lineEnd); i !== -1; i = text.indexOf(endLine, i + 1)) {
      const after = i + endLine.length;
      if (after === text.length || text.charCodeAt(after) === 10) {
        endAt = i;
        break;
      }
    }
    // A slice past the end, or one that ends before it starts (an empty body), is ''.
    if (endAt === -1) {
      yield bodyRecord(tag, args, text.slice(pos));
      return;
    }
    yield bodyRecord(tag, args, text.slice(pos, endAt));
    pos = endAt + endLine.length + 1;
  }
}

/** Splits `word rest` into the first space-separated word and the remainder. */
export function firstWord(args: string): [string, string] {
  const space = args.indexOf(' ');
  return space === -1 ? [args, ''] : [args.slice(0, space), args.slice(space + 1)];
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
 * when more than `limit` bytes of it arrived, its own last newline counted (its snippet reads one
 * byte more than the limit); an `M T` line inside a frame, from older collecting scripts, marks a
 * cut too.
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
    const [tag, rest] = firstWord(line.slice(prefix.length));
    if (file) {
      if (tag === 'T') file.truncated = true;
      else if (tag === 'E') {
        // The lines up to the printf's newline before the end marker, joined, are the file as read,
        // its own last newline included: a read of limit + 1 bytes ending in one was cut.
        if (Buffer.byteLength(file.lines.join('\n')) > limit) file.truncated = true;
        // The printf starts a fresh line; the empty line it leaves is not the file's.
        if (file.lines[file.lines.length - 1] === '') file.lines.pop();
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
      const [name, args] = firstWord(rest);
      command = { name, args: decodeName(args), output: [], status: NaN };
      out.commands.push(command);
    } else {
      out.records.push({ tag, rest });
    }
  }
  return out;
}
