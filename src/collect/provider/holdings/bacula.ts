// Bacula and Bareos: Client resources of the director's configuration, and the catalog's jobs; pure.
import type { ProviderHolding } from '../../../facts/provider-systems.js';

/** One resource of a director configuration: its type and its directives (keys lowercased, spaces removed). */
export interface DirectorResource {
  type: string;
  directives: Map<string, string>;
  /** The file and line the resource starts at, for evidence. */
  file: string;
  line: number;
}

/** Removes a `#` comment that is not inside quotes. */
function withoutComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

const unquote = (v: string): string => v.trim().replace(/^"(.*)"$/, '$1');

// The director's configuration is host text (256 KiB a file, a line as long), so these take time
// linear in the line. A name ends at its last letter: `[A-Za-z ]*?` followed by `\s*` could split a
// run of blanks in every way, the square of a line of blanks that ends in no `=` or `{`. The blanks
// after `=` are taken whole through a lookahead: given back, they only start the value earlier,
// before the same carriage return or U+2028 that made `$` fail, and reading it again each time costs
// the square of the line too.
export const RESOURCE_OPENING = /^([A-Za-z](?:[A-Za-z ]*[A-Za-z])?)\s*(?:=\s*)?\{$/;
export const DIRECTIVE = /^([A-Za-z](?:[A-Za-z ]*[A-Za-z])?)\s*=(?=(\s*))\2(.*)$/;

/**
 * The resources of one configuration file (`Client { Name = x; Address = y }`), nested blocks
 * (a Job's `Run` or a FileSet's `Include`) kept inside their resource. Directives may be split by
 * newlines or `;`.
 */
export function parseDirectorConfig(file: string, text: string): DirectorResource[] {
  const resources: DirectorResource[] = [];
  let current: DirectorResource | undefined;
  let depth = 0;
  text.split('\n').forEach((raw, index) => {
    const line = withoutComment(raw);
    for (const part of line.split(/;|(?<=\{)|(?=\})/)) {
      const piece = part.trim();
      if (piece === '') continue;
      const opening = RESOURCE_OPENING.exec(piece);
      if (opening) {
        if (depth === 0) current = { type: opening[1]!.replace(/\s+/g, '').toLowerCase(), directives: new Map(), file, line: index + 1 };
        depth++;
        continue;
      }
      if (piece === '}') {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && current) {
          resources.push(current);
          current = undefined;
        }
        continue;
      }
      const directive = DIRECTIVE.exec(piece);
      if (directive && current && depth === 1) current.directives.set(directive[1]!.replace(/\s+/g, '').toLowerCase(), unquote(directive[3]!));
    }
  });
  return resources;
}

/** Client resources as holdings: configuration that would back the client up (and the jobs that name it). */
export function clientHoldings(resources: readonly DirectorResource[]): ProviderHolding[] {
  const jobs = resources.filter((r) => r.type === 'job' || r.type === 'jobdefs');
  return resources
    .filter((r) => r.type === 'client')
    .map((client) => {
      const name = client.directives.get('name') ?? '';
      const address = client.directives.get('address') ?? '';
      const naming = jobs.filter((j) => j.directives.get('client') === name).map((j) => j.directives.get('name') ?? '?');
      return {
        kind: 'bacula-client' as const,
        copy: false,
        place: `${client.file}:${client.line} Client ${name}`,
        names: [name, address].filter((n) => n !== ''),
        detail: `Address ${address || '(none)'}${naming.length > 0 ? `; jobs ${naming.join(', ')}` : ''}`,
      };
    });
}

/** One row of the catalog's job query (sqlite3 -json). */
interface CatalogJob {
  JobId?: number;
  Job?: string;
  Name?: string;
  Client?: string | null;
  Type?: string;
  Level?: string;
  JobStatus?: string;
  StartTime?: string | null;
  EndTime?: string | null;
  JobFiles?: number;
  JobBytes?: number;
}

/** Job types that leave data on the provider's volumes: backups, copies, migrations. */
const COPY_TYPES = new Set(['B', 'C', 'c', 'M', 'g']);

/** The job rows of bconsole's `llist jobs` (one `Key: value` block per job), as the catalog query's rows. */
export function bconsoleJobRows(text: string): CatalogJob[] {
  const rows: CatalogJob[] = [];
  let row: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z]+):\s?(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'JobId') rows.push((row = {}) as unknown as CatalogJob);
    if (row) row[key] = value.trim();
  }
  return rows.map((r) => {
    const raw = r as unknown as Record<string, string>;
    return { ...raw, JobId: Number(raw.JobId), JobFiles: Number(raw.JobFiles ?? 0), JobBytes: Number(raw.JobBytes ?? 0), Client: raw.ClientName ?? null } as CatalogJob;
  });
}

/**
 * bconsole's `llist jobs` as holdings. The director's greeting (`1000 OK`) proves bconsole reached
 * it: without it, an empty list would only mean bconsole could not ask.
 */
export function parseBconsoleJobs(text: string): { ok: true; holdings: ProviderHolding[] } | { ok: false; message: string } {
  if (!/^1000 OK/m.test(text)) return { ok: false, message: 'bconsole did not reach the director (no `1000 OK` greeting)' };
  return jobHoldings('catalog (bconsole llist jobs)', bconsoleJobRows(text));
}

/**
 * The catalog's jobs as holdings. sqlite3 prints nothing at all for an empty result, so empty text
 * is no jobs; anything else must be a JSON array, or the catalog is reported as unreadable.
 */
export function parseCatalogJobs(catalog: string, text: string): { ok: true; holdings: ProviderHolding[] } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, holdings: [] };
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    return { ok: false, message: `the catalog's job list is not JSON` };
  }
  if (!Array.isArray(rows)) return { ok: false, message: `the catalog's job list is not a JSON array` };
  return jobHoldings(`catalog ${catalog}`, rows as CatalogJob[]);
}

/** Job rows as holdings: backups, copies and migrations keep data; other job types do not. */
function jobHoldings(where: string, rows: readonly CatalogJob[]): { ok: true; holdings: ProviderHolding[] } {
  const holdings: ProviderHolding[] = [];
  for (const row of rows) {
    if (!row || !COPY_TYPES.has(row.Type ?? '')) continue;
    const date = row.EndTime ?? row.StartTime ?? undefined;
    holdings.push({
      kind: 'bacula-job',
      copy: true,
      place: `${where} JobId ${row.JobId ?? '?'} (${row.Job ?? row.Name ?? '?'})`,
      ...(date ? { date } : {}),
      names: [row.Client ?? '', row.Name ?? '', row.Job ?? ''].filter((n) => n !== ''),
      detail: `client ${row.Client ?? '?'}, type ${row.Type}, level ${row.Level ?? '?'}, status ${row.JobStatus ?? '?'}, ${row.JobFiles ?? 0} files, ${row.JobBytes ?? 0} bytes`,
    });
  }
  return { ok: true, holdings };
}
