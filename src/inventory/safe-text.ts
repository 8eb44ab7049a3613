// Makes text from an inventory safe to echo on an operator's terminal.

/* eslint-disable no-control-regex */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** A value quoted in a message: control, escape and bidi characters replaced, long text cut to `max` characters. */
export function safeText(value: string, max = 40): string {
  const clean = value.replace(CONTROL, '?');
  const chars = Array.from(clean);
  return chars.length <= max ? clean : chars.slice(0, max - 1).join('') + '…';
}

/** A file path quoted in a message: cleaned like safeText, but long paths keep their end, which names the file. */
export function safePath(path: string, max = 60): string {
  const chars = Array.from(path.replace(CONTROL, '?'));
  return chars.length <= max ? chars.join('') : '…' + chars.slice(chars.length - (max - 1)).join('');
}
