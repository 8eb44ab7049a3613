// rsnapshot configuration and trees, plain rsync trees and snapshot-root listings as holdings; pure.
import type { HoldingKind, ProviderHolding } from '../../../facts/provider-systems.js';

/** The `backup` lines of an rsnapshot configuration: configuration that makes copies of their sources. */
export function rsnapshotBackupLines(file: string, text: string): ProviderHolding[] {
  const holdings: ProviderHolding[] = [];
  text.split('\n').forEach((line, i) => {
    // rsnapshot separates fields with tabs only.
    const fields = line.split('\t').filter((f) => f !== '');
    if (fields[0] !== 'backup' || fields.length < 3) return;
    const [, source, dest] = fields as [string, string, string];
    holdings.push({ kind: 'rsnapshot-backup', copy: false, place: `${file}:${i + 1}`, names: [source, dest], detail: `backup ${source} to ${dest}` });
  });
  return holdings;
}

/** A listing line `MTIME\tTYPE\tPATH` (find -printf '%T@\t%y\t%p\n'). */
function listingEntry(line: string): { date: string | undefined; type: string; path: string } | undefined {
  const m = /^(\d+(?:\.\d+)?)\t(\S)\t(.+)$/.exec(line);
  if (!m) return undefined;
  const seconds = Number(m[1]);
  return { date: Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined, type: m[2]!, path: m[3]! };
}

const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() ?? path;

/**
 * Entries of a listing as kept copies: each names the host it is named after. For rsnapshot's tree
 * (`snapshot_root/<interval>.<n>/<dest>`) and a plain rsync root, only the entry's own name counts,
 * not the root's path above it.
 */
export function listingHoldings(kind: HoldingKind, text: string, root?: string): ProviderHolding[] {
  const holdings: ProviderHolding[] = [];
  for (const line of text.split('\n')) {
    const entry = listingEntry(line);
    if (!entry) continue;
    const below = root && entry.path.startsWith(root) ? entry.path.slice(root.length).replace(/^\/+/, '') : baseName(entry.path);
    holdings.push({
      kind,
      copy: true,
      place: entry.path,
      ...(entry.date ? { date: entry.date } : {}),
      names: [below],
      detail: entry.type === 'd' ? 'directory' : entry.type === 'f' ? 'file' : `type ${entry.type}`,
    });
  }
  return holdings;
}

/** rsnapshot's tree listing (depth 2 under snapshot_root): `<interval>.<n>/<dest>` entries; only `<dest>` names a host. */
export function rsnapshotTreeHoldings(text: string): ProviderHolding[] {
  return listingHoldings('rsnapshot-backup', text).map((h) => ({ ...h, names: [baseName(h.place)] }));
}
