// Reads and rewrites the whole plaintext document of a writable store (age or plain file), for
// `fleetcheck secrets`. The plaintext exists only in memory and on age's stdin.
import { fileProblemReason, readBoundedText } from '../fs/bounded-file.js';
import { FILE_LIMITS } from '../fs/file-limits.js';
import { writeFileAtomic } from '../fs/atomic-file.js';
import type { SecretsSource } from '../inventory/types.js';
import { readAgeIdentity } from './age-identity.js';
import { readAgeDocument } from './age-store.js';
import { ageEncrypt, ageRecipientsOf } from './age-tool.js';
import { parseSecretsDocument, renderSecretsDocument, type DocumentResult, type SecretsDocument } from './secrets-document.js';
import { Secret } from '../model/secret.js';

/** The stores `fleetcheck secrets` can write; pass and helpers are written with their own tools. */
export type WritableSource = Extract<SecretsSource, { kind: 'age' | 'file' }>;

/** Whether the inventory's store is one fleetcheck writes itself. */
export function isWritable(source: SecretsSource): source is WritableSource {
  return source.kind === 'age' || source.kind === 'file';
}

/** The store's document; an absent file is an error (run `secrets init`). */
export async function readStoreDocument(source: WritableSource): Promise<DocumentResult<SecretsDocument>> {
  if (source.kind === 'age') return readAgeDocument(source.path, source.identity);
  const read = await readBoundedText(source.path, FILE_LIMITS.secretStore);
  if (!read.ok) return { ok: false, message: `cannot read secrets file ${source.path}: ${fileProblemReason(read.problem)}` };
  return parseSecretsDocument(read.text, `secrets file ${source.path}`);
}

/** Replaces the store with `doc`: encrypted to the identity's own recipient plus the inventory's, written 0600 beside it, fsynced and renamed into place. */
export async function writeStoreDocument(source: WritableSource, doc: SecretsDocument): Promise<DocumentResult<void>> {
  const plaintext = new Secret(renderSecretsDocument(doc));
  let bytes: Buffer;
  if (source.kind === 'age') {
    const identity = await readAgeIdentity(source.identity);
    if (!identity.ok) return identity;
    const own = await ageRecipientsOf(identity.value);
    if (!own.ok) return own;
    const encrypted = await ageEncrypt(plaintext, [...new Set([...own.value, ...source.recipients])]);
    if (!encrypted.ok) return encrypted;
    bytes = encrypted.value;
  } else {
    bytes = Buffer.from(plaintext.reveal(), 'utf8');
  }
  try {
    // A temporary file beside the store, fsynced, then renamed over it: a crash leaves the old store or the new one.
    await writeFileAtomic(source.path, bytes, { mode: 0o600 });
  } catch (err) {
    return { ok: false, message: `cannot write ${source.path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  return { ok: true, value: undefined };
}
