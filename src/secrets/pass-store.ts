// The password-store backend: one `pass` entry per host, `<prefix>/<key>`, holding that host's
// YAML entry (the same layout as one host of the age store). gpg does the decryption.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FactResult } from '../facts/fact-result.js';
import { factFailure } from '../facts/fact-result.js';
import { helperFailure, runHelper } from './helper-run.js';
import { parseHostEntry } from './secrets-document.js';
import { Secret } from '../model/secret.js';
import type { SecretStore } from './secret-store.js';
import type { HostSecrets } from '../facts/host-secrets.js';
import type { SystemSecretRef } from '../inventory/types.js';

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

  /** PASSWORD_STORE_DIR for the pass child, when the inventory names one. */
  #env(): Record<string, string> {
    return this.options.dir ? { PASSWORD_STORE_DIR: this.options.dir } : {};
  }

  /** The entry's plaintext (undefined when there is no entry), or a failure naming the key. */
  async readEntryText(key: string): Promise<{ ok: true; text: Secret | undefined } | { ok: false; message: string }> {
    const entry = this.entryName(key);
    const run = await runHelper([this.options.binary ?? 'pass', 'show', '--', entry], this.#env(), this.options.timeoutMs);
    // pass exits 1 both for a missing entry and for a gpg failure; the entry's file tells them apart.
    const failed = helperFailure(run, 'pass', key);
    if (failed !== undefined) {
      if (run.exitCode !== 1) return { ok: false, message: failed };
      const storeDir = this.options.dir ?? process.env.PASSWORD_STORE_DIR ?? join(homedir(), '.password-store');
      if (existsSync(join(storeDir, `${entry}.gpg`))) return { ok: false, message: `secret for key '${key}' unreadable: gpg could not decrypt pass entry ${entry}` };
      // "No entry" is only believable inside a store that is there: a wrong dir, prefix or HOME
      // would otherwise read as a store that keeps nothing, and the store checks would pass.
      if (!existsSync(join(storeDir, '.gpg-id'))) return { ok: false, message: `secret for key '${key}' unreadable: no password store at ${storeDir} (no .gpg-id)` };
      if (this.options.prefix !== '' && !existsSync(join(storeDir, this.options.prefix))) {
        return { ok: false, message: `secret for key '${key}' unreadable: the password store ${storeDir} has no ${this.options.prefix}/` };
      }
      return { ok: true, text: undefined };
    }
    return { ok: true, text: new Secret(run.stdout) };
  }

  /** Replaces the entry with `text` (`pass insert --multiline --force`, the text on stdin only). */
  async writeEntryText(key: string, text: Secret): Promise<{ ok: true } | { ok: false; message: string }> {
    const run = await runHelper([this.options.binary ?? 'pass', 'insert', '--multiline', '--force', '--', this.entryName(key)], this.#env(), this.options.timeoutMs, text.reveal());
    const failed = helperFailure(run, 'pass insert', key);
    this.#cache.delete(key);
    return failed === undefined ? { ok: true } : { ok: false, message: failed };
  }

  /** Removes the entry (`pass rm --force`). */
  async removeEntry(key: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const run = await runHelper([this.options.binary ?? 'pass', 'rm', '--force', '--', this.entryName(key)], this.#env(), this.options.timeoutMs);
    const failed = helperFailure(run, 'pass rm', key);
    this.#cache.delete(key);
    return failed === undefined ? { ok: true } : { ok: false, message: failed };
  }

  /** The pass entry of a repository password: `<prefix>/systems/<system>/<name>`, beside the host keys (which hold no `/`). */
  systemEntryName(ref: SystemSecretRef): string {
    return this.entryName(`systems/${ref.system}/${ref.name}`);
  }

  /** A repository password: the first line of its pass entry, as `pass` itself treats it. */
  async forSystem(ref: SystemSecretRef): Promise<FactResult<Secret>> {
    const read = await this.readEntryText(`systems/${ref.system}/${ref.name}`);
    if (!read.ok) return factFailure('secret', read.message);
    if (read.text === undefined) return factFailure('secret-absent', `no repository password in pass (${this.systemEntryName(ref)})`);
    return { ok: true, value: new Secret(read.text.reveal().split('\n')[0] ?? '') };
  }

  async #read(key: string): Promise<FactResult<HostSecrets>> {
    const entry = this.entryName(key);
    const read = await this.readEntryText(key);
    if (!read.ok) return factFailure('secret', read.message);
    if (read.text === undefined) return factFailure('secret-absent', `no secrets stored under key '${key}' in pass (${entry})`);
    const parsed = parseHostEntry(read.text.reveal(), `pass entry ${entry}`);
    return parsed.ok ? { ok: true, value: parsed.value } : factFailure('secret', `secret for key '${key}' unusable: ${parsed.message}`);
  }
}
