// `fleetcheck secrets init|set|list|import`: manage the store the inventory names. Values are
// read from stdin or a no-echo prompt and never printed; `list` shows keys and account names only.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isCalendarDate } from '../inventory/calendar-date.js';
import { fileProblemReason, readBoundedText } from '../fs/bounded-file.js';
import { FILE_LIMITS } from '../fs/file-limits.js';
import { formatInventoryIssue } from '../inventory/inventory-issue.js';
import { loadInventory } from '../inventory/load-inventory.js';
import type { Inventory, SecretsSource } from '../inventory/types.js';
import { ageGenerateIdentity } from '../secrets/age-tool.js';
import { describeKeys, mergeDocuments, setSecret, setSystemSecret, type SecretSlot } from '../secrets/edit-document.js';
import { invalidDates } from '../secrets/document-dates.js';
import { parseImport } from '../secrets/parse-import.js';
import type { SecretsDocument } from '../secrets/secrets-document.js';
import { withStoreLock } from '../secrets/store-lock.js';
import { isWritable, readStoreDocument, writeStoreDocument, type WritableSource } from '../secrets/store-document-io.js';
import { printableLine } from '../text/sanitize.js';
import { ExitCode } from './exit-codes.js';
import { readSecretValue } from './secrets-prompt.js';
import { configError, usageError } from './usage-error.js';

/** Where a secrets command reads and writes; the CLI entry passes the process's streams. */
export interface SecretsIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

async function inventoryAt(file: string): Promise<Inventory> {
  const loaded = await loadInventory(file);
  if (!loaded.ok) throw configError(loaded.issues.map(formatInventoryIssue).join('\n'));
  return loaded.inventory;
}

function writable(source: SecretsSource, what: string): WritableSource {
  if (isWritable(source)) return source;
  const tool = source.kind === 'pass' ? 'pass insert' : 'your secret helper';
  throw usageError(`secrets ${what} writes age and file stores; this inventory uses a ${source.kind} store: use ${tool}`);
}

/** Reads, changes and rewrites the store holding its lock (`<store>.lock`), so no concurrent change is lost; a held lock is exit 78. */
async function updateStore(source: WritableSource, change: (doc: SecretsDocument) => SecretsDocument): Promise<void> {
  const done = await withStoreLock(source.path, async () => {
    const doc = await readStoreDocument(source);
    if (!doc.ok) return doc;
    return writeStoreDocument(source, change(doc.value));
  });
  if (!done.ok) throw configError(done.message);
  if (!done.value.ok) throw configError(done.value.message);
}

/** `secrets init`: creates an empty store, and a file identity (mode 0600) when the inventory names one that is missing. */
export async function secretsInit(flags: { inventory: string }, io: SecretsIo): Promise<ExitCode> {
  const source = writable((await inventoryAt(flags.inventory)).secrets, 'init');
  if (existsSync(source.path)) throw usageError(`${source.path} already exists; \`fleetcheck secrets set\` or \`import\` change it`);
  if (source.kind === 'age' && source.identity.kind === 'file' && !existsSync(source.identity.path)) {
    const identity = await ageGenerateIdentity();
    if (!identity.ok) throw configError(identity.message);
    await writeFile(source.identity.path, identity.value.reveal(), { mode: 0o600, flag: 'wx' });
    io.stdout.write(`created age identity ${source.identity.path} (mode 0600; keep a copy somewhere safe)\n`);
  }
  const written = await writeStoreDocument(source, { hosts: {} });
  if (!written.ok) throw configError(written.message);
  io.stdout.write(`created empty secret store ${source.path}\n`);
  return ExitCode.Compliant;
}

/** Parses the `what` words of `secrets set KEY WHAT…` into a slot. */
export function slotOf(words: readonly string[], options: { privilege?: string; handover?: string }): SetSlot {
  const [kind, name] = words;
  const handover = options.handover;
  if (handover !== undefined && !isCalendarDate(handover)) throw usageError(`--handover '${printableLine(handover, 40)}' is not a calendar date: expected one like 2026-01-02`);
  switch (kind) {
    case 'bmc': {
      if (!name) throw usageError('secrets set KEY bmc USER: name the BMC account');
      const p = options.privilege;
      if (p !== undefined && !['user', 'operator', 'administrator'].includes(p)) throw usageError('--privilege must be user, operator or administrator');
      return { kind: 'bmc', user: name, ...(p ? { privilege: p as 'user' | 'operator' | 'administrator' } : {}) };
    }
    case 'bios':
      return { kind: 'bios' };
    case 'os':
      if (!name) throw usageError('secrets set KEY os USER: name the OS account');
      return { kind: 'os', user: name, ...(handover ? { handover } : {}) };
    case 'disk':
      if (!name) throw usageError('secrets set KEY disk DEVICE: name the disk');
      return { kind: 'disk', device: name, ...(handover ? { handover } : {}) };
    case 'repository':
      if (!name || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(name)) throw usageError('secrets set SYSTEM repository NAME: name the repository password like restic-main');
      return { kind: 'repository', name };
    default:
      throw usageError(`secrets set: expected bmc USER, bios, os USER, disk DEVICE or repository NAME, got '${kind ?? ''}'`);
  }
}

