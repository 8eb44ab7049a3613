// The plain-file secret backend: a 0600 YAML file named in the inventory. For the lab and tests;
// a fleet's store is the age-encrypted file (age-store.ts).
import { fileProblemReason, readBoundedText } from '../fs/bounded-file.js';
import { FILE_LIMITS } from '../fs/file-limits.js';
import type { FactResult } from '../facts/fact-result.js';
import { factFailure } from '../facts/fact-result.js';
import { hostsOf, systemSecretsOf, parseSecretsDocument } from './secrets-document.js';
import type { SecretStore } from './secret-store.js';
import type { HostSecrets } from '../facts/host-secrets.js';
import type { Secret } from '../model/secret.js';
import type { SystemSecretRef } from '../inventory/types.js';

type Loaded = { ok: true; hosts: Map<string, HostSecrets>; systems: Map<string, Secret> } | { ok: false; message: string };

/** Reads the file once, on first use, and answers every host from memory. */
export class FileSecretStore implements SecretStore {
  #loaded: Promise<Loaded> | undefined;
  constructor(readonly path: string) {}

  get description(): string {
    return this.path;
  }

  async forSystem(ref: SystemSecretRef): Promise<FactResult<Secret>> {
    this.#loaded ??= this.#load();
    const loaded = await this.#loaded;
    if (!loaded.ok) return factFailure('secret', `repository password ${ref.system}/${ref.name} unavailable: ${loaded.message}`);
    const held = loaded.systems.get(`${ref.system}/${ref.name}`);
    return held ? { ok: true, value: held } : factFailure('secret-absent', `no repository password systems.${ref.system}.${ref.name} in ${this.path}`);
  }

  async forHost(key: string): Promise<FactResult<HostSecrets>> {
    this.#loaded ??= this.#load();
    const loaded = await this.#loaded;
    if (!loaded.ok) return factFailure('secret', `secret for key '${key}' unavailable: ${loaded.message}`);
    const entry = loaded.hosts.get(key);
    if (!entry) return factFailure('secret-absent', `no secrets stored under key '${key}' in ${this.path}`);
    return { ok: true, value: entry };
  }

  async #load(): Promise<Loaded> {
    const read = await readBoundedText(this.path, FILE_LIMITS.secretStore);
    if (!read.ok) return { ok: false, message: `cannot read secrets file ${this.path}: ${fileProblemReason(read.problem)}` };
    const doc = parseSecretsDocument(read.text, `secrets file ${this.path}`);
    return doc.ok ? { ok: true, hosts: hostsOf(doc.value), systems: systemSecretsOf(doc.value) } : doc;
  }
}
