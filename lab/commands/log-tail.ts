// The last lines of a lab log, quoted in error messages so the cause shows without opening the file.
import { readFileSync } from 'node:fs';

/** Up to `lines` last non-empty lines of `path`, indented; empty when unreadable. */
export function logTail(path: string, lines = 4): string {
  try {
    const tail = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(-lines);
    return tail.map((l) => `\n      | ${l}`).join('');
  } catch {
    return '';
  }
}
