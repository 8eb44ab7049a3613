// Several commands over one IPMI session: an `ipmitool exec` file whose commands are framed
// by `echo` lines carrying a per-run nonce, so the single stdout can be cut back into one
// output per command. `echo` is an ipmitool built-in that never touches the BMC.

const MARKER_PREFIX = 'fcmark';
const NONCE = /^[0-9a-f]{8,64}$/;
// ipmitool exec splits lines on spaces, cuts everything after `#`, treats quotes specially,
// and reads at most 2047 characters and 64 words per line (ipmishell.c).
const SAFE_WORD = /^[^\s#'"\u0000-\u001f\u007f]+$/;
const MAX_LINE = 2000;
const MAX_WORDS = 63;

function markerWord(nonce: string, index: number): string {
  return `${MARKER_PREFIX}-${nonce}-${index}`;
}

/** Why `command` cannot be written as one exec line unchanged, or undefined if it can. */
export function execLineProblem(command: readonly string[]): string | undefined {
  if (command.length === 0) return 'empty command';
  if (command.length > MAX_WORDS) return `more than ${MAX_WORDS} words`;
  const bad = command.find((word) => !SAFE_WORD.test(word));
  if (bad !== undefined) return 'a word is empty or holds whitespace, #, a quote or a control character';
  if (command.join(' ').length > MAX_LINE) return `line longer than ${MAX_LINE} characters`;
  return undefined;
}

/**
 * The exec file for `commands`: marker 0, command 1, marker 1, …, command n, marker n.
 * Throws if a command cannot be expressed as an exec line (commands are written by checks, not users).
 */
export function buildExecScript(commands: readonly (readonly string[])[], nonce: string): string {
  if (!NONCE.test(nonce)) throw new TypeError('nonce must be 8 to 64 lowercase hex digits');
  if (commands.length === 0) throw new TypeError('an exec batch needs at least one command');
  const lines = [`echo ${markerWord(nonce, 0)}`];
  commands.forEach((command, i) => {
    const problem = execLineProblem(command);
    if (problem !== undefined) throw new TypeError(`command ${i + 1} cannot run in an exec batch: ${problem}`);
    lines.push(command.join(' '), `echo ${markerWord(nonce, i + 1)}`);
  });
  return lines.join('\n') + '\n';
}

/**
 * Cuts exec stdout into `count` outputs, one per command, in order. Undefined when a marker
 * is missing or out of order: then the output cannot be attributed and must not be guessed.
 * ipmitool's echo prints each word followed by a space, then a newline; searching for the
 * marker anywhere (not only at a line start) also copes with output that lacks a final newline.
 */
export function splitExecOutput(stdout: string, nonce: string, count: number): string[] | undefined {
  const outputs: string[] = [];
  let position = 0;
  for (let i = 0; i <= count; i++) {
    const marker = `${markerWord(nonce, i)} \n`;
    const at = stdout.indexOf(marker, position);
    if (at < 0) return undefined;
    if (i > 0) outputs.push(stdout.slice(position, at));
    position = at + marker.length;
  }
  return outputs;
}

/** Whether ipmitool got as far as running the batch: marker 0 is printed only after the session is open. */
export function execBatchStarted(stdout: string, nonce: string): boolean {
  return stdout.includes(`${markerWord(nonce, 0)} \n`);
}