/** A `secrets set` slot: one of a host's, or a provider system's repository password. */
export type SetSlot = SecretSlot | { kind: 'repository'; name: string };

/** `secrets set KEY WHAT [NAME]`: stores one value read from stdin or a prompt. */
export async function secretsSet(key: string, words: string[], flags: { inventory: string; privilege?: string; handover?: string }, io: SecretsIo): Promise<ExitCode> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(key)) throw usageError('KEY must be a host name or secrets key like a3-01');
  const slot = slotOf(words, flags);
  const source = writable((await inventoryAt(flags.inventory)).secrets, 'set');
  // Fail early on a store that cannot be read, before asking for the value.
  const before = await readStoreDocument(source);
  if (!before.ok) throw configError(before.message);
  const value = await readSecretValue(io.stdin, io.stderr, `secret for ${key} ${words.join(' ')}`);
  if (!value.ok) throw usageError(value.message);
  // A repository password belongs to the provider system KEY (`systems.KEY.NAME`), not to a host.
  await updateStore(source, (doc) => (slot.kind === 'repository' ? setSystemSecret(doc, key, slot.name, value.value.reveal()) : setSecret(doc, key, slot, value.value.reveal())));
  io.stdout.write(`stored ${words.join(' ')} for ${key} in ${source.path}\n`);
  return ExitCode.Compliant;
}

/** Keys of a pass store: the .gpg files under the prefix, never decrypted. */
function passKeys(source: Extract<SecretsSource, { kind: 'pass' }>): string[] {
  const root = join(source.dir ?? join(process.env['HOME'] ?? '/root', '.password-store'), source.prefix);
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const hosts = readdirSync(root).filter((f) => f.endsWith('.gpg')).map((f) => relative(root, join(root, f)).replace(/\.gpg$/, '')).sort();
  // Repository passwords of provider systems live under `systems/<system>/<name>` (host keys hold no `/`).
  const systemsDir = join(root, 'systems');
  const systems = existsSync(systemsDir) && statSync(systemsDir).isDirectory() ? readdirSync(systemsDir).sort() : [];
  const lines = systems
    .filter((system) => statSync(join(systemsDir, system)).isDirectory())
    .map((system) => {
      const names = readdirSync(join(systemsDir, system)).filter((f) => f.endsWith('.gpg')).map((f) => f.replace(/\.gpg$/, '')).sort();
      return `system ${system}  repositories: ${names.join(', ') || '-'}`;
    });
  return [...hosts, ...lines];
}

/** Longest line `secrets list` prints: keys and names come from a file anyone with write access shaped. */
const MAX_LIST_LINE = 2000;

/** `secrets list`: each key with the account names it holds; never a value. Names are made printable: one key, one line. */
export async function secretsList(flags: { inventory: string }, io: SecretsIo): Promise<ExitCode> {
  const source = (await inventoryAt(flags.inventory)).secrets;
  if (source.kind === 'pass') {
    for (const key of passKeys(source)) io.stdout.write(`${printableLine(key, MAX_LIST_LINE)}\n`);
    return ExitCode.Compliant;
  }
  if (source.kind === 'command') throw usageError('secrets list cannot enumerate a command store; ask your secret helper');
  const doc = await readStoreDocument(source);
  if (!doc.ok) throw configError(doc.message);
  for (const line of describeKeys(doc.value)) io.stdout.write(`${printableLine(line, MAX_LIST_LINE)}\n`);
  return ExitCode.Compliant;
}

/** `secrets import FILE`: merges a CSV or YAML of initial credentials into the store. */
export async function secretsImport(file: string, flags: { inventory: string }, io: SecretsIo): Promise<ExitCode> {
  const source = writable((await inventoryAt(flags.inventory)).secrets, 'import');
  // Bounded: a device or FIFO given by mistake (/dev/zero) is refused before a byte is read.
  const read = await readBoundedText(file, FILE_LIMITS.secretsImport);
  if (!read.ok) throw usageError(`cannot read ${printableLine(file)}: ${fileProblemReason(read.problem)}`);
  const incoming = parseImport(read.text, file);
  if (!incoming.ok) throw usageError(incoming.message);
  const badDates = invalidDates(incoming.value);
  if (badDates.length > 0) throw configError(`${file}: ${badDates.map((p) => `${p} is not a calendar date`).join('; ')}; nothing was imported`);
  await updateStore(source, (doc) => mergeDocuments(doc, incoming.value));
  io.stdout.write(`imported ${Object.keys(incoming.value.hosts).length} host(s) into ${source.path}; delete ${file} now (it holds plaintext)\n`);
  return ExitCode.Compliant;
}
