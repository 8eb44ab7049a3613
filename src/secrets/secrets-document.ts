// The plaintext layout every secret backend stores: per host, the initial BMC accounts, the BIOS
// password, and the OS credentials and disk passphrases the provider still holds.
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { Secret } from '../model/secret.js';
import type { HostSecrets } from '../facts/host-secrets.js';

const AccountSchema = z.strictObject({
  user: z.string().min(1).max(16),
  password: z.string(),
  privilege: z.enum(['user', 'operator', 'administrator']).default('administrator'),
});
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One host's entry, as written in the store. */
export const HostEntrySchema = z.strictObject({
  bmc: z.strictObject({ accounts: z.array(AccountSchema) }).optional(),
  bios: z.strictObject({ password: z.string() }).optional(),
  os: z.array(z.strictObject({ user: z.string().min(1), password: z.string(), handover: IsoDate.optional() })).optional(),
  disks: z.array(z.strictObject({ device: z.string().min(1), passphrase: z.string(), handover: IsoDate.optional() })).optional(),
});

/** A host's entry as plain data (values unwrapped): what `secrets set/import` edit before encrypting. */
export type HostEntry = z.input<typeof HostEntrySchema>;

/** A provider system's entry: repository passwords by name (`systems.backup01.restic-main`). */
export const SystemEntrySchema = z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/), z.string());

/** The whole document: `hosts: {<key>: <entry>}`, and `systems: {<system>: {<name>: <password>}}` for the provider's own repositories. */
export const DocumentSchema = z.strictObject({ hosts: z.record(z.string(), HostEntrySchema), systems: z.record(z.string(), SystemEntrySchema).optional() });

/** The plain document: what an empty store starts as and what the CLI rewrites. */
export type SecretsDocument = { hosts: Record<string, HostEntry>; systems?: Record<string, Record<string, string>> };

/** A parsed document or a message that never quotes a value. */
export type DocumentResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The path of the first problem only: zod's messages and YAML's may echo the (secret) value. */
function firstProblemPath(error: z.ZodError): string {
  return error.issues[0]?.path.join('.') ?? '';
}

/** Wraps one entry's values in Secret. */
export function hostSecretsOf(entry: z.output<typeof HostEntrySchema>): HostSecrets {
  return {
    bmcAccounts: (entry.bmc?.accounts ?? []).map((a) => ({ user: a.user, password: new Secret(a.password), privilege: a.privilege })),
    ...(entry.bios ? { biosPassword: new Secret(entry.bios.password) } : {}),
    osCredentials: (entry.os ?? []).map((o) => ({ user: o.user, password: new Secret(o.password), ...(o.handover ? { handover: o.handover } : {}) })),
    diskPassphrases: (entry.disks ?? []).map((d) => ({ device: d.device, passphrase: new Secret(d.passphrase), ...(d.handover ? { handover: d.handover } : {}) })),
  };
}

/** Parses the plain YAML document; `what` names its origin in messages (a path, never a value). */
export function parseSecretsDocument(text: string, what: string): DocumentResult<SecretsDocument> {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return { ok: false, message: `${what} is not valid YAML` };
  }
  if (data === null || data === undefined) return { ok: true, value: { hosts: {} } };
  const parsed = DocumentSchema.safeParse(data);
  if (!parsed.success) return { ok: false, message: `${what} has an invalid entry at '${firstProblemPath(parsed.error)}'` };
  return { ok: true, value: data as SecretsDocument };
}

/** The document as a map of host key to wrapped secrets. */
export function hostsOf(doc: SecretsDocument): Map<string, HostSecrets> {
  const hosts = new Map<string, HostSecrets>();
  for (const [key, entry] of Object.entries(doc.hosts)) hosts.set(key, hostSecretsOf(HostEntrySchema.parse(entry)));
  return hosts;
}

/** The repository passwords of a document, by `system/name`, wrapped. */
export function systemSecretsOf(doc: SecretsDocument): Map<string, Secret> {
  const held = new Map<string, Secret>();
  for (const [system, entry] of Object.entries(doc.systems ?? {})) for (const [name, value] of Object.entries(entry)) held.set(`${system}/${name}`, new Secret(value));
  return held;
}

/** Reads one host's entry as YAML: the text as written, and the same validated with defaults filled in. */
function readHostEntry(text: string, what: string): DocumentResult<{ written: HostEntry; valid: z.infer<typeof HostEntrySchema> }> {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    // The parser's message can quote the offending line, which may hold a secret.
    return { ok: false, message: `${what} is not valid YAML` };
  }
  const parsed = HostEntrySchema.safeParse(data ?? {});
  if (!parsed.success) return { ok: false, message: `${what} has an invalid entry at '${firstProblemPath(parsed.error)}'` };
  return { ok: true, value: { written: (data ?? {}) as HostEntry, valid: parsed.data } };
}

/** Parses one host's entry on its own (the pass and command backends hold one entry per key). */
export function parseHostEntry(text: string, what: string): DocumentResult<HostSecrets> {
  const entry = readHostEntry(text, what);
  return entry.ok ? { ok: true, value: hostSecretsOf(entry.value.valid) } : entry;
}

/** Serialises a document for encryption; the text holds plaintext values and must only go to a backend's stdin. */
export function renderSecretsDocument(doc: SecretsDocument): string {
  return `# fleetcheck secret store (plaintext only inside the encrypted file)\n${stringify(doc)}`;
}

/** One host's entry as plain data (a pass entry's text), for rewriting it; messages never quote a value. */
export function parsePlainHostEntry(text: string, what: string): DocumentResult<HostEntry> {
  const entry = readHostEntry(text, what);
  return entry.ok ? { ok: true, value: entry.value.written } : entry;
}

/** Serialises one host's entry (a pass entry); plaintext, for a backend's stdin only. */
export function renderHostEntry(entry: HostEntry): string {
  return stringify(entry);
}
