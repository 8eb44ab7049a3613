// Makes text from an inventory safe to echo on an operator's terminal.
import { printableLine, printablePath } from '../text/sanitize.js';

/** A value quoted in a message: control, escape and bidi characters replaced, long text cut to `max` characters. */
export function safeText(value: string, max = 40): string {
  return printableLine(value, max);
}

/** A file path quoted in a message: cleaned like safeText, but long paths keep their end, which names the file. */
export function safePath(path: string, max = 60): string {
  return printablePath(path, max);
}
