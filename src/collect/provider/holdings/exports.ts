// NFS exports and Samba shares as holdings: a share offered to a host's address is a way to copy it; pure.
import type { ProviderHolding } from '../../../facts/provider-systems.js';
import { HASH_COMMENT } from '../../../text/hash-comment.js';

// The provider system's files are host text (256 KiB a file, a line as long), so each pattern below
// takes time linear in the line. A comment is cut by HASH_COMMENT; a client's options the same way,
// at the first `(` after the line's last break (`\(.*$` read to the break from every `(`).
export const FROM_OPTIONS = /^((?:[\s\S]*[\n\r\u2028\u2029])?[^(\n\r\u2028\u2029]*)\(.*$/;
// `name = value`: the name up to its last non-blank before the first `=`, and the blanks after the `=`
// taken whole through a lookahead. `([^=]+?)\s*=\s*(.*)$` tried every split of a run of blanks (the
// square of a line of blanks without `=`) and read the rest after each (again, before a break).
export const SMB_SETTING = /^([^=]*[^=\s]|[^=])\s*=(?=(\s*))\2(.*)$/;

/** /etc/exports (and exports.d): `PATH CLIENT(OPTIONS) …`, with `\` continuations. */
export function nfsExportHoldings(file: string, text: string): ProviderHolding[] {
  const holdings: ProviderHolding[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i]!;
    const entry = line.replace(HASH_COMMENT, '$1').trim();
    if (entry === '') continue;
    const words = entry.match(/"[^"]*"|\S+/g) ?? [];
    const path = (words[0] ?? '').replace(/^"(.*)"$/, '$1');
    const clients = words.slice(1).map((w) => w.replace(FROM_OPTIONS, '$1')).filter((c) => c !== '');
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
    const kv = SMB_SETTING.exec(line);
    if (!kv || !share) return;
    const key = kv[1]!.toLowerCase().replace(/\s+/g, ' ');
    if (key === 'path') share.path = kv[3]!;
    if (key === 'hosts allow' || key === 'allow hosts') share.allow.push(...kv[3]!.split(/[\s,]+/).filter((h) => h !== ''));
  });
  flush();
  return holdings;
}
