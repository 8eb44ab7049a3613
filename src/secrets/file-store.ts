// The plain-file secret backend: a 0600 YAML file named in the inventory.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { FactResult } from '../collect/fact-result.js';
import { factFailure } from '../collect/fact-result.js';
import { Secret } from './secret.js';
import type { HostSecrets, SecretStore } from './secret-store.js';

const AccountSchema = z.strictObject({
  user: z.string().min(1).max(16),
  password: z.string(),
  privilege: z.enum(['user', 'operator', 'administrator']).default('administrator'),
});
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const HostSchema = z.strictObject({
  bmc: z.strictObject({ accounts: z.array(AccountSchema) }).optional(),
  bios: z.strictObject({ password: z.string() }).optional(),
  os: z.array(z.strictObject({ user: z.string().min(1), password: z.string(), handover: IsoDate.optional() })).optional(),
  disks: z.array(z.strictObject({ device: z.string().min(1), passphrase: z.string(), handover: IsoDate.optional() })).optional(),
});
const FileSchema = z.strictObject({ hosts: z.record(z.string(), HostSchema) });

type Loaded = { ok: true; hosts: Map<string, HostSecrets> } | { ok: false; message: string };

/** Reads the file once, on first use, and answers every host from memory. */
export class FileSecretStore implements SecretStore {
  #loaded: Promise<Loaded> | undefined;
  constructor(readonly path: string) {}

  get description(): string {
    return this.path;
  }

  async forHost(key: string): Promise<FactResult<HostSecrets>> {
    this.#loaded ??= this.#load();
    const loaded = await this.#loaded;
    if (!loaded.ok) return factFailure('secret', loaded.message);
    const entry = loaded.hosts.get(key);
    if (!entry) return factFailure('secret', `no secrets stored under key '${key}' in ${this.path}`);
    return { ok: true, value: entry };
  }

  async #load(): Promise<Loaded> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      return { ok: false, message: `cannot read secrets file ${this.path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}` };
    }
    let data: unknown;
    try {
      data = parse(text);
    } catch {
      // The YAML parser's message can quote the offending line, which may hold a password.
      return { ok: false, message: `secrets file ${this.path} is not valid YAML` };
    }
    const parsed = FileSchema.safeParse(data);
    if (!parsed.success) {
      // Only the path of the first problem: zod's messages may echo the value.
      const where = parsed.error.issues[0]?.path.join('.') ?? '';
      return { ok: false, message: `secrets file ${this.path} has an invalid entry at '${where}'` };
    }
    const hosts = new Map<string, HostSecrets>();
    for (const [name, h] of Object.entries(parsed.data.hosts)) {
      hosts.set(name, {
        bmcAccounts: (h.bmc?.accounts ?? []).map((a) => ({ user: a.user, password: new Secret(a.password), privilege: a.privilege })),
        ...(h.bios ? { biosPassword: new Secret(h.bios.password) } : {}),
        osCredentials: (h.os ?? []).map((o) => ({ user: o.user, password: new Secret(o.password), ...(o.handover ? { handover: o.handover } : {}) })),
        diskPassphrases: (h.disks ?? []).map((d) => ({ device: d.device, passphrase: new Secret(d.passphrase), ...(d.handover ? { handover: d.handover } : {}) })),
      });
    }
    return { ok: true, hosts };
  }
}
