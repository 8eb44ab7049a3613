// The backup software catalogue (catalogue/backup-software.yaml): what backup products leave on a host.
import { z } from 'zod';
import { loadCatalogue } from './load-catalogue.js';

// Everything here is spliced into the collecting shell script: only characters that need no quoting.
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/, 'must be a plain name (A-Z a-z 0-9 . _ + -)');
const path = z.string().regex(/^\/[A-Za-z0-9._+@%=,:/*-]{1,200}$/, 'must be an absolute path without spaces or quotes');
const nameOrPath = z.union([name, path]);

/** One backup product and every trace it can leave. */
export const BackupProductSchema = z.strictObject({
  id: name,
  name: z.string().min(1).max(100),
  packages: z.array(name).default([]),
  binaries: z.array(nameOrPath).default([]),
  units: z.array(name).default([]),
  processes: z.array(name).default([]),
  configs: z.array(path).default([]),
});

/** catalogue/backup-software.yaml. */
export const BackupCatalogueSchema = z.strictObject({
  version: z.literal(1),
  binaryDirs: z.array(path).min(1),
  software: z.array(BackupProductSchema).min(1),
});

/** A validated backup catalogue. */
export type BackupCatalogue = z.infer<typeof BackupCatalogueSchema>;
/** One product of the catalogue. */
export type BackupProduct = z.infer<typeof BackupProductSchema>;

/** The shipped catalogue, read once per process. */
export function backupCatalogue(): BackupCatalogue {
  return loadCatalogue('backup-software', BackupCatalogueSchema);
}

/** The last path component: how a binary path is named in a command line. */
export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** The kernel's process name for an executable name: /proc/<pid>/comm keeps 15 bytes. */
export function commName(process: string): string {
  return process.slice(0, 15);
}
