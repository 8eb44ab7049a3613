// Where the age identity comes from: a file or an environment variable named in the inventory.
import { fileProblemReason, readBoundedText } from '../fs/bounded-file.js';
import { FILE_LIMITS } from '../fs/file-limits.js';
import type { AgeResult } from './age-tool.js';
import { Secret } from '../model/secret.js';

/** The inventory's choice of identity; neither form holds the identity itself. */
export type AgeIdentitySource = { kind: 'file'; path: string } | { kind: 'env'; name: string };

/** Names the source for messages: a path or a variable name, never its content. */
export function describeIdentity(source: AgeIdentitySource): string {
  return source.kind === 'file' ? `identity file ${source.path}` : `environment variable ${source.name}`;
}

/** Reads the identity text, wrapped; a missing file or unset variable is a message, not a throw. */
export async function readAgeIdentity(source: AgeIdentitySource, env: NodeJS.ProcessEnv = process.env): Promise<AgeResult<Secret>> {
  if (source.kind === 'env') {
    const value = env[source.name];
    if (value === undefined || value.trim() === '') return { ok: false, message: `environment variable ${source.name} holding the age identity is not set` };
    return { ok: true, value: new Secret(value.endsWith('\n') ? value : `${value}\n`) };
  }
  const read = await readBoundedText(source.path, FILE_LIMITS.ageIdentity);
  if (!read.ok) return { ok: false, message: `cannot read the age identity file ${source.path}: ${fileProblemReason(read.problem)}` };
  return { ok: true, value: new Secret(read.text) };
}
