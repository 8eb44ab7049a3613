// What a collecting run cut off at its deadline was doing: the last progress record it printed.
import { decodeName } from './name-framing.js';

/**
 * The last `$M > file NAME` or `$M > command NAME` record in a section's partial output, as
 * `reading NAME` or `running NAME`; undefined when the section printed none. Every snippet prints
 * such a record before it opens a file or starts a program, so this names the file that stalled.
 */
export function lastStarted(text: string, marker: string): string | undefined {
  const prefix = `${marker} > `;
  let at = text.lastIndexOf(`\n${prefix}`);
  if (at === -1 && !text.startsWith(prefix)) return undefined;
  at = at === -1 ? 0 : at + 1;
  const lineEnd = text.indexOf('\n', at);
  const [what, name] = text.slice(at + prefix.length, lineEnd === -1 ? undefined : lineEnd).split(' ');
  if (name === undefined) return undefined;
  return `${what === 'command' ? 'running' : 'reading'} ${decodeName(name)}`;
}
