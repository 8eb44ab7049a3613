// Splits a section's output into marker-framed records: a header line, and for some kinds a body up to `$M E`.

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

/**
 * Parses framed records; text outside records is ignored, a body cut off by the end of output ends
 * there. Records are yielded one at a time and the text is walked line by line rather than split
 * whole, so a section of many megabytes of junk lines holds one record's lines at a time.
 */
export function* parseFramed(text: string, marker: string, bodyTags: ReadonlySet<string>): Generator<FramedRecord> {
  const prefix = marker + ' ';
  const end = `${marker} E`;
  let pos = 0;
  const nextLine = (): string | undefined => {
    if (pos > text.length) return undefined;
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    pos = lineEnd + 1;
    return line;
  };
  for (let line = nextLine(); line !== undefined; line = nextLine()) {
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    const space = rest.indexOf(' ');
    const tag = space === -1 ? rest : rest.slice(0, space);
    const args = space === -1 ? '' : rest.slice(space + 1);
    if (!bodyTags.has(tag)) {
      yield { tag, args, bytes: 0 };
      continue;
    }
    const body: string[] = [];
    let bytes = 0;
    for (let b = nextLine(); b !== undefined && b !== end; b = nextLine()) {
      // Each line but the first is preceded by the newline the join below would put back.
      bytes += Buffer.byteLength(b) + (body.length > 0 ? 1 : 0);
      body.push(b);
    }
    // The printf before the end marker adds one newline; a file that ended in one leaves an empty line.
    if (body.length > 0 && body[body.length - 1] === '') {
      body.pop();
      if (body.length > 0) bytes -= 1;
    }
    yield { tag, args, body, bytes };
  }
}

/** Splits `word rest` into the first space-separated word and the remainder. */
export function firstWord(args: string): [string, string] {
  const space = args.indexOf(' ');
  return space === -1 ? [args, ''] : [args.slice(0, space), args.slice(space + 1)];
}
