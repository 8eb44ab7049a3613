// Text that came from a host or a file is untrusted: this makes it safe to print on a terminal.

// C0 controls except tab, DEL, C1 controls, and the Unicode bidi overrides that can reorder a line.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One printable line: control and escape characters become `?`, length capped with an ellipsis. */
export function printableLine(text: string, maxLength = 200): string {
  const clean = text.replace(UNSAFE, '?');
  return clean.length > maxLength ? clean.slice(0, maxLength - 1) + '…' : clean;
}

/** Decodes remote bytes as UTF-8; invalid sequences become U+FFFD instead of failing. */
export function decodeRemote(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
