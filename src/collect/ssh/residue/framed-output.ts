// Splits a section's output into marker-framed records: a header line, and for some kinds a body up to `$M E`.

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
  /** Byte length of the body as printed, to tell whether a `head -c` limit was hit. */
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
    bytes: Buffer.byteLength(text),
    get body(): string[] {
      if (raw === '') return [];
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
    const space = rest.indexOf(' ');
    const tag = space === -1 ? rest : rest.slice(0, space);
    const args = space === -1 ? '' : rest.slice(space + 1);
    // Progress records (`$M > what name`) only serve a run cut off at its deadline.
    if (tag === '>') continue;
    if (!bodyTags.has(tag)) {
      yield { tag, args, bytes: 0 };
      continue;
    }
    // The end marker is a whole line; the search starts at the newline that ended the header.
    let endAt = -1;
    for (let from = lineEnd; from !== -1 && from < text.length; ) {
      const i = text.indexOf(endLine, from);
      if (i === -1) break;
      const after = i + endLine.length;
      if (after === text.length || text.charCodeAt(after) === 10) {
        endAt = i;
        break;
      }
      from = i + 1;
    }
    if (endAt === -1) {
      yield bodyRecord(tag, args, pos <= text.length ? text.slice(pos) : '');
      return;
    }
    yield bodyRecord(tag, args, endAt < pos ? '' : text.slice(pos, endAt));
    pos = endAt + endLine.length + 1;
  }
}

/** Splits `word rest` into the first space-separated word and the remainder. */
export function firstWord(args: string): [string, string] {
  const space = args.indexOf(' ');
  return space === -1 ? [args, ''] : [args.slice(0, space), args.slice(space + 1)];
}
