// OpenSSH signatures (the SSHSIG format) made and checked by `ssh-keygen -Y`, so that a customer can
// check what we sign with nothing but OpenSSH. The signed bytes travel on stdin; argv holds paths,
// the namespace and the signer's identity, never key material.
import { execa } from 'execa';
import { printableLine } from '../text/sanitize.js';

/** The namespace every offboarding statement is signed in; a signature for another purpose does not verify as one. */
export const OFFBOARD_NAMESPACE = 'fleetcheck-offboard';

/** What a signing or verification came to; `message` is safe to print. */
export type SignatureResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** A key file, or its `.pub` while the private key is in ssh-agent, may ask for a passphrase on the terminal: leave time for it. */
const SIGN_TIMEOUT_MS = 120_000;
const VERIFY_TIMEOUT_MS = 30_000;
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface Run {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  missing: boolean;
}

async function sshKeygen(args: string[], input: Uint8Array, timeoutMs: number): Promise<Run> {
  // Only what ssh-keygen needs: PATH, and the agent's socket when signing with a key held there.
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? DEFAULT_PATH, LC_ALL: 'C' };
  if (process.env['SSH_AUTH_SOCK']) env['SSH_AUTH_SOCK'] = process.env['SSH_AUTH_SOCK'];
  const r = await execa('ssh-keygen', args, { env, extendEnv: false, input, timeout: timeoutMs, killSignal: 'SIGKILL', reject: false, stripFinalNewline: false, maxBuffer: 1024 * 1024 });
  return {
    exitCode: r.exitCode,
    stdout: String(r.stdout),
    stderr: String(r.stderr),
    timedOut: r.timedOut,
    missing: (r as { code?: unknown }).code === 'ENOENT',
  };
}

/** ssh-keygen's own words, one printable line each, for a failure message. */
const said = (run: Run): string => printableLine(run.stderr.trim().split('\n').filter(Boolean).join('; ') || `exit ${run.exitCode ?? 'by signal'}`, 300);

function failure(run: Run): string {
  if (run.missing) return 'ssh-keygen is not installed (apt-get install openssh-client)';
  if (run.timedOut) return 'ssh-keygen did not finish in time and was killed';
  return `ssh-keygen: ${said(run)}`;
}

/**
 * Signs `data` with the private key `keyFile`, or with the key ssh-agent holds for the public key
 * `keyFile` names: `ssh-keygen -Y sign -f KEY -n NAMESPACE`, data on stdin, the armored SSHSIG on stdout.
 */
export async function signData(keyFile: string, data: Uint8Array, namespace = OFFBOARD_NAMESPACE): Promise<SignatureResult<string>> {
  const run = await sshKeygen(['-Y', 'sign', '-f', keyFile, '-n', namespace], data, SIGN_TIMEOUT_MS);
  if (run.exitCode !== 0 || !run.stdout.includes('-----BEGIN SSH SIGNATURE-----')) return { ok: false, message: failure(run) };
  return { ok: true, value: run.stdout };
}

/** What a good signature tells: who signed it, with which key. */
export interface GoodSignature {
  /** ssh-keygen's line, e.g. `Good "fleetcheck-offboard" signature for provider with ED25519 key SHA256:…`. */
  statement: string;
  /** The signing key's fingerprint, as ssh-keygen prints it. */
  fingerprint?: string;
}

/**
 * `ssh-keygen -Y verify -f ALLOWED_SIGNERS -I IDENTITY -n NAMESPACE -s SIGNATURE < data`, exactly what a
 * customer runs. Only its zero exit with its "Good … signature" line counts: it means the signature is
 * over these bytes, in this namespace, by a key allowed_signers lists for this identity.
 */
export async function verifyData(options: { allowedSigners: string; identity: string; signatureFile: string; data: Uint8Array; namespace?: string }): Promise<SignatureResult<GoodSignature>> {
  const namespace = options.namespace ?? OFFBOARD_NAMESPACE;
  const run = await sshKeygen(['-Y', 'verify', '-f', options.allowedSigners, '-I', options.identity, '-n', namespace, '-s', options.signatureFile], options.data, VERIFY_TIMEOUT_MS);
  const good = /^Good "[^"]*" signature for .*$/m.exec(run.stdout + run.stderr);
  if (run.exitCode !== 0 || !good) return { ok: false, message: failure(run) };
  const fingerprint = /key (SHA256:[A-Za-z0-9+/=]+)/.exec(good[0])?.[1];
  return { ok: true, value: { statement: printableLine(good[0], 300), ...(fingerprint ? { fingerprint } : {}) } };
}
