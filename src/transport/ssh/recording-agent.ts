// The ssh-agent at $SSH_AUTH_SOCK, unchanged, except that it remembers which key it last signed
// with: after a successful login that is the key sshd accepted, which every report names.
import ssh2, { type BaseAgent, type ParsedKey } from 'ssh2';
import { fingerprintOfBlob } from '../../ssh-keys/fingerprint.js';

type Callback = (...args: never[]) => void;

/** Delegates to the real agent; `lastSigned` is the SHA256 fingerprint of the last key it signed with. */
export class RecordingAgent extends ssh2.BaseAgent {
  readonly #inner: BaseAgent;
  #lastSigned: string | undefined;

  constructor(socketPath: string) {
    super();
    this.#inner = ssh2.createAgent(socketPath);
  }

  get lastSigned(): string | undefined {
    return this.#lastSigned;
  }

  getIdentities(cb: Callback): void {
    this.#inner.getIdentities(cb as never);
  }

  sign(pubKey: ParsedKey | Buffer | string, data: Buffer, options: unknown, cb?: Callback): void {
    const parsed = ssh2.utils.parseKey(pubKey as never);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key && !(key instanceof Error)) this.#lastSigned = fingerprintOfBlob(key.getPublicSSH());
    if (typeof options === 'function') this.#inner.sign(pubKey as never, data, options as never);
    else this.#inner.sign(pubKey as never, data, (options ?? {}) as never, cb as never);
  }
}
