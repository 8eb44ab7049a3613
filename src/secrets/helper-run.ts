// Runs an external secret helper (pass, an operator's command) with a deadline and an output cap.
// The helper's stderr is never shown: a helper may print what it read there.
import { execa } from 'execa';

/** What one helper run produced. */
export interface HelperRun {
  exitCode: number | undefined;
  stdout: string;
  timedOut: boolean;
  outputLimit: boolean;
  /** errno code when the helper could not be started (ENOENT, EACCES). */
  startError: string | undefined;
}

/** Most bytes read from a helper's stdout: one host's entry is small. */
export const MAX_HELPER_OUTPUT = 1024 * 1024;

/**
 * Runs `argv` (no shell) with `env` added to ours; the child is killed at the deadline. stdin is
 * closed, or carries `input` (the one way a secret may reach a helper, e.g. `pass insert`).
 */
export async function runHelper(argv: readonly string[], env: Record<string, string>, timeoutMs: number, input?: string): Promise<HelperRun> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('helper command is empty');
  const r = await execa(file, args, {
    env,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    stderr: 'ignore',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: MAX_HELPER_OUTPUT,
    stripFinalNewline: false,
    reject: false,
  });
  const code = (r as { code?: unknown }).code;
  const neverRan = r.failed && r.exitCode === undefined && r.signal === undefined && !r.timedOut && !r.isMaxBuffer;
  return {
    exitCode: r.exitCode,
    stdout: typeof r.stdout === 'string' ? r.stdout : '',
    timedOut: r.timedOut,
    outputLimit: r.isMaxBuffer,
    startError: neverRan ? (typeof code === 'string' ? code : 'spawn failed') : undefined,
  };
}

/** A one-line reason for a failed helper run, naming the key and never the output. */
export function helperFailure(run: HelperRun, what: string, key: string): string | undefined {
  if (run.startError !== undefined) return `${what} could not be started for key '${key}' (${run.startError})`;
  if (run.timedOut) return `${what} gave no answer for key '${key}' before its deadline; it was killed`;
  if (run.outputLimit) return `${what} printed more than ${MAX_HELPER_OUTPUT} bytes for key '${key}'; it was killed`;
  if (run.exitCode !== 0) return `${what} failed for key '${key}' (exit ${run.exitCode ?? 'by signal'})`;
  return undefined;
}
