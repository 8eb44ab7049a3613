// Which authentication methods a connection tries, in order, and how a refusal is explained.
// Messages name files, agent sockets and public-key fingerprints, never key material.
import { fileProblemReason, readBoundedFile } from '../../fs/bounded-file.js';
import { FILE_LIMITS } from '../../fs/file-limits.js';
import { resolve } from 'node:path';
// ssh2 is CommonJS and Node's ESM loader cannot see `utils` as a named export.
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2';
import { fingerprintOfBlob } from '../../ssh-keys/fingerprint.js';
import { TransportError } from '../transport-error.js';
import { printableText } from '../../text/sanitize.js';
import { RecordingAgent } from './recording-agent.js';
import type { SshEndpoint } from './ssh-endpoint.js';

// An OpenSSH private key is a few KiB; anything far larger is not one.

// Parsed identities by absolute path: a fleet scan reads and parses each key file once.
const identityCache = new Map<string, Promise<ParsedKey>>();

/** Reads and parses a private key file once per process; rejects with an 'auth' TransportError. */
export function loadIdentity(path: string): Promise<ParsedKey> {
  const key = resolve(path);
  let pending = identityCache.get(key);
  if (!pending) {
    pending = readIdentity(path);
    identityCache.set(key, pending);
    // A failure is not cached: the operator may fix the file while a long run goes on.
    pending.catch(() => identityCache.delete(key));
  }
  return pending;
}

async function readIdentity(path: string): Promise<ParsedKey> {
  const read = await readBoundedFile(path, FILE_LIMITS.sshIdentity);
  if (!read.ok) {
    if (read.problem.kind === 'too-large') throw new TransportError('auth', `identity ${path} is not a private key (too large)`);
    throw new TransportError('auth', `cannot read identity ${path} (${fileProblemReason(read.problem)})`);
  }
  const data = read.bytes;
  const parsed = ssh2.utils.parseKey(data);
  if (parsed instanceof Error) {
    if (/passphrase/i.test(parsed.message)) {
      throw new TransportError('auth', `identity ${path} is passphrase-protected; use ssh-agent`);
    }
    throw new TransportError('auth', `identity ${path} is not a usable private key (${printableText(parsed.message, 80)})`);
  }
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (!key || !key.isPrivateKey()) throw new TransportError('auth', `identity ${path} holds no private key`);
  return key;
}

/** The auth methods of one connection, and the record of what was tried for the refusal message. */
export interface AuthPlan {
  /** ssh2 `authHandler`: hands out the planned methods in order, skipping ones the server refuses. */
  handler: AuthHandlerMiddleware;
  /** Notes an event worth reporting if authentication fails (an agent that cannot be reached). */
  note(text: string): void;
  /** The 'auth' error saying which methods were tried and what the server would accept. */
  refusal(label: string): TransportError;
  /** After a successful login: the SHA256 fingerprint of the key sshd accepted, when known. */
  acceptedKey(): string | undefined;
}

interface PlannedMethod {
  label: string;
  method: AnyAuthMethod;
  /** The key this method signs with, when it is known before the login. */
  key?: () => string | undefined;
}

/**
 * Plans authentication for `endpoint`: the identity file when given, the agent at
 * $SSH_AUTH_SOCK when asked for or when there is no identity. Rejects with 'auth' when no
 * method is possible at all or the identity cannot be used.
 */
export async function planAuthentication(endpoint: SshEndpoint, label: string, env: NodeJS.ProcessEnv = process.env): Promise<AuthPlan> {
  const planned: PlannedMethod[] = [];
  const notes: string[] = [];
  if (endpoint.identity !== undefined) {
    let key: ParsedKey;
    try {
      key = await loadIdentity(endpoint.identity);
    } catch (error) {
      if (error instanceof TransportError) throw new TransportError(error.reason, `${label}: ${error.message}`, { cause: error });
      throw error;
    }
    planned.push({
      label: `publickey (identity ${endpoint.identity}, ${key.type} ${fingerprintOfBlob(key.getPublicSSH())})`,
      method: { type: 'publickey', username: endpoint.user, key },
      key: () => fingerprintOfBlob(key.getPublicSSH()),
    });
  }
  if (endpoint.agent || endpoint.identity === undefined) {
    const socket = env['SSH_AUTH_SOCK'];
    if (socket) {
      const agent = new RecordingAgent(socket);
      planned.push({ label: `agent (${socket})`, method: { type: 'agent', username: endpoint.user, agent }, key: () => agent.lastSigned });
    }
    else notes.push('agent not tried: SSH_AUTH_SOCK is not set');
  }
  if (planned.length === 0) {
    throw new TransportError('auth', `${label}: no identity file configured and SSH_AUTH_SOCK is not set`);
  }

  const tried: string[] = [];
  let serverAllows: string[] | undefined;
  let next = 0;
  let last: PlannedMethod | undefined;
  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, callback) => {
    // methodsLeft is null before the first attempt; afterwards it is the server's list.
    if (Array.isArray(methodsLeft)) serverAllows = methodsLeft.map((m) => printableText(String(m), 40));
    while (next < planned.length) {
      const candidate = planned[next++];
      if (!candidate) break;
      // Both identity and agent keys go over the wire as 'publickey'.
      if (serverAllows && !serverAllows.includes('publickey')) {
        notes.push(`${candidate.label} skipped: server does not accept publickey`);
        continue;
      }
      tried.push(candidate.label);
      last = candidate;
      callback(candidate.method);
      return;
    }
    // ssh2 accepts `false` as "no more methods", which its type definitions omit.
    (callback as (next: AnyAuthMethod | false) => void)(false);
  };

  return {
    handler,
    acceptedKey: () => last?.key?.(),
    note: (text) => notes.push(printableText(text, 120)),
    refusal: (forLabel) => {
      const parts = [`authentication refused; tried ${tried.length > 0 ? tried.join(', ') : 'no method'}`];
      if (serverAllows) parts.push(`server accepts: ${serverAllows.join(',') || 'nothing'}`);
      if (notes.length > 0) parts.push(notes.join('; '));
      return new TransportError('auth', `${forLabel}: ${parts.join('; ')}`);
    },
  };
}
