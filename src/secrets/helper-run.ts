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

/** Process groups of helpers still running, ended if fleetcheck itself exits first. */
const running = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs `argv` (no shell) with `env` added to ours. stdin is closed, or carries `input` (the one way
 * a secret may reach a helper, e.g. `pass insert`). The helper runs in a process group of its own,
 * and at the deadline the whole group is killed: `pass` runs gpg (and gpg may start pinentry), a
 * wrapper script runs its own children, and any of them holding stdout open would otherwise keep
 * the run waiting long past the deadline, and a BMC slot with it.
 */
export async function runHelper(argv: readonly string[], env: Record<string, string>, timeoutMs: number, input?: string): Promise<HelperRun> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('helper command is empty');
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => running.forEach(killGroup));
  }
  const child = execa(file, args, {
    env,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    stderr: 'ignore',
    detached: true,
    maxBuffer: MAX_HELPER_OUTPUT,
    stripFinalNewline: false,
    reject: false,
  });
  const pid = child.pid;
  let timedOut = false;
  const timer =
    pid === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          killGroup(pid);
        }, timeoutMs);
  if (pid !== undefined) running.add(pid);
  let r;
  try {
    r = await child;
  } finally {
    clearTimeout(timer);
    if (pid !== undefined) {
      // The helper is done; anything it left behind in its group goes with it.
      killGroup(pid);
      running.delete(pid);
    }
  }
  const code = (r as { code?: unknown }).code;
  const neverRan = r.failed && r.exitCode === undefined && r.signal === undefined && !timedOut && !r.isMaxBuffer;
  return {
    exitCode: timedOut ? undefined : r.exitCode,
    stdout: typeof r.stdout === 'string' ? r.stdout : '',
    timedOut,
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
