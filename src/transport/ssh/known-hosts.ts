// OpenSSH known_hosts: parsing, host matching and the one write we ever make (appending a
// newly accepted key). Parsing and matching are pure; reading and appending are the I/O.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, stat } from 'node:fs/promises';
import { fileProblemReason, readBoundedText } from '../../fs/bounded-file.js';
import { FILE_LIMITS } from '../../fs/file-limits.js';
import { dirname } from 'node:path';
import { decodeKeyBlob, keyTypeOfBlob } from '../../ssh-keys/fingerprint.js';

/** How a line names its hosts: OpenSSH patterns, or a salted HMAC-SHA1 of one name (`|1|salt|hash`). */
export type KnownHostsNames =
  | { kind: 'patterns'; patterns: string[] }
  | { kind: 'hashed'; salt: Buffer; hash: Buffer };

/** One usable known_hosts line. `marker` is set for `@cert-authority` and `@revoked` lines. */
export interface KnownHostsEntry {
  line: number;
  marker: 'cert-authority' | 'revoked' | undefined;
  names: KnownHostsNames;
  keyType: string;
  blob: Buffer;
}

/** A parsed known_hosts file; `skippedLines` lists lines that were neither entries nor comments. */
export interface KnownHosts {
  entries: KnownHostsEntry[];
  skippedLines: number[];
}

/** The name a host is recorded under: the bare address for port 22, `[address]:port` otherwise. */
export function knownHostsName(address: string, port: number): string {
  const name = address.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** Parses known_hosts text; malformed lines are skipped (and listed), never fatal. */
export function parseKnownHosts(text: string): KnownHosts {
  const entries: KnownHostsEntry[] = [];
  const skippedLines: number[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] ?? '').replace(/\r$/, '').trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const entry = parseLine(raw, index + 1);
    if (entry) entries.push(entry);
    else skippedLines.push(index + 1);
  }
  return { entries, skippedLines };
}

function parseLine(raw: string, line: number): KnownHostsEntry | undefined {
  const fields = raw.split(/[ \t]+/);
  let marker: KnownHostsEntry['marker'];
  if (fields[0]?.startsWith('@')) {
    const name = fields.shift();
    if (name === '@cert-authority') marker = 'cert-authority';
    else if (name === '@revoked') marker = 'revoked';
    else return undefined;
  }
  const [hostsField, keyType, base64] = fields;
  if (hostsField === undefined || keyType === undefined || base64 === undefined) return undefined;
  const names = parseNames(hostsField);
  const blob = decodeKeyBlob(keyType, base64);
  if (!names || !blob) return undefined;
  return { line, marker, names, keyType, blob };
}

function parseNames(field: string): KnownHostsNames | undefined {
  if (field.startsWith('|')) {
    const m = /^\|1\|([A-Za-z0-9+/]+={0,2})\|([A-Za-z0-9+/]+={0,2})$/.exec(field);
    if (!m) return undefined;
    const salt = Buffer.from(m[1] ?? '', 'base64');
    const hash = Buffer.from(m[2] ?? '', 'base64');
    return salt.length === 20 && hash.length === 20 ? { kind: 'hashed', salt, hash } : undefined;
  }
  const patterns = field.split(',').filter((p) => p !== '' && p !== '!');
  return patterns.length > 0 ? { kind: 'patterns', patterns } : undefined;
}

