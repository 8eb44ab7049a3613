// NFS exports and Samba shares as holdings: a share offered to a host's address is a way to copy it; pure.
import type { ProviderHolding } from '../../../facts/provider-systems.js';

/** /etc/exports (and exports.d): `PATH CLIENT(OPTIONS) …`, with `\` continuations. */
export function nfsExportHoldings(file: string, text: string): ProviderHolding[] {
  const holdings: ProviderHolding[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i]!;
    const entry = line.replace(/#.*$/, '').trim();
    if (entry === '') continue;
    const words = entry.match(/"[^"]*"|\S+/g) ?? [];
    const path = (words[0] ?? '').replace(/^"(.*)"$/, '$1');
    const clients = words.slice(1).map((w) => w.replace(/\(.*$/, '')).filter((c) => c !== '');
    holdings.push({ kind: 'nfs-export', copy: false, place: `${file}:${start + 1}`, names: [path, ...clients], detail: `exports ${path} to ${clients.join(' ') || 'everyone'}` });
  }
  return holdings;
}

/** smb.conf: each share with its `path` and `hosts allow`. */
export function smbShareHoldings(file: string, text: string): ProviderHolding[] {
  const holdings: ProviderHolding[] = [];
  let share: { name: string; line: number; path: string; allow: string[] } | undefined;
  const flush = (): void => {
    if (share && !['global', 'printers', 'print$'].includes(share.name.toLowerCase())) {
      holdings.push({ kind: 'smb-share', copy: false, place: `${file}:${share.line} [${share.name}]`, names: [share.name, share.path, ...share.allow].filter((n) => n !== ''), detail: `path ${share.path || '?'}` });
    }
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/^\s*[#;].*$/, '').trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      flush();
      share = { name: section[1]!, line: i + 1, path: '', allow: [] };
      return;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (!kv || !share) return;
    const key = kv[1]!.toLowerCase().replace(/\s+/g, ' ');
    if (key === 'path') share.path = kv[2]!;
    if (key === 'hosts allow' || key === 'allow hosts') share.allow.push(...kv[2]!.split(/[\s,]+/).filter((h) => h !== ''));
  });
  flush();
  return holdings;
}
