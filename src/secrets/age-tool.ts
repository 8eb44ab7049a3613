// Runs Debian's `age` and `age-keygen` binaries. Identities and plaintext travel only through
// stdin and stdout: argv holds paths and public recipients, never a secret. age's own stderr
// is never shown (it may quote an identity line); failures are mapped to our messages.
import { execa } from 'execa';
import { Secret } from '../model/secret.js';

/** Result of one age run: the output, or a message that is safe to print. */
export type AgeResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** How long one age run may take; decryption of a store is milliseconds. */
export const AGE_TIMEOUT_MS = 15_000;
/** Largest store read back (plaintext or ciphertext). */
const MAX_OUTPUT = 64 * 1024 * 1024;
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface RawRun {
  exitCode: number | undefined;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
  code?: string | undefined;
}

async function runAge(binary: string, args: string[], input: string | Buffer, timeoutMs: number): Promise<RawRun> {
  const r = await execa(binary, args, {
    env: { PATH: process.env['PATH'] ?? DEFAULT_PATH, LC_ALL: 'C' },
    extendEnv: false,
    input,
    encoding: 'buffer',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: MAX_OUTPUT,
    stripFinalNewline: false,
    reject: false,
  });
  const code = (r as { code?: unknown }).code;
  return {
    exitCode: r.exitCode,
    stdout: Buffer.from(r.stdout as Uint8Array),
    stderr: Buffer.from(r.stderr as Uint8Array).toString('utf8'),
    timedOut: r.timedOut,
    code: typeof code === 'string' ? code : undefined,
  };
}

/** A safe one-line reason for a failed age run; never quotes age's stderr. */
function ageFailure(run: RawRun, binary: string): string {
  if (run.timedOut) return `${binary} did not finish in time and was killed`;
  if (run.code === 'ENOENT') return `${binary} is not installed (apt-get install age)`;
  if (/no identity matched/i.test(run.stderr)) return 'the identity does not open this store (no identity matched its recipients)';
  if (/unknown identity type|malformed secret key|failed to read/i.test(run.stderr) && /identit|reading "-"/i.test(run.stderr)) {
    return 'the identity is not a valid age identity';
  }
  if (/header|armor|unknown format|failed to decrypt|parse/i.test(run.stderr)) return 'the store is not a valid age file or is damaged';
  return `${binary} failed (exit ${run.exitCode ?? 'by signal'})`;
}

/** Decrypts `file` with `identity` (an age identity file's text, given to age on stdin). */
export async function ageDecrypt(file: string, identity: Secret, timeoutMs = AGE_TIMEOUT_MS): Promise<AgeResult<string>> {
  const run = await runAge('age', ['--decrypt', '-i', '-', '--', file], identity.reveal(), timeoutMs);
  if (run.exitCode !== 0) return { ok: false, message: ageFailure(run, 'age') };
  return { ok: true, value: run.stdout.toString('utf8') };
}

/** Encrypts `plaintext` (given on stdin) to `recipients`; returns the binary age file. */
export async function ageEncrypt(plaintext: Secret, recipients: readonly string[], timeoutMs = AGE_TIMEOUT_MS): Promise<AgeResult<Buffer>> {
  if (recipients.length === 0) return { ok: false, message: 'no recipient to encrypt to' };
  const args = ['--encrypt', ...recipients.flatMap((r) => ['-r', r])];
  const run = await runAge('age', args, plaintext.reveal(), timeoutMs);
  if (run.exitCode !== 0) return { ok: false, message: ageFailure(run, 'age') };
  return { ok: true, value: run.stdout };
}

/** The public recipients (age1…) of the identities in `identity`, given to age-keygen on stdin. */
export async function ageRecipientsOf(identity: Secret, timeoutMs = AGE_TIMEOUT_MS): Promise<AgeResult<string[]>> {
  const run = await runAge('age-keygen', ['-y'], identity.reveal(), timeoutMs);
  if (run.exitCode !== 0) return { ok: false, message: run.code === 'ENOENT' ? 'age-keygen is not installed (apt-get install age)' : 'the identity is not a valid age identity' };
  const recipients = run.stdout.toString('utf8').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('age1'));
  return recipients.length > 0 ? { ok: true, value: recipients } : { ok: false, message: 'the identity holds no X25519 key' };
}

/** A new identity file's text (`age-keygen` with no argument prints it to stdout). */
export async function ageGenerateIdentity(timeoutMs = AGE_TIMEOUT_MS): Promise<AgeResult<Secret>> {
  const run = await runAge('age-keygen', [], '', timeoutMs);
  if (run.exitCode !== 0) return { ok: false, message: run.code === 'ENOENT' ? 'age-keygen is not installed (apt-get install age)' : 'age-keygen failed' };
  return { ok: true, value: new Secret(run.stdout.toString('utf8')) };
}
