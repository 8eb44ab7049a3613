// Reads shell script text into the logical lines a shell would run, and the words of a line that name files; pure.

/** One logical line of a script: continuation lines joined, with the number of its first line. */
export interface ScriptLine {
  line: number;
  text: string;
}

/** The lines of a shell script that run something: `\` continuations joined; blanks, comments and the `#!` line left out. */
export function scriptLines(lines: readonly string[]): ScriptLine[] {
  const out: ScriptLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i]!.trim();
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    if (text === '' || text.startsWith('#')) continue;
    out.push({ line: start + 1, text });
  }
  return out;
}

// `NAME=value`, `export NAME=value`, `readonly …`, `declare -x …` with nothing run after it.
// The host writes these lines (up to 64 KiB each), so the end is `\s*(?:;\s*)?$`, never `\s*;?\s*$`:
// two blank runs side by side can split one run of blanks in every way, which costs the square of a
// line of blanks (seconds for one 64 KiB line, and a job reads up to 100 scripts).
const ASSIGNMENT = /^(?:(?:export|readonly|local|declare(?:\s+-\w+)*|typeset(?:\s+-\w+)*)\s+)?[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|[^\s;&|]*)\s*(?:;\s*)?$/;

/** Whether a script line only sets a variable (it then holds for the lines after it). */
export function isAssignmentLine(text: string): boolean {
  return ASSIGNMENT.test(text);
}

/** The shells whose script arguments are scripts (`sh /opt/run`, `bash -e x.sh`). */
export const SHELLS = new Set(['sh', 'bash', 'dash', 'ksh', 'zsh', 'mksh', 'ash']);

// Characters a path may start after (quotes, `$(`, systemd's Exec prefixes) and stop before (command punctuation).
const LEAD = /^(?:[^=\s/]*=[-@+!:]*|["'`({$:@+!-]{1,3})(?=\/)/;
const TRAIL = /[;&|)"'`}<>].*$/;

/**
 * The absolute path a word names, cut the way the collecting command cuts it: `ExecStart=-/x` is
 * `/x`, `"/opt/run";` is `/opt/run`, `$(/usr/bin/x)` is `/usr/bin/x`; undefined for any other word.
 */
export function pathOfWord(word: string): string | undefined {
  const path = word.replace(LEAD, '').replace(TRAIL, '');
  return path.startsWith('/') && path !== '/' ? path : undefined;
}

/** The last part of a path or command word (`sh` of `/bin/sh`), to tell which program it names. */
export function baseNameOf(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
