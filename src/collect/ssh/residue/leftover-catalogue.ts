// The provisioning-leftover catalogue: which files to read on a host and which credential patterns to judge in them.
import { z } from 'zod';
import { loadCatalogue } from '../../../catalogue/load-catalogue.js';
import { globMatches } from '../../../text/glob.js';

// Globs are written into the collecting script: only characters that need no quoting.
const SAFE_GLOB = /^\/[A-Za-z0-9_./*?-]+$/;
const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

const FileSchema = z.union([
  z.strictObject({ glob: z.string().regex(SAFE_GLOB), kind: z.string().min(1) }),
  z.strictObject({ home: z.string().regex(SAFE_NAME), kind: z.string().min(1) }),
]);
const PatternSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kinds: z.array(z.string().min(1)).min(1),
  regex: z.string().refine((r) => {
    try {
      new RegExp(r, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression'),
  label: z.string().min(1),
});
const CatalogueSchema = z.strictObject({ files: z.array(FileSchema).min(1), patterns: z.array(PatternSchema).min(1) });

/** A credential pattern ready to run. */
export interface CredentialPattern {
  id: string;
  kinds: ReadonlySet<string>;
  regex: RegExp;
  label: string;
}

/** The catalogue, validated, with patterns compiled. */
export interface LeftoverCatalogue {
  systemFiles: Array<{ glob: string; kind: string }>;
  homeFiles: Array<{ name: string; kind: string }>;
  patterns: CredentialPattern[];
}

let cached: LeftoverCatalogue | undefined;

/** catalogue/residue-leftovers.yaml; a broken catalogue is a packaging bug and throws. */
export function leftoverCatalogue(): LeftoverCatalogue {
  if (cached) return cached;
  const data = loadCatalogue('residue-leftovers', CatalogueSchema);
  cached = {
    systemFiles: data.files.flatMap((f) => ('glob' in f ? [{ glob: f.glob, kind: f.kind }] : [])),
    homeFiles: data.files.flatMap((f) => ('home' in f ? [{ name: f.home, kind: f.kind }] : [])),
    patterns: data.patterns.map((p) => ({ id: p.id, kinds: new Set(p.kinds), regex: new RegExp(p.regex, 'i'), label: p.label })),
  };
  return cached;
}


/** The kind of a collected file: the first catalogue entry whose glob (or home file name) matches its path. */
export function kindOfPath(catalogue: LeftoverCatalogue, path: string): string {
  for (const f of catalogue.systemFiles) if (globMatches(f.glob, path, { pathParts: true })) return f.kind;
  const base = path.slice(path.lastIndexOf('/') + 1);
  for (const f of catalogue.homeFiles) if (f.name === base) return f.kind;
  return 'other';
}
