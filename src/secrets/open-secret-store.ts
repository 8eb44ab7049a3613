// Picks the secret backend the inventory names.
import type { SecretsSource } from '../inventory/types.js';
import { AgeSecretStore } from './age-store.js';
import { CommandSecretStore } from './command-store.js';
import { FileSecretStore } from './file-store.js';
import { PassSecretStore } from './pass-store.js';
import type { SecretStore } from './secret-store.js';

/** The store for an inventory's `secrets:` section. Opening is lazy: nothing is read before the first host asks. */
export function openSecretStore(source: SecretsSource): SecretStore {
  switch (source.kind) {
    case 'file':
      return new FileSecretStore(source.path);
    case 'age':
      return new AgeSecretStore(source.path, source.identity);
    case 'pass':
      return new PassSecretStore({ prefix: source.prefix, ...(source.dir === undefined ? {} : { dir: source.dir }), timeoutMs: source.timeoutMs });
    case 'command':
      return new CommandSecretStore({ run: source.run, timeoutMs: source.timeoutMs });
  }
}
