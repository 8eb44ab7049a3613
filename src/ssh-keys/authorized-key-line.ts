// Parses one line of an authorized_keys file the way sshd reads it: options, key type, key, comment.
import { decodeKeyBlob, fingerprintOfBlob } from './fingerprint.js';

/** A key found on an authorized_keys line, identified by fingerprint whatever its options or comment. */
export interface AuthorizedKey {
  type: string;
  fingerprint: string;
  /** Option names only (e.g. `from`, `command`, `cert-authority`); values may hold secrets or hostile text. */
  options: string[];
  comment: string;
}

const KEY_TYPE = /^(ssh-ed25519|ssh-rsa|rsa-sha2-256|rsa-sha2-512|ssh-dss|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com|ssh-xmss@openssh\.com)(-cert-v01@openssh\.com)?$/;

/**
 * sshd also reads an RSA key written under a signature algorithm's name (`rsa-sha2-512 AAAAB3…`):
 * the blob inside still says `ssh-rsa`, and that is what the key is.
 */
function canonicalKeyType(type: string): string {
  return type.replace(/^rsa-sha2-(256|512)(?=$|-cert-v01@openssh\.com$)/, 'ssh-rsa');
}

/** Splits an options field on commas that are outside double quotes, as sshd's auth-options.c does. */
function splitOptions(field: string): string[] | undefined {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (c === '\\' && quoted && field[i + 1] === '"') {
      current += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === ',' && !quoted) {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (quoted) return undefined;
  out.push(current);
  return out;
}

/** Reads the leading options field, which ends at the first whitespace outside double quotes. */
function takeOptionsField(line: string): { field: string; rest: string } | undefined {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && quoted) {
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      return { field: line.slice(0, i), rest: line.slice(i).trimStart() };
    }
  }
  return undefined;
}

/** True for a line sshd skips outright: blank, or a comment. */
export function isBlankOrComment(rawLine: string): boolean {
  const line = rawLine.trim();
  return line === '' || line.startsWith('#');
}

/** The key on one authorized_keys line, or undefined for blank lines, comments and lines sshd would reject. */
export function parseAuthorizedKeyLine(rawLine: string): AuthorizedKey | undefined {
  const line = rawLine.replace(/\r$/, '').trim();
  if (line === '' || line.startsWith('#')) return undefined;
  let options: string[] = [];
  let rest = line;
  const firstToken = line.split(/[ \t]+/, 1)[0]!;
  if (!KEY_TYPE.test(firstToken)) {
    const taken = takeOptionsField(line);
    if (!taken) return undefined;
    const parsed = splitOptions(taken.field);
    if (!parsed) return undefined;
    options = parsed.map((o) => o.split('=', 1)[0]!.toLowerCase());
    rest = taken.rest;
  }
  const [written, base64, ...commentParts] = rest.split(/[ \t]+/);
  if (!written || !base64 || !KEY_TYPE.test(written)) return undefined;
  const type = canonicalKeyType(written);
  const blob = decodeKeyBlob(type, base64);
  if (!blob) return undefined;
  return { type, fingerprint: fingerprintOfBlob(blob), options, comment: commentParts.join(' ') };
}
