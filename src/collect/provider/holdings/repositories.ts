// restic snapshots and borg archives as holdings, from the tools' own JSON; pure.
import type { ProviderHolding } from '../../../facts/provider-systems.js';

/** A parsed repository listing, or why its output could not be used. */
export type RepositoryListing = { ok: true; holdings: ProviderHolding[] } | { ok: false; message: string };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** `restic snapshots --json`: an array of snapshots with time, hostname, paths, tags, id. */
export function parseResticSnapshots(repository: string, text: string): RepositoryListing {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'restic printed no JSON snapshot list' };
  }
  if (!Array.isArray(data)) return { ok: false, message: 'restic printed no JSON snapshot list' };
  return {
    ok: true,
    holdings: data.map((s: Record<string, unknown>) => {
      const paths = strings(s.paths);
      const hostname = typeof s.hostname === 'string' ? s.hostname : '';
      const id = typeof s.short_id === 'string' ? s.short_id : typeof s.id === 'string' ? s.id.slice(0, 8) : '?';
      return {
        kind: 'restic-snapshot' as const,
        copy: true,
        place: `${repository} snapshot ${id}`,
        ...(typeof s.time === 'string' ? { date: s.time } : {}),
        names: [hostname, ...paths, ...strings(s.tags)].filter((n) => n !== ''),
        detail: `host ${hostname || '?'}, paths ${paths.join(' ') || '-'}`,
      };
    }),
  };
}

/** `borg list --json --format '{hostname}{username}{comment}{command_line}'`: archives with name, start, hostname, command line. */
export function parseBorgArchives(repository: string, text: string): RepositoryListing {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'borg printed no JSON archive list' };
  }
  const archives = (data as { archives?: unknown })?.archives;
  if (!Array.isArray(archives)) return { ok: false, message: 'borg printed no JSON archive list' };
  return {
    ok: true,
    holdings: archives.map((a: Record<string, unknown>) => {
      const name = typeof a.name === 'string' ? a.name : typeof a.archive === 'string' ? a.archive : '?';
      const hostname = typeof a.hostname === 'string' ? a.hostname : '';
      const date = typeof a.start === 'string' ? a.start : typeof a.time === 'string' ? a.time : undefined;
      return {
        kind: 'borg-archive' as const,
        copy: true,
        place: `${repository}::${name}`,
        ...(date ? { date } : {}),
        names: [name, hostname, ...strings(a.comment), ...strings(a.command_line)].filter((n) => n !== ''),
        detail: `made on ${hostname || '?'}`,
      };
    }),
  };
}
