// Collects every account's authorized_keys files in the one collecting command, and parses them.
import { parseAuthorizedKeyLine, type AuthorizedKey } from '../../ssh-keys/authorized-key-line.js';
import type { SshSection } from './ssh-section.js';

/** Largest part of one authorized_keys file read; sshd itself refuses absurd files, we just stop reading. */
export const AUTHORIZED_KEYS_READ_LIMIT = 256 * 1024;

/** One authorized_keys file as found on the host. */
export interface AuthorizedKeysFile {
  path: string;
  user: string;
  /** `unreadable` when the collecting user could not read it: checks must not treat it as empty. */
  state: 'read' | 'unreadable';
  keys: Array<{ line: number; key: AuthorizedKey }>;
  truncated: boolean;
}

/** Every authorized_keys file of every account in /etc/passwd. */
export interface AuthorizedKeysFact {
  files: AuthorizedKeysFile[];
}

// One line per file: "F user path" then its content and an "E" line; "U user path" when unreadable.
// head reads one byte past the limit so truncation is detectable without another process.
const script = `
while IFS=: read -r user _ _ _ _ home _; do
  [ -n "$home" ] || continue
  for f in "$home/.ssh/authorized_keys" "$home/.ssh/authorized_keys2"; do
    [ -f "$f" ] || continue
    if [ -r "$f" ]; then
      printf '%s F %s %s\\n' "$M" "$user" "$f"
      head -c ${AUTHORIZED_KEYS_READ_LIMIT + 1} "$f"
      printf '\\n%s E\\n' "$M"
    else
      printf '%s U %s %s\\n' "$M" "$user" "$f"
    fi
  done
done < /etc/passwd
`;

/** Parses the section text into files and keys; pure. */
export function parseAuthorizedKeysSection(text: string, marker: string): AuthorizedKeysFact {
  const files = new Map<string, AuthorizedKeysFile>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i]!;
    if (!header.startsWith(marker + ' ')) continue;
    const m = /^(F|U) (\S+) (.+)$/.exec(header.slice(marker.length + 1));
    if (!m) continue;
    const [, kind, user, path] = m as unknown as [string, string, string, string];
    if (kind === 'U') {
      if (!files.has(path)) files.set(path, { path, user, state: 'unreadable', keys: [], truncated: false });
      continue;
    }
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j] !== `${marker} E`) body.push(lines[j++]!);
    i = j;
    // The printf before the end marker adds one newline; a file that ended in one leaves an empty line.
    if (body.length > 0 && body[body.length - 1] === '') body.pop();
    const content = body.join('\n');
    const truncated = Buffer.byteLength(content) > AUTHORIZED_KEYS_READ_LIMIT;
    const keys: AuthorizedKeysFile['keys'] = [];
    body.forEach((line, index) => {
      const key = parseAuthorizedKeyLine(line);
      if (key) keys.push({ line: index + 1, key });
    });
    // A home shared by two accounts is one file: the first account that names it is kept.
    if (!files.has(path)) files.set(path, { path, user, state: 'read', keys, truncated });
  }
  return { files: [...files.values()] };
}

/** The authorized_keys section of the collecting command. */
export const authorizedKeysSection: SshSection<'ssh.authorized-keys'> = {
  name: 'authorized-keys',
  fact: 'ssh.authorized-keys',
  script,
  parse: (text, marker) => ({ ok: true, value: parseAuthorizedKeysSection(text, marker) }),
};
