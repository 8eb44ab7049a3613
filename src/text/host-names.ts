// The host names a mount source, repository or command line names where a host stands; pure.
//
// Both the SSH collector (which names to resolve on the host) and the backup checks (which names of
// a target resolved into a provider network) read text through this one function, so they agree.
import { isIP } from 'node:net';

/** A host name as DNS and /etc/hosts know it: letters, digits, `-` and dots, no leading `-`. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** Backend words before a `:` that are not hosts (restic `sftp:host:/r`, `rest:https://…`, `s3:…`, `b2:bucket:path`). */
const BACKENDS = new Set(['sftp', 'rest', 's3', 'b2', 'gs', 'azure', 'swift', 'rclone', 'local', 'file', 'ssh', 'borg', 'rsync', 'smb', 'cifs', 'nfs', 'nfs4']);
/** Backends whose next part is a bucket or container, never a host. */
const BUCKET_BACKENDS = new Set(['s3', 'b2', 'gs', 'azure', 'swift', 'rclone', 'local', 'file']);

/** Whether `name` is a name worth resolving: a valid host name with a letter in it, not an address nor localhost. */
export function isResolvableName(name: string): boolean {
  if (!HOST_NAME.test(name) || isIP(name) !== 0) return false;
  if (!/[A-Za-z]/.test(name)) return false;
  const lower = name.toLowerCase().replace(/\.$/, '');
  return lower !== 'localhost' && !lower.endsWith('.localhost');
}

/** The host of one word, if it names one where a host stands. */
function hostOfWord(word: string): string | undefined {
  let w = word;
  // restic/borg style prefixes: `sftp:user@host:/path`, `rest:https://host/`.
  for (;;) {
    const m = /^([a-z][a-z0-9+.-]*):(?!\/\/)(.*)$/i.exec(w);
    if (!m || !BACKENDS.has(m[1]!.toLowerCase())) break;
    if (BUCKET_BACKENDS.has(m[1]!.toLowerCase())) return undefined;
    w = m[2]!;
  }
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@\s]*@)?(\[[^\]]*\]|[^/:?#\s]+)/i.exec(w);
  if (url) return url[1];
  const unc = /^(?:\/\/|\\\\)([^/\\\s]+)[/\\]/.exec(w);
  if (unc) return unc[1];
  // A path, or an iSCSI target name (`iqn.2003-01.org.example:disk1`, `eui.…`, `naa.…`), is no host.
  if (w.startsWith('/') || /^(?:iqn|eui|naa)\./i.test(w)) return undefined;
  // [user@]host:path, host::module, user@host
  const colon = w.indexOf(':');
  const head = colon === -1 ? (w.includes('@') ? w : undefined) : w.slice(0, colon);
  if (head === undefined) return undefined;
  const at = head.lastIndexOf('@');
  return at === -1 ? head : head.slice(at + 1);
}

/**
 * The host names `text` names where a host stands: a URL's host (`sftp://u@h/`, `rest:https://h:8000/`),
 * `[user@]host:path` and `host::module` (NFS, scp, rsync, borg, restic sftp), `user@host`, and
 * `//host/share` (CIFS). Words are split at blanks, quotes, `=` and `,` (so `RESTIC_REPOSITORY=…` and
 * mount options count), and the value of a setting that holds a host alone (`host=`, `server=`,
 * `address=`, `addr=`, `endpoint=`). Only names worth resolving are kept, lower-cased, first
 * occurrence first.
 */
export function hostNamesIn(text: string): string[] {
  const out: string[] = [];
  const add = (host: string | undefined): void => {
    if (host === undefined || !isResolvableName(host)) return;
    const name = host.toLowerCase().replace(/\.$/, '');
    if (!out.includes(name)) out.push(name);
  };
  for (const word of text.split(/[\s"'=,;()|&<>`]+/)) if (word !== '') add(hostOfWord(word));
  // Settings that hold a host alone (rclone `host=`, Bacula `Address =`, mount `addr=`, `server=`).
  for (const m of text.matchAll(/(?:^|[\s,;"'])(?:host|hostname|server|address|addr|endpoint)\s*=\s*["']?([^\s"',;]+)/gi)) {
    const value = m[1]!;
    add(hostOfWord(value) ?? value.replace(/:\d+$/, ''));
  }
  return out;
}
