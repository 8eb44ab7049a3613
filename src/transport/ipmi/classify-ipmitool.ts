// Decides what one finished ipmitool run means. ipmitool exits 1 for every failure and says
// why only on stderr (and only with -v for session failures), so the verdict comes from the
// texts measured in fixtures/ipmitool plus a few that real BMCs send and ipmi_sim never does.
import { printableLine } from '../../text/sanitize.js';
import type { TransportFailureReason } from '../../facts/failure-reason.js';

/** Everything known about one ipmitool run once it has ended. */
export interface IpmitoolRun {
  /** Undefined when the process never started or was killed by a signal. */
  exitCode: number | undefined;
  /** The signal that ended it, when one did. */
  signal?: string | undefined;
  stdout: string;
  stderr: string;
  /** Killed by us at the deadline. */
  timedOut: boolean;
  /** Killed by us because the caller's AbortSignal fired. */
  cancelled: boolean;
  /** Killed by us because it printed more than we read. */
  outputLimit: boolean;
  /** Set when the process could not be started (an errno code such as ENOENT). */
  startError?: string | undefined;
  /** The user interrupted fleetcheck (SIGINT) while this run went on. */
  userInterrupted?: boolean;
}

/**
 * A run either succeeded or failed for one classified reason, with a one-line message.
 * `sessionOpened` is set when the session had opened before a command failed: the login worked.
 */
export type IpmitoolVerdict = { ok: true } | { ok: false; reason: TransportFailureReason; message: string; sessionOpened?: true };

// stderr lines that -v (or the BMC discovery ipmitool always does) prints on success too.
const NOISE = [
  /^Loading IANA PEN Registry/,
  /^Running Get VSO Capabilities/,
  /^Invalid completion code received:/, // the VSO probe at session start, not the user's command
  /^Discovered IPMB address/,
  /^Get HPM\.x Capabilities request failed/,
  /^Retry lanplus open session/,
];
// ipmitool 1.8.19 prints this (with -v) only once the interface is open, i.e. the RMCP+ session
// is established: main opens the session first and leaves at once if that fails. Every captured
// run with an open session has it (exit 0 or not); no run whose login failed has it.
const SESSION_OPENED_LINE = /^Discovered IPMB address /;
/** How a failure message begins when the session opened and a command run in it failed. */
export const SESSION_OPENED_NOTE = 'the session opened, then a command failed';
// ipmitool 1.8.19 catches SIGINT, prints this as the last line of stdout, closes the session and
// exits 255 (fixtures sigint-*). We kill ipmitool with SIGKILL, so a SIGINT came from the user:
// Ctrl-C at a terminal reaches the whole process group, ipmitool included.
const SIGINT_LINE = /^SIGN INT: Close Interface /;
const SIGINT_EXIT = 255;
const GENERIC_SESSION_FAILURE = /^Error: Unable to establish IPMI v[0-9.]+ \/ RMCP\+? session$/;
const FAILURE_WORDS = /error|fail|invalid|unable|cannot|could not|insufficient|too long|longer than|no response|unauthorized|refused/i;

const AUTH = [/RAKP 2 HMAC is invalid/i, /password is longer than \d+ bytes/i];
const UNKNOWN_USER = [/unauthorized name/i, /Username is too long/i, /invalid name length/i];
const PRIVILEGE = [
  /unauthorized role/i, // RAKP status 0x0a from BMCs that check the role at session setup
  /\binvalid role\b/i,
  // BMCs that grant the session, then refuse the level with a completion code. Without the
  // ": <code>" ipmitool got no answer at all, which is a lost packet, not a refusal.
  /Set Session Privilege Level to \S+ failed: /i,
  /Insufficient privilege level/i, // completion code 0xd4 on a command
  /Requested privilege level exceeds limit/i,
];
const UNREACHABLE = [
  /Get Auth Capabilities error/i,
  /Error issuing Get Channel Authentication Capabilities/i,
  /no response from RAKP \d message/i,
  /Timeout in open session response/i,
  /No response from remote controller/i,
  /Address lookup for \S+ failed/i,
  /Connect to \S+ failed/i,
  /Set Session Privilege Level to \S+ failed$/i, // the request or its answer was lost (fault lab: 50% loss)
];

