// An ssh2 agent that holds one public key and no private key. ssh2 offers an agent's key as a
// publickey query without a signature (RFC 4252 §7) and calls sign() only once the server has
// answered SSH_MSG_USERAUTH_PK_OK: that call is the server's "this key would be accepted". The
// agent refuses to sign, so no signature ever leaves, and the login cannot complete.
import ssh2, { type ParsedKey } from 'ssh2';

type SignCallback = (err?: Error | null, signature?: Buffer) => void;

/** The refusal handed to ssh2 in place of a signature; its wording names what happened. */
export const SIGNATURE_REFUSED = 'fleetcheck probes only: the key would be accepted, no signature is made';

/**
 * One public key offered as an agent identity; `accepted` turns true when the server answered
 * PK_OK for it. ssh2 reads an agent's keys through `getIdentities()` and this agent has nothing else.
 */
export class PublicKeyAgent extends ssh2.BaseAgent<ParsedKey> {
  #accepted = false;
  #offered = false;
  readonly #key: ParsedKey;

  constructor(key: ParsedKey) {
    super();
    if (key.isPrivateKey()) throw new Error('PublicKeyAgent holds public keys only');
    this.#key = key;
  }

  /** True once the server said PK_OK for the key (ssh2 asked for a signature). */
  get accepted(): boolean {
    return this.#accepted;
  }

  /** True once ssh2 took the key from this agent, i.e. it was about to be offered. */
  get offered(): boolean {
    return this.#offered;
  }

  getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
    this.#offered = true;
    cb(undefined, [this.#key]);
  }

  sign(_pubKey: ParsedKey | Buffer | string, _data: Buffer, options: unknown, cb?: SignCallback): void {
    const callback = (typeof options === 'function' ? options : cb) as SignCallback | undefined;
    this.#accepted = true;
    callback?.(new Error(SIGNATURE_REFUSED));
  }
}
