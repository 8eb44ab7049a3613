// Catalogues (backup software, vendor default credentials, …) are data files under catalogue/, not code.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { packageRoot } from '../package-root.js';

const cache = new Map<string, unknown>();

/**
 * Reads and validates `catalogue/<name>.yaml` once per process. A broken catalogue is a packaging
 * bug, not an operator error, so it throws with the file and the first problem's path.
 */
export function loadCatalogue<S extends z.ZodType>(name: string, schema: S): z.infer<S> {
  if (cache.has(name)) return cache.get(name) as z.infer<S>;
  const url = new URL(`catalogue/${name}.yaml`, packageRoot());
  const parsed = schema.safeParse(parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`catalogue/${name}.yaml: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  cache.set(name, parsed.data);
  return parsed.data;
}
