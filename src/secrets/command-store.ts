// The helper backend: runs an operator's command (a wrapper around Vault, 1Password, …) once per
// host and reads that host's YAML entry from its stdout. The host key is the last argument and
// FLEETCHECK_SECRET_KEY; no secret is ever passed to the helper.
import type { FactResult } from '../facts/fact-result.js';
import { factFailure } from '../facts/fact-result.js';
import { helperFailure, runHelper } from './helper-run.js';
import { parseHostEntry } from './secrets-document.js';
import type { SecretStore } from './secret-store.js';
import type { HostSecrets } from '../facts/host-secrets.js';
import { Secret } from '../model/secret.js';
import type { SystemSecretRef } from '../inventory/types.js';

/** The helper's argv (without the key) and its deadline per call. */
export interface CommandOptions {
  run: readonly string[];
  timeoutMs: number;
}

/** Exit code a helper uses for "no entry for this key" (any other non-zero exit is a failure). */
export const HELPER_NOT_FOUND = 3;

/** Asks the helper once per key and caches the answer for the run. */
export class CommandSecretStore implements SecretStore {
  readonly #cache = new Map<string, Promise<FactResult<HostSecrets>>>();
  constructor(readonly options: CommandOptions) {}

  get description(): string {
    return `command ${this.options.run[0] ?? ''}`;
  }

  forHost(key: string): Promise<FactResult<HostSecrets>> {
    let cached = this.#cache.get(key);
    if (!cached) this.#cache.set(key, (cached = this.#read(key)));
    return cached;
  }

  /**
   * A repository password: the helper is asked for key `systems/SYSTEM/NAME` (also in
   * FLEETCHECK_SECRET_KEY, with FLEETCHECK_SECRET_KIND=system) and prints the password alone.
   */
  async forSystem(ref: SystemSecretRef): Promise<FactResult<Secret>> {
    const helper = this.options.run[0] ?? '';
    const key = `systems/${ref.system}/${ref.name}`;
    const run = await runHelper([...this.options.run, key], { FLEETCHECK_SECRET_KEY: key, FLEETCHECK_SECRET_KIND: 'system' }, this.options.timeoutMs);
    if (run.exitCode === HELPER_NOT_FOUND) return factFailure('secret-absent', `no repository password under key '${key}' (secret helper ${helper})`);
    const failed = helperFailure(run, `secret helper ${helper}`, key);
    if (failed !== undefined) return factFailure('secret', failed);
    const value = run.stdout.replace(/\r?\n$/, '');
    if (value === '') return factFailure('secret-absent', `no repository password under key '${key}' (secret helper ${helper} printed nothing)`);
    return { ok: true, value: new Secret(value) };
  }

  async #read(key: string): Promise<FactResult<HostSecrets>> {
    const helper = this.options.run[0] ?? '';
    const run = await runHelper([...this.options.run, key], { FLEETCHECK_SECRET_KEY: key }, this.options.timeoutMs);
    if (run.exitCode === HELPER_NOT_FOUND) return factFailure('secret-absent', `no secrets stored under key '${key}' (secret helper ${helper})`);
    const failed = helperFailure(run, `secret helper ${helper}`, key);
    if (failed !== undefined) return factFailure('secret', failed);
    if (run.stdout.trim() === '') return factFailure('secret-absent', `no secrets stored under key '${key}' (secret helper ${helper} printed nothing)`);
    const parsed = parseHostEntry(run.stdout, `output of secret helper ${helper}`);
    return parsed.ok ? { ok: true, value: parsed.value } : factFailure('secret', `secret for key '${key}' unusable: ${parsed.message}`);
  }
}
