// The default secret backend: one age-encrypted YAML document, readable with Debian's `age`
// (`age -d -i IDENTITY store.age`). Decrypted once per run, in memory only.
import { checkRegularFile, fileProblemReason } from '../fs/bounded-file.js';
import { FILE_LIMITS } from '../fs/file-limits.js';
import type { FactResult } from '../facts/fact-result.js';
import { factFailure } from '../facts/fact-result.js';
import { readAgeIdentity, type AgeIdentitySource } from './age-identity.js';
import { ageDecrypt } from './age-tool.js';
import { hostsOf, systemSecretsOf, parseSecretsDocument, type SecretsDocument } from './secrets-document.js';
import type { SecretStore } from './secret-store.js';
import type { HostSecrets } from '../facts/host-secrets.js';
import type { Secret } from '../model/secret.js';
import type { SystemSecretRef } from '../inventory/types.js';

type Loaded = { ok: true; hosts: Map<string, HostSecrets>; systems: Map<string, Secret> } | { ok: false; message: string };

/** Reads the whole plaintext document of an age store; shared by the scanner and `fleetcheck secrets`. */
export async function readAgeDocument(path: string, identity: AgeIdentitySource): Promise<{ ok: true; value: SecretsDocument } | { ok: false; message: string }> {
  const id = await readAgeIdentity(identity);
  if (!id.ok) return id;
  // age opens the store itself: make sure it is a file of a store's size (not a FIFO, not /dev/zero).
  const store = checkRegularFile(path, FILE_LIMITS.secretStore);
  if (!store.ok) return { ok: false, message: `cannot read the secret store ${path}: ${fileProblemReason(store.problem)}` };
  const plain = await ageDecrypt(path, id.value);
  if (!plain.ok) return { ok: false, message: `cannot decrypt the secret store ${path}: ${plain.message}` };
  return parseSecretsDocument(plain.value, `secret store ${path}`);
}

/** An age file named in the inventory, opened with the identity the inventory names. */
export class AgeSecretStore implements SecretStore {
  #loaded: Promise<Loaded> | undefined;
  constructor(
    readonly path: string,
    readonly identity: AgeIdentitySource,
  ) {}

  get description(): string {
    return this.path;
  }

  #load(): Promise<Loaded> {
    this.#loaded ??= readAgeDocument(this.path, this.identity).then((doc) => (doc.ok ? { ok: true, hosts: hostsOf(doc.value), systems: systemSecretsOf(doc.value) } : doc));
    return this.#loaded;
  }

  async forSystem(ref: SystemSecretRef): Promise<FactResult<Secret>> {
    const loaded = await this.#load();
    if (!loaded.ok) return factFailure('secret', `repository password ${ref.system}/${ref.name} unavailable: ${loaded.message}`);
    const held = loaded.systems.get(`${ref.system}/${ref.name}`);
    return held ? { ok: true, value: held } : factFailure('secret-absent', `no repository password systems.${ref.system}.${ref.name} in ${this.path}`);
  }

  async forHost(key: string): Promise<FactResult<HostSecrets>> {
    const loaded = await this.#load();
    if (!loaded.ok) return factFailure('secret', `secret for key '${key}' unavailable: ${loaded.message}`);
    const entry = loaded.hosts.get(key);
    if (!entry) return factFailure('secret-absent', `no secrets stored under key '${key}' in ${this.path}`);
    return { ok: true, value: entry };
  }
}
