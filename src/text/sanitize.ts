// Text that came from a host, a BMC or a file is untrusted: this makes it safe to print on a terminal.

// C0 and C1 controls (tab included: it would break table columns), DEL, zero-width and bidi
// characters that can hide or reorder text, and the byte-order mark. \p{Bidi_Control} is every
// bidi control Unicode names (the Arabic letter mark U+061C among them, outside the ranges here).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\p{Bidi_Control}]/gu;

/** How a line is made printable: `ascii` for text that goes into transport errors and logs. */
export interface PrintableOptions {
  /**
   * Every character outside printable ASCII becomes `?` and a cut line ends in `...`: for peer
   * protocol text (SSH disconnect reasons, auth method lists, Redfish messages), as reports have
   * always shown it.
   */
  ascii?: boolean;
}

/** One printable line: control, escape and bidi characters become `?`, cut to `maxLength` code points. */
export function printableLine(text: string, maxLength = 200, options: PrintableOptions = {}): string {
  if (options.ascii) {
    const clean = text.replace(/[^\x20-\x7e]/g, '?');
    return clean.length > maxLength ? `${clean.slice(0, maxLength)}...` : clean;
  }
  const chars = Array.from(text.replace(UNSAFE, '?'));
  return chars.length <= maxLength ? chars.join('') : chars.slice(0, maxLength - 1).join('') + '…';
}

/** A path made printable like printableLine, but a long one keeps its end, which names the file. */
export function printablePath(path: string, maxLength = 60): string {
  const chars = Array.from(path.replace(UNSAFE, '?'));
  return chars.length <= maxLength ? chars.join('') : '…' + chars.slice(chars.length - (maxLength - 1)).join('');
}

/** Decodes remote bytes as UTF-8; invalid sequences become U+FFFD instead of failing. */
export function decodeRemote(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Peer-controlled transport text on one printable-ASCII line, cut to `maxLength` characters. */
export function printableText(text: string, maxLength = 160): string {
  return printableLine(text, maxLength, { ascii: true });
}