/** True when `names` covers `name` (as built by knownHostsName), with OpenSSH's `*`, `?` and `!` rules. */
export function namesMatch(names: KnownHostsNames, name: string): boolean {
  if (names.kind === 'hashed') {
    const hmac = createHmac('sha1', names.salt).update(name).digest();
    return timingSafeEqual(hmac, names.hash);
  }
  let positive = false;
  for (const pattern of names.patterns) {
    const negated = pattern.startsWith('!');
    const body = (negated ? pattern.slice(1) : pattern).toLowerCase();
    if (!globMatch(body, name)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

// Lookup index per parsed file: entries naming literal hosts are found by name; only hashed
// and wildcard entries are scanned. A fleet scan looks up thousands of names in one file.
interface HostIndex {
  byName: Map<string, KnownHostsEntry[]>;
  scanned: KnownHostsEntry[];
}
const indexes = new WeakMap<KnownHosts, HostIndex>();

function indexOf(knownHosts: KnownHosts): HostIndex {
  let index = indexes.get(knownHosts);
  if (index) return index;
  index = { byName: new Map(), scanned: [] };
  for (const entry of knownHosts.entries) {
    const names = entry.names;
    if (names.kind === 'hashed' || names.patterns.some((p) => /[*?!]/.test(p))) {
      index.scanned.push(entry);
      continue;
    }
    for (const name of new Set(names.patterns.map((p) => p.toLowerCase()))) {
      const list = index.byName.get(name);
      if (list) list.push(entry);
      else index.byName.set(name, [entry]);
    }
  }
  indexes.set(knownHosts, index);
  return index;
}

/** All entries (any marker) whose names cover `name`, in file order. */
export function entriesForHost(knownHosts: KnownHosts, name: string): KnownHostsEntry[] {
  const index = indexOf(knownHosts);
  const found = [...(index.byName.get(name) ?? []), ...index.scanned.filter((entry) => namesMatch(entry.names, name))];
  return found.sort((a, b) => a.line - b.line);
}

/** The line to append for a newly accepted key, newline included. */
export function formatKnownHostsLine(name: string, blob: Buffer): string {
  const type = keyTypeOfBlob(blob) ?? 'unknown';
  return `${name} ${type} ${blob.toString('base64')}\n`;
}

// Iterative glob match (`*` any run, `?` one character): linear in practice, no regex backtracking.
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === '*') {
      star = p++;
      resume = t;
    } else if (c !== undefined && (c === '?' || c === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** known_hosts as read from disk; a missing file reads as empty with `missing` set. */
export interface KnownHostsFile extends KnownHosts {
  missing: boolean;
  /** Whether the text ends without a newline, so an append must start a new line first. */
  needsNewline: boolean;
}

// Parsed files by path, reused while the file's identity, size and times are unchanged: every
// connection consults known_hosts, and re-reading a large one per host would cost O(hosts^2).
const parsedFiles = new Map<string, { version: string; file: Promise<KnownHostsFile> }>();

/** Reads and parses a known_hosts file; rejects with the errno code when it exists but cannot be read. */
export async function readKnownHostsFile(path: string): Promise<KnownHostsFile> {
  let version: string;
  try {
    const s = await stat(path);
    version = `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { entries: [], skippedLines: [], missing: true, needsNewline: false };
    }
    throw error;
  }
  const cached = parsedFiles.get(path);
  if (cached && cached.version === version) return cached.file;
  const file = readBoundedText(path, FILE_LIMITS.knownHosts).then((read): KnownHostsFile => {
    // The caller names the file and shows `code`: the errno, or what is wrong with the file.
    if (!read.ok) throw Object.assign(new Error(fileProblemReason(read.problem)), { code: fileProblemReason(read.problem) });
    return { ...parseKnownHosts(read.text), missing: false, needsNewline: read.text !== '' && !read.text.endsWith('\n') };
  });
  parsedFiles.set(path, { version, file });
  file.catch(() => {
    if (parsedFiles.get(path)?.file === file) parsedFiles.delete(path);
  });
  return file;
}

/**
 * Appends one line with a single O_APPEND write, so hosts accepted concurrently by parallel
 * connections never interleave inside a line. Creates the file (0600) and its directory (0700).
 */
export async function appendKnownHostsLine(path: string, line: string, needsNewline: boolean): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const data = Buffer.from(needsNewline ? `\n${line}` : line, 'utf8');
  const handle = await open(path, 'a', 0o600);
  try {
    const { bytesWritten } = await handle.write(data, 0, data.length);
    if (bytesWritten !== data.length) throw new Error(`short write (${bytesWritten} of ${data.length} bytes)`);
  } finally {
    await handle.close();
  }
}
