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
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import { runtimeDir } from '../../fs/runtime-dir.js';
import { printableLine } from '../../text/sanitize.js';
import { userInterruptedSince } from '../user-interrupt.js';
import type { BmcEndpoint, BmcLogin } from './bmc-target.js';
import { classifyIpmitool } from './classify-ipmitool.js';
import { buildExecScript, splitExecOutput } from './exec-batch.js';
import { ipmitoolAttempts, PACKET_TIMEOUT_SECONDS } from '../../model/ipmi-session-timing.js';
import { buildIpmitoolArgs } from './ipmitool-args.js';

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

async function spawnIpmitool(
  path: string,
  args: string[],
  password: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<RawRun> {
  const started = performance.now();
  const result = await execa(path, args, {
    // A minimal environment: the password, a PATH to find the binary, and the C locale so
    // the texts the classifier matches are the English ones it was written against.
    env: { PATH: process.env['PATH'] ?? DEFAULT_PATH, LC_ALL: 'C', IPMI_PASSWORD: password },
    extendEnv: false,
    stdin: 'ignore',
    timeout: timeoutMs,
    killSignal: 'SIGKILL', // ipmitool has no children and nothing to flush; SIGTERM could be ignored mid-retry
    cancelSignal: signal,
    maxBuffer: MAX_IPMITOOL_OUTPUT,
    stripFinalNewline: false,
    reject: false,
  });
  // With reject: false a spawn failure (ENOENT, EACCES) comes back as a result with no exit
  // code and no signal; its errno code is on the error object.
  const code = (result as { code?: unknown }).code;
  const neverRan =
    result.failed && result.exitCode === undefined && result.signal === undefined &&
    !result.isCanceled && !result.timedOut && !result.isMaxBuffer;
  const startError = neverRan ? (typeof code === 'string' ? code : 'spawn failed') : undefined;
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    timedOut: result.timedOut,
    cancelled: result.isCanceled,
    outputLimit: result.isMaxBuffer,
    startError,
    userInterrupted: userInterruptedSince(started),
  };
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
