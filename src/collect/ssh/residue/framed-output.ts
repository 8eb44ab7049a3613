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

/** Parses framed records; text outside records is ignored, a body cut off by the end of output ends there. */
export function parseFramed(text: string, marker: string, bodyTags: ReadonlySet<string>): FramedRecord[] {
  const out: FramedRecord[] = [];
  const lines = text.split('\n');
  const prefix = marker + ' ';
  const end = `${marker} E`;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    const space = rest.indexOf(' ');
    const tag = space === -1 ? rest : rest.slice(0, space);
    const args = space === -1 ? '' : rest.slice(space + 1);
    // Progress records (`$M > what name`) only serve a run cut off at its deadline.
    if (tag === '>') continue;
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
