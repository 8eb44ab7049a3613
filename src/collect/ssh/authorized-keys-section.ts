// Collects every file sshd would read keys from (authorized_keys, AuthorizedKeysFile, CA keys, principals) and parses it.
import { isBlankOrComment, parseAuthorizedKeyLine, type AuthorizedKey } from '../../ssh-keys/authorized-key-line.js';
import { firstWord, parseFramed } from './section-framing.js';
import { sshdAuthScript } from './residue/sshd-auth-script.js';
import type { SshSection } from './ssh-section.js';
import type { AuthorizedKeysFact, AuthorizedKeysFile } from '../../facts/authorized-keys.js';

/** Largest part of one authorized_keys file read; sshd itself refuses absurd files, we just stop reading. */
export const AUTHORIZED_KEYS_READ_LIMIT = 256 * 1024;

const BODY_TAGS = new Set(['F', 'T', 'A']);

function keysOf(body: string[]): { keys: Array<{ line: number; key: AuthorizedKey }>; unparsedLines: number[] } {
  const keys: Array<{ line: number; key: AuthorizedKey }> = [];
  const unparsedLines: number[] = [];
  body.forEach((line, index) => {
    const key = parseAuthorizedKeyLine(line);
    if (key) keys.push({ line: index + 1, key });
    else if (!isBlankOrComment(line)) unparsedLines.push(index + 1);
  });
  return { keys, unparsedLines };
}

function principalsOf(body: string[]): Array<{ line: number; name: string }> {
  const out: Array<{ line: number; name: string }> = [];
  body.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    // A principal may follow an options field, like an authorized_keys line; the last word is the name.
    const words = line.split(/[ \t]+/);
    out.push({ line: index + 1, name: words[words.length - 1]! });
  });
  return out;
}

/** Parses the section text into config options and key, CA and principals files; pure. */
export function parseAuthorizedKeysSection(text: string, marker: string): AuthorizedKeysFact {
  const fact: AuthorizedKeysFact = { files: [], config: [], options: [], trustedCaFiles: [], principalsFiles: [] };
  const seen = new Set<string>();
  let currentConfig = '';
  for (const r of parseFramed(text, marker, BODY_TAGS)) {
    const truncated = r.bytes > AUTHORIZED_KEYS_READ_LIMIT;
    if (r.tag === 'S' || r.tag === 'V') {
      currentConfig = r.args;
      fact.config.push({ path: r.args, state: r.tag === 'S' ? 'read' : 'unreadable' });
      continue;
    }
    if (r.tag === 'O') {
      const [inMatch, rest] = firstWord(r.args);
      const [lineNo, optionLine] = firstWord(rest);
      const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/.exec(optionLine);
      if (!m) continue;
      fact.options.push({
        file: currentConfig,
        line: Number(lineNo),
        keyword: m[1]!.toLowerCase(),
        value: m[2]!.trim(),
        conditional: inMatch === '1',
      });
      continue;
    }
    const [user, path] = firstWord(r.args);
    // A home shared by two accounts is one file: the first account that names it is kept.
    const key = `${r.tag.replace(/^U/, '')}:${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    switch (r.tag) {
      case 'F':
        fact.files.push({ path, user, state: 'read', ...keysOf(r.body ?? []), truncated });
        break;
      case 'U':
      case 'UF':
        fact.files.push({ path, user, state: 'unreadable', keys: [], unparsedLines: [], truncated: false });
        break;
      case 'T':
        fact.trustedCaFiles.push({ path, state: 'read', ...keysOf(r.body ?? []), truncated });
        break;
      case 'UT':
        fact.trustedCaFiles.push({ path, state: 'unreadable', keys: [], unparsedLines: [], truncated: false });
        break;
      case 'A':
        fact.principalsFiles.push({ path, user, state: 'read', principals: principalsOf(r.body ?? []), truncated });
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
