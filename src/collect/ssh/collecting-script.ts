// Builds the one command a host runs for all SSH facts, and splits its output back into sections.
import { randomBytes } from 'node:crypto';
import type { FactKey } from '../../facts/facts.js';
import { SNIPPET_PRELUDE } from './snippet-prelude.js';
import type { SshSection } from './ssh-section.js';

/** A marker no file on the host can contain by accident or design: it is fresh for every host and run. */
export function newMarker(): string {
  return '@@fc-' + randomBytes(12).toString('hex');
}

/** How long the collecting command may run on the host before its watchdog ends it, for a scanner-side deadline. */
export function remoteDeadlineSeconds(commandTimeoutMs: number): number {
  // A little before the scanner gives up, so the host's own cut-off output (and what it was reading) still arrives.
  const margin = Math.min(5_000, commandTimeoutMs * 0.2);
  return Math.max(1, Math.floor((commandTimeoutMs - margin) / 1000));
}

/**
 * The watchdog, first thing the script does. Closing the channel does not end a command that is
 * not writing (a read that blocks, an awk on a huge line): sshd only closes its pipes, and the
 * command would run on the customer's server after we gave up. So the script runs itself again
 * under coreutils' `timeout` (Essential on Debian, minbase included; busybox has it too), which puts
 * itself and everything below it into a process group of its own and kills that whole group
 * at the deadline. The script is passed on stdin by the shell's builtin printf, so neither it nor
 * the marker appears in any argv. Where no `timeout` exists, a background subshell sleeps out the
 * deadline and kills the script's process group (`kill -KILL 0`: the session sshd made for us,
 * nothing else); so does a host whose `timeout` does not take GNU's options (old busybox). A
 * script that finishes first ends that subshell, which then kills nothing; its
 * `sleep` is ended with it, or (if the script was quicker than the subshell's trap) ends by
 * itself at the deadline, so nothing outlives the deadline either way.
 */
function watchdog(seconds: number): string {
  return `if [ -z "\${FC_WATCHED-}" ]; then
  if command -v timeout >/dev/null 2>&1 && timeout -s KILL 9 true 2>/dev/null; then
    printf '%s\\n' "$S" | FC_WATCHED=1 timeout -s KILL ${seconds} sh -c 'S=$(cat); exec </dev/null; eval "$S"'
    exit $?
  fi
  ( trap 'kill "$fc_wp" 2>/dev/null; exit 0' TERM
    sleep ${seconds} & fc_wp=$!
    wait "$fc_wp" && kill -KILL 0 ) >/dev/null 2>&1 &
  fc_wd=$!
fi`;
}

/**
 * The collecting script: read-only, each section framed by begin/end lines carrying its exit status,
 * and a final `done` line so a cut-off run is told apart from a finished one. It must be run by
 * `collectingCommand`, whose `$S` holds it. The marker is a shell variable, never an argument: no
 * snippet passes it to a program, so no local user of the host can read it in /proc/<pid>/cmdline.
 */
export function buildCollectingScript(sections: readonly Pick<SshSection<FactKey>, 'name' | 'script'>[], marker: string, deadlineSeconds = 60): string {
  const parts = ['export LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin', watchdog(deadlineSeconds), 'unset S', `M='${marker}'`, 'exec </dev/null', SNIPPET_PRELUDE];
  for (const s of sections) {
    parts.push(`printf '%s begin ${s.name}\\n' "$M"`, '{', s.script.trim(), '}', `printf '\\n%s end ${s.name} %s\\n' "$M" "$?"`);
  }
  parts.push(`printf '%s done\\n' "$M"`, '[ -z "${fc_wd-}" ] || kill "$fc_wd" 2>/dev/null', 'exit 0');
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
  /** The section the output stopped in, with what it had printed so far. */
  open?: { name: string; text: string };
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
  return { sections, complete, ...(open && !complete ? { open: { name: open.name, text: output.slice(Math.min(open.start, output.length)) } } : {}) };
}