/** stderr as lines worth showing: trimmed, without -v chatter and ipmitool's "> " prefix. */
export function meaningfulStderrLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .map((line) => line.replace(/^>+\s*/, '').trim())
    .filter((line) => line.length > 0 && !NOISE.some((noise) => noise.test(line)));
}

/**
 * The one stderr line that best says what went wrong, printable and capped: the last line that
 * reads like an error, else the last line; the generic "Unable to establish … session" only if
 * nothing more specific was printed.
 */
export function stderrSummary(stderr: string): string | undefined {
  const lines = meaningfulStderrLines(stderr);
  const specific = lines.filter((line) => !GENERIC_SESSION_FAILURE.test(line));
  const pick =
    [...specific].reverse().find((line) => FAILURE_WORDS.test(line)) ?? specific.at(-1) ?? lines.at(-1);
  return pick === undefined ? undefined : printableLine(pick, 200);
}

function firstMatch(lines: readonly string[], patterns: readonly RegExp[]): string | undefined {
  for (const line of lines) if (patterns.some((p) => p.test(line))) return printableLine(line, 200);
  return undefined;
}

/** The verdict on one run. Pure: the same run always gives the same verdict. */
export function classifyIpmitool(run: IpmitoolRun): IpmitoolVerdict {
  const verdict = classifyRun(run);
  if (verdict.ok) return verdict;
  // A BMC that let us in and then failed a command is not a refused login: say so, whatever the reason.
  const opened = run.stderr.split(/\r?\n/).some((line) => SESSION_OPENED_LINE.test(line.replace(/^>+\s*/, '').trim()));
  return opened ? { ...verdict, message: `${SESSION_OPENED_NOTE}: ${verdict.message}`, sessionOpened: true } : verdict;
}

/**
 * Whether the run ended because SIGINT reached ipmitool: its own way of leaving, the signal itself,
 * or (when the user interrupted us meanwhile) any death by a signal or exit 255: ipmitool's SIGINT
 * handler is not async-signal-safe and sometimes aborts instead (measured: SIGABRT under load).
 */
function endedBySigint(run: IpmitoolRun): boolean {
  if (run.userInterrupted && (run.exitCode === SIGINT_EXIT || (run.exitCode === undefined && run.signal !== undefined))) return true;
  if (run.exitCode === undefined) return run.signal === 'SIGINT';
  if (run.exitCode !== SIGINT_EXIT) return false;
  const last = run.stdout.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '').at(-1);
  return last !== undefined && SIGINT_LINE.test(last);
}

function classifyRun(run: IpmitoolRun): IpmitoolVerdict {
  const fail = (reason: TransportFailureReason, message: string): IpmitoolVerdict => ({ ok: false, reason, message });
  if (run.cancelled) return fail('interrupted', 'cancelled; ipmitool was killed');
  if (run.timedOut) return fail('timeout', 'no result before the deadline; ipmitool was killed');
  if (run.outputLimit) return fail('output-limit', 'ipmitool printed more than the output limit; it was killed');
  if (run.startError !== undefined) {
    const code = printableLine(run.startError, 40);
    return fail('tool', code === 'ENOENT' ? 'ipmitool is not installed (ENOENT)' : `ipmitool could not be started (${code})`);
  }
  if (endedBySigint(run)) return fail('interrupted', 'interrupted (SIGINT): ipmitool was stopped by the interrupt before it finished');
  if (run.exitCode === undefined) {
    return fail('tool', `ipmitool was killed by ${printableLine(run.signal ?? 'a signal', 20)}`);
  }
  if (run.exitCode === 0) return { ok: true };

  const lines = meaningfulStderrLines(run.stderr);
  let line: string | undefined;
  if ((line = firstMatch(lines, AUTH)) !== undefined) return fail('auth', `password refused: ${line}`);
  if ((line = firstMatch(lines, UNKNOWN_USER)) !== undefined) {
    return fail('unknown-user', `the BMC does not know this user or it is disabled: ${line}`);
  }
  if ((line = firstMatch(lines, PRIVILEGE)) !== undefined) return fail('privilege', `privilege refused: ${line}`);
  if ((line = firstMatch(lines, UNREACHABLE)) !== undefined) return fail('unreachable', `no answer from the BMC: ${line}`);
  const summary = stderrSummary(run.stderr);
  return fail('protocol', summary ?? `ipmitool exited with ${run.exitCode} and printed no error`);
}
