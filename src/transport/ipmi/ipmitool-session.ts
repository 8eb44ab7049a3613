// Runs ipmitool against one BMC: one command directly, several over one session with
// `ipmitool exec`. Every BMC-side failure comes back as data ({ ok: false, reason });
// only a programming error (an impossible endpoint, an empty command list) throws.
//
// No whole-call retry. ipmitool already resends every unanswered packet `endpoint.retries`
// times, handshake included, which is exactly what a lossy link needs. Repeating the whole
// call would (1) count again against the BMC's lockout threshold after 'auth' or
// 'unknown-user', (2) re-run commands that may already have run after 'timeout' or
// 'protocol', and (3) double the cost of every powered-off BMC in a fleet scan after
// 'unreachable'. Keeping one call also keeps its duration within `endpoint.timeoutMs`,
// the bound the runner plans with.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import { runtimeDir } from '../../fs/runtime-dir.js';
import { printableLine } from '../../text/sanitize.js';
import { userInterruptedSince } from '../user-interrupt.js';
import type { BmcEndpoint, BmcLogin } from './bmc-target.js';
import { classifyIpmitool } from './classify-ipmitool.js';
import { buildExecScript, splitExecOutput } from './exec-batch.js';
import { ipmitoolAttempts, PACKET_TIMEOUT_SECONDS } from '../../model/ipmi-session-timing.js';
import { buildIpmitoolArgs } from './ipmitool-args.js';
import { ipmitoolHome } from './ipmitool-home.js';

export type { BmcEndpoint, BmcLogin, BmcPrivilege } from './bmc-target.js';

/** What one runIpmitool call produced: every command's stdout, or one classified failure. */
export type IpmiOutcome =
  | { ok: true; outputs: string[]; durationMs: number } // one output per command, in order
  | { ok: false; reason: TransportFailureReason; message: string; durationMs: number; command: string; sessionOpened?: true }; // sessionOpened: the login worked, a command failed

/** Knobs a caller may set per call. */
export interface RunIpmitoolOptions {
  /** Aborting kills ipmitool at once (SIGKILL) and yields reason 'interrupted'. */
  signal?: AbortSignal;
  /** The ipmitool binary; a bare name is looked up in PATH. */
  ipmitoolPath?: string;
}

/** Most characters read from each of stdout and stderr before ipmitool is killed ('output-limit'). */
export const MAX_IPMITOOL_OUTPUT = 1024 * 1024;

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface RawRun {
  exitCode: number | undefined;
  signal: string | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  outputLimit: boolean;
  startError: string | undefined;
  userInterrupted: boolean;
}

/** Text naming what ran, for failure messages: "mc info" or "mc info; user list 1". Commands hold no secrets. */
function describeCommands(commands: readonly (readonly string[])[]): string {
  return commands.map((command) => command.join(' ')).join('; ');
}

// ipmitool children still running. fleetcheck leaves at once through process.exit (a second
// SIGINT, SIGTERM, SIGHUP); this 'exit' hook kills them there, or they would go on retrying against
// their BMCs as orphans. One hook for all, present only while one runs: one per child would pass
// the listener limit in a fleet scan.
const running = new Set<ChildProcess>();
function killRunning(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** The errno code of a failed start ('ENOENT', 'EACCES'), or a stand-in when there is none. */
function startErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'spawn failed';
}

