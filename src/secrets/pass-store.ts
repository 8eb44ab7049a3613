// The password-store backend: one `pass` entry per host, `<prefix>/<key>`, holding that host's
// YAML entry (the same layout as one host of the age store). gpg does the decryption.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FactResult } from '../collect/fact-result.js';
import { factFailure } from '../collect/fact-result.js';
import { helperFailure, runHelper } from './helper-run.js';
import { parseHostEntry } from './secrets-document.js';
import type { HostSecrets, SecretStore } from './secret-store.js';

/** Where pass keeps the entries and how long one lookup may take. */
export interface PassOptions {
  /** Folder inside the password store, e.g. "fleetcheck/hosts". */
  prefix: string;
  /** PASSWORD_STORE_DIR; pass's own default (~/.password-store) when absent. */
  dir?: string;
  timeoutMs: number;
  /** The pass binary; a bare name is looked up in PATH. */
  binary?: string;
}

/** Reads each host's entry with `pass show`; the key is in argv (it is a name), the secret only on stdout. */
export class PassSecretStore implements SecretStore {
  readonly #cache = new Map<string, Promise<FactResult<HostSecrets>>>();
  constructor(readonly options: PassOptions) {}

  get description(): string {
    return `pass ${this.options.prefix}/`;
  }

  /** The entry name of a host key. */
  entryName(key: string): string {
    return this.options.prefix === '' ? key : `${this.options.prefix.replace(/\/+$/, '')}/${key}`;
  }

  forHost(key: string): Promise<FactResult<HostSecrets>> {
    let cached = this.#cache.get(key);
    if (!cached) this.#cache.set(key, (cached = this.#read(key)));
    return cached;
  }

  async #read(key: string): Promise<FactResult<HostSecrets>> {
    const entry = this.entryName(key);
    const env: Record<string, string> = this.options.dir ? { PASSWORD_STORE_DIR: this.options.dir } : {};
    const run = await runHelper([this.options.binary ?? 'pass', 'show', '--', entry], env, this.options.timeoutMs);
    // pass exits 1 both for a missing entry and for a gpg failure; the entry's file tells them apart.
    const failed = helperFailure(run, 'pass', key);
    if (failed !== undefined) {
      if (run.exitCode !== 1) return factFailure('secret', failed);
      const file = join(this.options.dir ?? process.env.PASSWORD_STORE_DIR ?? join(homedir(), '.password-store'), `${entry}.gpg`);
      return existsSync(file)
        ? factFailure('secret', `secret for key '${key}' unreadable: gpg could not decrypt pass entry ${entry}`)
        : factFailure('secret-absent', `no secrets stored under key '${key}' in pass (${entry})`);
    }
    const parsed = parseHostEntry(run.stdout, `pass entry ${entry}`);
    return parsed.ok ? { ok: true, value: parsed.value } : factFailure('secret', `secret for key '${key}' unusable: ${parsed.message}`);
  }
}
