// Builds the one command a host runs for all SSH facts, and splits its output back into sections.
import { randomBytes } from 'node:crypto';
import type { FactKey } from '../../facts/facts.js';
import type { SshSection } from './ssh-section.js';

/** A marker no file on the host can contain by accident or design: it is fresh for every host and run. */
export function newMarker(): string {
  return '@@fc-' + randomBytes(12).toString('hex');
}

/**
 * The collecting script: read-only, each section framed by begin/end lines carrying its exit status,
 * and a final `done` line so a cut-off run is told apart from a finished one.
 */
export function buildCollectingScript(sections: readonly SshSection<FactKey>[], marker: string): string {
  const parts = [`M='${marker}'`, 'export LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'exec </dev/null'];
  for (const s of sections) {
    parts.push(`printf '%s begin ${s.name}\\n' "$M"`, '{', s.script.trim(), '}', `printf '\\n%s end ${s.name} %s\\n' "$M" "$?"`);
  }
  parts.push(`printf '%s done\\n' "$M"`);
  return parts.join('\n') + '\n';
}

/**
 * The remote command line. The script arrives on stdin and is read whole before it runs, so no
 * snippet can swallow the rest of it; non-root users reach root-only files through `sudo -n`,
 * which fails at once rather than waiting for a password prompt.
 */
export function collectingCommand(user: string): string {
  const run = `sh -c 'S=$(cat); exec </dev/null; eval "$S"'`;
  return user === 'root' ? run : `sudo -n ${run}`;
}

/** What the collecting command printed, cut back into sections. */
export interface SplitOutput {
  sections: Map<string, { text: string; status: number }>;
  /** False when the output stopped before the final `done` line. */
  complete: boolean;
}

/** Splits collecting output by marker lines; text outside sections is ignored. */
export function splitSections(output: string, marker: string): SplitOutput {
  const sections = new Map<string, { text: string; status: number }>();
  const begin = `${marker} begin `;
  const end = `${marker} end `;
  let open: { name: string; start: number } | undefined;
  let complete = false;
  let pos = 0;
  while (pos < output.length) {
    const nl = output.indexOf('\n', pos);
    const lineEnd = nl === -1 ? output.length : nl;
    // Only marker lines are cut out: megabytes of a section's own lines cost no strings here.
    if (!output.startsWith(marker, pos)) {
      pos = lineEnd + 1;
      continue;
    }
    const line = output.slice(pos, lineEnd);
    if (line.startsWith(begin)) {
      open = { name: line.slice(begin.length), start: lineEnd + 1 };
    } else if (open && line.startsWith(end)) {
      const [name, status] = line.slice(end.length).split(' ');
      if (name === open.name) {
        // The end printf starts with a newline of its own; drop it so the text is what the snippet printed.
        const text = output.slice(open.start, Math.max(open.start, pos - 1));
        sections.set(name, { text, status: Number(status ?? 'NaN') });
        open = undefined;
      }
    } else if (line === `${marker} done`) {
      complete = true;
    }
    pos = lineEnd + 1;
  }
  return { sections, complete };
}