/** Runs ipmitool once and reports how it ended. Never throws and never rejects. */
function spawnIpmitool(
  path: string,
  args: string[],
  password: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<RawRun> {
  const started = performance.now();
  const home = ipmitoolHome();
  const run: RawRun = {
    exitCode: undefined,
    signal: undefined,
    stdout: '',
    stderr: '',
    timedOut: false,
    cancelled: false,
    outputLimit: false,
    startError: undefined,
    userInterrupted: false,
  };
  if (signal?.aborted) return Promise.resolve({ ...run, cancelled: true });
  let child: ChildProcess;
  try {
    child = spawn(path, args, {
      // A minimal environment: the password, a PATH to find the binary, the C locale so the texts
      // the classifier matches are the English ones it was written against, and a HOME whose tiny
      // vendor registry spares ipmitool most of its start-up (ipmitool-home.ts).
      env: { PATH: process.env['PATH'] ?? DEFAULT_PATH, LC_ALL: 'C', IPMI_PASSWORD: password, ...(home !== undefined ? { HOME: home } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // Arguments spawn refuses (a NUL byte) and some start failures throw instead of emitting 'error'.
    return Promise.resolve({ ...run, startError: startErrorCode(error), userInterrupted: userInterruptedSince(started) });
  }

  return new Promise((resolve) => {
    // Null only when the start failed before the pipes existed (EMFILE); 'error' and 'close' still follow.
    const { stdout, stderr } = child;
    // Why it was killed is told once: a deadline that passes while a flood is being killed is no timeout.
    let killed = false;
    // ipmitool has no children and nothing to flush; SIGTERM could be ignored mid-retry. kill()
    // is false once the process has ended on its own: its own result stands then.
    const killFor = (reason: 'timedOut' | 'cancelled' | 'outputLimit'): void => {
      if (killed || !child.kill('SIGKILL')) return;
      killed = true;
      run[reason] = true;
    };
    // Characters, not bytes; the decoder holds back a multibyte character split between reads.
    const reader = (stream: Readable | null, key: 'stdout' | 'stderr') => {
      const onData = (chunk: string): void => {
        const room = MAX_IPMITOOL_OUTPUT - run[key].length;
        if (chunk.length <= room) {
          run[key] += chunk;
          return;
        }
        // Keep what fits and read no more: a flood is never held beyond the limit. The output is
        // cut short even when ipmitool has already exited, so it is never a success.
        run[key] += chunk.slice(0, room);
        run.outputLimit = true;
        stream?.off('data', onData);
        stream?.destroy();
        killFor('outputLimit');
      };
      stream?.setEncoding('utf8');
      stream?.on('data', onData);
      return onData;
    };
    const onStdout = reader(stdout, 'stdout');
    const onStderr = reader(stderr, 'stderr');
    const timer = setTimeout(() => killFor('timedOut'), timeoutMs);
    const onAbort = (): void => killFor('cancelled');
    // Before the start, 'error' is the start failing; after it, only a kill that failed, which the
    // close still to come reports better.
    const onError = (error: unknown): void => {
      if (child.pid === undefined) run.startError = startErrorCode(error);
    };
    // 'close', not 'exit': it comes once both pipes are read to the end.
    const onClose = (code: number | null, signalName: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      stdout?.off('data', onStdout);
      stderr?.off('data', onStderr);
      child.off('error', onError);
      child.off('close', onClose);
      running.delete(child);
      if (running.size === 0) process.off('exit', killRunning);
      // A failed start closes with the negative errno as its code: no exit code, no signal.
      if (run.startError === undefined) {
        run.exitCode = code ?? undefined;
        run.signal = signalName ?? undefined;
      }
      run.userInterrupted = userInterruptedSince(started);
      resolve(run);
    };
    child.on('error', onError);
    child.on('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (running.size === 0) process.on('exit', killRunning);
    running.add(child);
  });
}

/**
 * Runs `commands` (each one ipmitool command as words, e.g. ['user', 'list', '1']) on the BMC.
 * The password reaches ipmitool only through IPMI_PASSWORD in the child's environment (-E).
 * Commands appear in argv and in messages, so they must never carry a secret.
 */
export async function runIpmitool(
  endpoint: BmcEndpoint,
  login: BmcLogin,
  commands: string[][],
  options: RunIpmitoolOptions = {},
): Promise<IpmiOutcome> {
  if (commands.length === 0) throw new TypeError('runIpmitool needs at least one command');
  const startedAt = performance.now();
  const commandText = describeCommands(commands);
  const elapsed = (): number => Math.round(performance.now() - startedAt);
  const argsFor = (command: readonly string[]): string[] =>
    buildIpmitoolArgs(
      {
        address: endpoint.address,
        port: endpoint.port,
        user: login.user,
        cipherSuite: endpoint.cipherSuite,
        privilege: login.privilege,
        packetTimeoutSeconds: PACKET_TIMEOUT_SECONDS,
        attempts: ipmitoolAttempts(endpoint.retries),
        verbose: true,
      },
      command,
    );
  if (!Number.isInteger(endpoint.timeoutMs) || endpoint.timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive integer, got ${endpoint.timeoutMs}`);
  }

  const batch = commands.length > 1;
  const nonce = randomBytes(8).toString('hex');
  // Validate everything (throwing on programming errors) before any file or process exists.
  const script = batch ? buildExecScript(commands, nonce) : undefined;
  const [single] = commands;
  if (!batch) argsFor(single!);

  if (options.signal?.aborted) {
    return { ok: false, reason: 'interrupted', message: 'cancelled before ipmitool started', durationMs: elapsed(), command: commandText };
  }

  let dir: string | undefined;
  try {
    let args: string[];
    if (script !== undefined) {
      // In this run's private directory, which the next run empties if this one is killed; mkdtemp
      // makes the directory 0700; the file is 0600 and must not exist yet.
      let runDir: string;
      try {
        runDir = runtimeDir();
      } catch (error) {
        return { ok: false, reason: 'tool', message: `no private directory for the ipmitool batch: ${printableLine(error instanceof Error ? error.message : String(error))}`, durationMs: elapsed(), command: commandText };
      }
      dir = await mkdtemp(join(runDir, 'ipmi-'));
      const file = join(dir, 'commands');
      await writeFile(file, script, { mode: 0o600, flag: 'wx' });
      args = argsFor(['exec', file]);
    } else {
      args = argsFor(single!);
    }

    const run = await spawnIpmitool(
      options.ipmitoolPath ?? 'ipmitool',
      args,
      login.password.reveal(),
      endpoint.timeoutMs,
      options.signal,
    );
    const verdict = classifyIpmitool(run);
    if (!verdict.ok) {
      return { ok: false, reason: verdict.reason, message: verdict.message, durationMs: elapsed(), command: commandText, ...(verdict.sessionOpened ? { sessionOpened: true } : {}) };
    }
    if (!batch) return { ok: true, outputs: [run.stdout], durationMs: elapsed() };
    const outputs = splitExecOutput(run.stdout, nonce, commands.length);
    if (outputs === undefined) {
      return {
        ok: false,
        reason: 'protocol',
        message: 'ipmitool exec output lost its command markers; outputs cannot be attributed',
        durationMs: elapsed(),
        command: commandText,
      };
    }
    return { ok: true, outputs, durationMs: elapsed() };
  } finally {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }
}
