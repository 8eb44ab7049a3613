// Masks secrets in a command line or configuration line before it becomes evidence; pure.
//
// Only values are masked, never structure: a masked line still shows every program, subcommand,
// option name, path and host, so ops can read what the job does. A secret is recognised by where it
// stands (the value of an option or setting whose name says secret, the password of a URL or of a
// `user:password` argument), never by a word somewhere inside a path: `--password-file
// /root/.restic-password backup` names a file and a subcommand, and stays as it is.

const MASK = '***';

// Words that, as one part of an option or setting name, say its value is a secret. `sig` and
// `signature` are URL query parameters: an Azure SAS's `sig=` and a presigned URL's
// `X-Amz-Signature=` / `X-Goog-Signature=` are keyed codes that grant access on their own.
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'pass', 'secret', 'token', 'authkey', 'apikey', 'key', 'clp', 'sig', 'signature']);
// Parts that make such a name point somewhere else: a file, a command, a descriptor, a prompt, an id
// (`--password-file`, `--passphrase-fd`, `BORG_PASSCOMMAND`, `AWS_ACCESS_KEY_ID`).
const NOT_A_VALUE = new Set(['file', 'files', 'command', 'cmd', 'fd', 'env', 'path', 'dir', 'prompt', 'stdin', 'id', 'name', 'user', 'username', 'length', 'type', 'hint', 'encrypt', 'sign']);
// First parts of boolean flags named after a secret (`--no-password`, `--insecure-no-password`, `--ask-password`).
const FLAG_PREFIX = new Set(['no', 'ask', 'skip', 'insecure', 'read', 'show', 'use', 'with', 'without', 'check', 'change', 'reset', 'new']);

/** The lower-case parts of an option or setting name, split at `-`, `_` and `.` (`--s3-secret-access-key`: s3, secret, access, key). */
function nameParts(name: string): string[] {
  return name.replace(/^-+/, '').toLowerCase().split(/[-_.]/).filter(Boolean);
}

/** Whether an option or setting called `name` (`--sftp-pass`, `RESTIC_PASSWORD`, `PGPASSWORD`, `auth-password`) holds a secret as its value. */
export function namesASecret(name: string): boolean {
  const parts = nameParts(name);
  // A part is secret-named whole (`pass`, `key`) or ends in a secret word glued to a prefix (`pgpassword`, `repopassword`).
  const secret = parts.some((p) => SECRET_WORDS.has(p) || /^[a-z0-9]+(?:password|passwd|passphrase|secret|token)$/.test(p));
  if (!secret) return false;
  if (parts.some((p) => NOT_A_VALUE.has(p) || /(?:file|command|cmd)$/.test(p))) return false;
  return !FLAG_PREFIX.has(parts[0]!);
}

/**
 * A value that says where a key is (`--ssh-key=/root/.ssh/id`, `key = ~/.ssh/k`, R1Soft's
 * `--get-key http://server:8080`) rather than holding one; only `key` names are read so, and only
 * when `key` is their one secret word: `AWS_SECRET_ACCESS_KEY` holds the key itself. A base64 key
 * may begin with `/` too (`--s3-sse-customer-key /Hq…`, `AZURE_STORAGE_KEY=/…==`), so a path holds
 * nothing but the letters, digits and `.` `_` `-` `~` `/` of file names (none of base64's `+` and
 * `=`, nor a password's `!` or `@`), and is not `looksLikeBase64Key`. When in doubt the value is
 * masked: a path shown as `***` costs the evidence a word, a key shown whole costs the key.
 */
