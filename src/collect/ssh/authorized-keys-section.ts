// Collects every file sshd would read keys from (authorized_keys, AuthorizedKeysFile, CA keys, principals) and parses it.
import { isBlankOrComment, parseAuthorizedKeyLine, type AuthorizedKey } from '../../ssh-keys/authorized-key-line.js';
import { decodeName } from './name-framing.js';
import { firstWord, parseFramed } from './section-framing.js';
import { sshdAuthScript } from './residue/sshd-auth-script.js';
import type { SshSection } from './ssh-section.js';
import type { AuthorizedKeysFact, AuthorizedKeysFile } from '../../facts/authorized-keys.js';

/** Largest part of one authorized_keys file read; sshd itself refuses absurd files, we just stop reading. */
export const AUTHORIZED_KEYS_READ_LIMIT = 256 * 1024;

/** Unparsed line numbers kept per file; the rest are only counted (a file of junk is a number, not a list). */
export const UNPARSED_LINES_KEPT = 50;

const BODY_TAGS = new Set(['F', 'T', 'A']);

/**
 * Calls `each` with every line of a body and its number, cutting one line at a time: a file of
 * junk costs short-lived strings, never an array of all its lines.
 */
function forEachLine(text: string, each: (line: string, lineNo: number) => boolean | void): void {
  let pos = 0;
  for (let n = 1; pos <= text.length; n++) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    if (each(text.slice(pos, end), n) === false) return;
    pos = end + 1;
  }
}

/** The characters String.prototype.trim removes, as char codes. */
const TRIMMED = new Set([9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i)]);

/**
 * Classifies a line that holds no space or tab without cutting it out: it cannot be a key (a key
 * line has at least a type and a blob), so it is blank, a comment, or a line sshd may read and we
 * cannot. Undefined when the line has a space or tab and must be parsed.
 */
function wordOnlyLine(text: string, start: number, end: number): 'blank-or-comment' | 'unparsed' | undefined {
  let first = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) return undefined;
    if (first === -1 && !TRIMMED.has(c)) first = c;
  }
  return first === -1 || first === 35 /* # */ ? 'blank-or-comment' : 'unparsed';
}

function keysOf(text: string): { keys: Array<{ line: number; key: AuthorizedKey }>; unparsedLines: number[]; unparsedCount: number } {
  const keys: Array<{ line: number; key: AuthorizedKey }> = [];
  const unparsedLines: number[] = [];
  let unparsedCount = 0;
  const unparsed = (n: number): void => {
    if (unparsedCount < UNPARSED_LINES_KEPT) unparsedLines.push(n);
    unparsedCount++;
  };
  // Line by line without cutting each out first: a file of junk words costs no strings at all.
  let pos = 0;
  for (let n = 1; pos <= text.length; n++) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const quick = wordOnlyLine(text, pos, end);
    if (quick === 'unparsed') unparsed(n);
    else if (quick === undefined) {
      const line = text.slice(pos, end);
      const key = parseAuthorizedKeyLine(line);
      if (key) keys.push({ line: n, key });
      else if (!isBlankOrComment(line)) unparsed(n);
    }
    pos = end + 1;
  }
  return { keys, unparsedLines, unparsedCount };
}

/** Principals kept per file: they are context for a CA finding, and a file of junk must stay small. */
export const PRINCIPALS_KEPT = 100;

function principalsOf(text: string): Array<{ line: number; name: string }> {
  const out: Array<{ line: number; name: string }> = [];
  forEachLine(text, (raw, n) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return true;
    // A principal may follow an options field, like an authorized_keys line; the last word is the name.
    const words = line.split(/[ \t]+/);
    out.push({ line: n, name: words[words.length - 1]! });
    return out.length < PRINCIPALS_KEPT;
  });
  return out;
}

/**
 * An sshd option line `Keyword value` or `Keyword = value`: the keyword (1) and the value (4).
 * The host writes this line (an sshd config line, up to 256 KiB). Each blank run is taken whole
 * through a lookahead, never given back: `\s*(?:=\s*|\s+)(.*)$` could split one run of blanks in
 * every way and read the rest after each split, which costs the cube of the line when a carriage
 * return or U+2028 in mid-line makes `$` fail (over a minute for 8 KiB). Giving blanks back never
 * helps: the value would only start earlier, before the same break.
 */
export const OPTION_LINE = /^\s*([A-Za-z]+)(?=(\s*))\2(?:=(?=(\s*))\3|(?<=\s))(.*)$/;

/** Parses the section text into config options and key, CA and principals files; pure. */
export function parseAuthorizedKeysSection(text: string, marker: string): AuthorizedKeysFact {
  const fact: AuthorizedKeysFact = { files: [], config: [], options: [], trustedCaFiles: [], principalsFiles: [] };
  const seen = new Set<string>();
  let currentConfig = '';
  for (const r of parseFramed(text, marker, BODY_TAGS)) {
    const truncated = r.bytes > AUTHORIZED_KEYS_READ_LIMIT;
    if (r.tag === 'S' || r.tag === 'V') {
      currentConfig = decodeName(r.args);
      fact.config.push({ path: currentConfig, state: r.tag === 'S' ? 'read' : 'unreadable' });
      continue;
    }
    if (r.tag === 'O') {
      const [inMatch, rest] = firstWord(r.args);
      const [lineNo, optionLine] = firstWord(rest);
      const m = OPTION_LINE.exec(optionLine);
      if (!m) continue;
      fact.options.push({
        file: currentConfig,
        line: Number(lineNo),
        keyword: m[1]!.toLowerCase(),
        value: m[4]!.trim(),
        conditional: inMatch === '1',
      });
      continue;
    }
    const [userField, pathField] = firstWord(r.args);
    const user = decodeName(userField);
    const path = decodeName(pathField);
    // A home shared by two accounts is one file: the first account that names it is kept.
    const key = `${r.tag.replace(/^U/, '')}:${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    switch (r.tag) {
      case 'F':
        fact.files.push({ path, user, state: 'read', ...keysOf(r.text ?? ''), truncated });
        break;
      case 'U':
      case 'UF':
        fact.files.push({ path, user, state: 'unreadable', keys: [], unparsedLines: [], unparsedCount: 0, truncated: false });
        break;
      case 'T':
        fact.trustedCaFiles.push({ path, state: 'read', ...keysOf(r.text ?? ''), truncated });
        break;
      case 'UT':
        fact.trustedCaFiles.push({ path, state: 'unreadable', keys: [], unparsedLines: [], unparsedCount: 0, truncated: false });
        break;
      case 'A':
        fact.principalsFiles.push({ path, user, state: 'read', principals: principalsOf(r.text ?? ''), truncated });
        break;
      case 'UA':
        fact.principalsFiles.push({ path, user, state: 'unreadable', principals: [], truncated: false });
        break;
    }
  }
  return fact;
}

/** The authorized-keys section of the collecting command. */
export const authorizedKeysSection: SshSection<'ssh.authorized-keys'> = {
  name: 'authorized-keys',
  fact: 'ssh.authorized-keys',
  script: sshdAuthScript(AUTHORIZED_KEYS_READ_LIMIT),
  parse: (text, marker) => ({ ok: true, value: parseAuthorizedKeysSection(text, marker) }),
};
