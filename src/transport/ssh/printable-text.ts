// Peer-controlled text (disconnect reasons, auth method lists, signal names) ends up in
// error messages and reports; it must not carry terminal escapes or unbounded length.

/** One-line, printable-ASCII rendering of untrusted text, cut to `maxLength` characters. */
export function printableText(text: string, maxLength = 160): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}...` : clean;
}