export function isKeyPath(name: string, value: string): boolean {
  if (!/(?:^|[-_.])key$/i.test(name)) return false;
  if (nameParts(name).some((p) => p !== 'key' && (SECRET_WORDS.has(p) || /(?:password|passwd|passphrase|secret|token)$/.test(p)))) return false;
  if (!/^["']?(?:(?:\/|~\/)[A-Za-z0-9._/~-]*["']?$|[a-z][a-z0-9+.-]*:\/\/)/i.test(value)) return false;
  return !looksLikeBase64Key(value);
}

/**
 * Whether a value beginning with `/` reads as a base64 key that happens to hold no `+` or `=` (a
 * 24-byte key's 32 characters have no padding): nothing but base64's letters, digits and `/`, at
 * least 20 letters and digits, and both upper and lower case. A path on a server is mostly lower
 * case, its names joined by `.`, `_` or `-` (`/root/.ssh/id_ed25519`, `/etc/backup/secrets.key`);
 * a random run of 31 base64 characters lacks one of the cases less than once in a million. A long
 * mixed-case path is masked too, which is the safe side.
 */
function looksLikeBase64Key(value: string): boolean {
  const bare = value.replace(/^["']|["']$/g, '');
  if (!/^\/[A-Za-z0-9/]+$/.test(bare)) return false;
  return bare.replace(/\//g, '').length >= 20 && /[a-z]/.test(bare) && /[A-Z]/.test(bare);
}

// A value as a shell or configuration line writes it: quoted whole, or up to a blank, a separator
// of options (`,` `;`), a query (`&`) or a closing quote of the line's own quoting.
const VALUE = `(?:"[^"]*"|'[^']*'|[^\\s,;&"']+)`;

// A setting name: letters, digits and `_` (shell, systemd, ini, YAML, fstab options, URL query) or `-` (URL query, ini).
const SETTING = '[A-Za-z][A-Za-z0-9_.-]*';

// A JSON object as a setting's value (rclone `token={"access_token":…,"refresh_token":…}`), to the end of
// the line when it was cut: masked whole, whatever keys it holds.
const JSON_VALUE = '\\{(?:[^{}]|\\{[^{}]*\\})*\\}?';

/** The replacement for a match, or undefined to leave it and look again one character further on. */
type Replacer = (match: string, ...groups: string[]) => string | undefined;

// The host writes these lines (a crontab or unit line, up to 64 KiB), so each pattern below takes time
// linear in the line: a run a match may start inside is begun only at its start, and a value is read
// only for a name that says secret.

/**
 * scheme://user:secret@host. The scheme is begun only where a run of scheme characters begins (it may
 * start with digits or `+.-`, which then stay before the masked part as they did): begun at every
 * letter of a long word, `[a-z][a-z0-9+.-]*:` read the rest of the word each time.
 */
export const URL_CREDENTIALS = /(?<![a-z0-9+.-])([0-9+.-]*[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s@/]+@/gi;

const MYSQL_FAMILY = '(?:mysql|mysqldump|mariadb|mariadb-dump|mysqlpump|mydumper)';
/**
 * mysql -psecret / -p secret after a mysql-family program. The search from one program name stops at
 * the next one, which is tried on its own: from each of many names, `[^|;&]*?` read the rest of the line.
 */
export const MYSQL_PASSWORD = new RegExp(`(\\b${MYSQL_FAMILY}\\b(?:(?!\\b${MYSQL_FAMILY}\\b)[^|;&])*?\\s-p)(?!\\s)\\S+`, 'g');

/** A pattern and its replacement, or a whole pass of its own. */
type Rule = [RegExp, string | Replacer] | ((text: string) => string);

const RULES: Rule[] = [
  // token={…}, key: {…}, "secret": {…}, password={…}: the whole object.
  [new RegExp(`(?<![A-Za-z0-9_.-])(${SETTING})(["']?\\s*[=:]\\s*)${JSON_VALUE}`, 'g'), (_m, name, sep) => (namesASecret(name!) ? `${name}${sep}${MASK}` : undefined)],
  // curl -u user:secret, smbclient -U user%secret, lftp -u user,secret, --user=user:secret (not -u host:/path)
  [/((?:^|\s)(?:-[uU]\s*|--user(?:name)?(?:=|\s+))["'][^\s:%,"']+[:%,])(?!\/)[^"']+/g, `$1${MASK}`],
  [/((?:^|\s)(?:-[uU]\s*|--user(?:name)?(?:=|\s+))["']?[^\s:%,"']+[:%,])(?!\/)[^\s"']+/g, `$1${MASK}`],
  // Acronis acrocmd --credentials=user,secret (the password after the comma)
  [/((?:^|\s)--credentials(?:=|\s+)["']?[^\s,"']+,)[^\s"']+/g, `$1${MASK}`],
  // scheme://user:secret@host
  [URL_CREDENTIALS, `$1${MASK}@`],
  // An option at the start of a word: --password=x, --password x, --sftp-pass x, -password=x (dsmc), --s3-secret-access-key x.
  [new RegExp(`((?:^|[\\s"'])--?)([A-Za-z][A-Za-z0-9_-]*)(=|\\s+)(${VALUE})`, 'g'), (_m, lead, name, sep, value) =>
    namesASecret(name!) && !isKeyPath(name!, value!) && !(sep !== '=' && value!.startsWith('-')) ? `${lead}${name}${sep}${MASK}` : undefined],
  // "NAME=value" quoted whole (systemd Environment="RESTIC_PASSWORD=a b"): the value runs to the closing quote.
  [new RegExp(`(["'])(${SETTING}\\s*=)([^"'\\n,]*)(?=\\1)`, 'g'), (_m, q, assign) => (namesASecret(assign!.replace(/\s*=$/, '')) ? `${q}${assign}${MASK}` : undefined)],
  // NAME=value, name = value, "name": value: see maskSettings.
  (text) => maskSettings(text),
  // sshpass -p secret, mysql -psecret / -p secret after a mysql-family program, Commvault qlogin -clp secret
  [/(\bsshpass\s+-p\s*)\S+/g, `$1${MASK}`],
  [MYSQL_PASSWORD, `$1${MASK}`],
  // IBM Spectrum Protect: `dsmc set password OLD NEW` takes both passwords as words.
  [/(\bdsmc\s+set\s+password\s+)\S+(\s+)\S+/gi, `$1${MASK}$2${MASK}`],
];

/** rclone settings that name where a remote is, never how to get in: all others are masked. */
const RCLONE_HARMLESS = new Set([
  'type', 'provider', 'host', 'port', 'url', 'user', 'remote', 'region', 'endpoint', 'location_constraint',
  'bucket', 'bucket_name', 'container', 'root_folder_id', 'share', 'path', 'storage_class', 'acl', 'env_auth',
]);

// `rclone config create NAME TYPE key value …`: the settings come as word pairs, no `=` to go by.
const RCLONE_CREATE = /(\brclone\s+config\s+create\s+\S+\s+\S+)((?:\s+[A-Za-z0-9_]+\s+(?:"[^"]*"|'[^']*'|[^\s"'|;&=]+))+)/g;

/**
 * One `key value` pair of `rclone config create`, begun only where a run of blanks begins: begun inside
 * a long run, `\s+` read the rest of the run each time.
 */
export const RCLONE_PAIR = /(?<!\s)(\s+)([A-Za-z0-9_]+)(\s+)("[^"]*"|'[^']*'|\S+)/g;

function maskRcloneCreate(_m: string, head: string, pairs: string): string {
  return head + pairs.replace(RCLONE_PAIR, (p, s1: string, key: string, s2: string) => (RCLONE_HARMLESS.has(key.toLowerCase()) ? p : `${s1}${key}${s2}${MASK}`));
}

// NAME=value, name = value, "name": value (shell, cron, systemd, ini, YAML, fstab options, URL query, JSON);
// the name starts a word or follows an option separator, never inside a path.
const SETTING_NAME = new RegExp(`(?<![A-Za-z0-9_./-])(${SETTING})(["']?\\s*[=:]\\s*)`, 'g');
const VALUE_HERE = new RegExp(VALUE, 'y');

/**
 * Every `NAME=value` whose name says secret, with the value masked. The value is read only after the
 * name said so: read for every name, `x=x=x=…` cost the rest of the line at each `x`.
 */
export function maskSettings(text: string): string {
  let out = '';
  let from = 0;
  SETTING_NAME.lastIndex = 0;
  for (let m = SETTING_NAME.exec(text); m; m = SETTING_NAME.exec(text)) {
    const [head, name, sep] = m as unknown as [string, string, string];
    VALUE_HERE.lastIndex = m.index + head.length;
    const value = namesASecret(name) ? VALUE_HERE.exec(text)?.[0] : undefined;
    if (value === undefined || isKeyPath(name, value)) {
      SETTING_NAME.lastIndex = m.index + 1;
      continue;
    }
    out += `${text.slice(from, m.index)}${name}${sep}${MASK}`;
    from = VALUE_HERE.lastIndex;
    SETTING_NAME.lastIndex = from;
  }
  return out + text.slice(from);
}

/** `text` with every password, passphrase, token and URL credential replaced by `***`, and nothing else changed. */
export function maskSecrets(text: string): string {
  let out = text.replace(RCLONE_CREATE, maskRcloneCreate);
  for (const rule of RULES) {
    if (typeof rule === 'function') out = rule(out);
    else out = typeof rule[1] === 'string' ? out.replace(rule[0], rule[1]) : replaceWhere(out, rule[0], rule[1]);
  }
  return out;
}

/**
 * `text.replace(re, fn)`, except that a match `fn` declines is not consumed: the search goes on from
 * its next character, so `Environment=AWS_SECRET_ACCESS_KEY=x` still finds the setting inside the value
 * of `Environment`, which is no secret itself.
 */
function replaceWhere(text: string, re: RegExp, fn: Replacer): string {
  let out = '';
  let from = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const r = fn(m[0], ...(m.slice(1) as string[]));
    if (r === undefined) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out += text.slice(from, m.index) + r;
    from = m.index + m[0].length;
    re.lastIndex = Math.max(from, m.index + 1);
  }
  return out + text.slice(from);
}

/** An rclone remote's `key=value` settings (space-separated) with every value not known harmless masked. */
export function maskRcloneSettings(settings: string): string {
  // Each setting starts at a `name=` after a space; a value may itself hold spaces.
  return settings
    .split(/ (?=[A-Za-z0-9_]+=)/)
    .map((setting) => {
      const eq = setting.indexOf('=');
      const name = setting.slice(0, eq);
      return RCLONE_HARMLESS.has(name.toLowerCase()) ? maskSecrets(setting) : `${name}=${MASK}`;
    })
    .join(' ');
}
