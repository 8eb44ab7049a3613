// Masks secrets in a command line or configuration line before it becomes evidence; pure.

const MASK = '***';

// Variable or setting names that hold secrets: RESTIC_PASSWORD, BORG_PASSPHRASE, AWS_SECRET_ACCESS_KEY, password, pass, …
const SECRET_NAME = '[A-Za-z0-9_]*(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|PASS|KEY|password|passwd|passphrase|secret|token|pass|Password|Passphrase|Secret|Token|Pass)(?![A-Za-z0-9_]*(?:_FILE|_COMMAND|_command|_file|File|Command))[A-Za-z0-9_]*';
const VALUE = `(?:"[^"]*"|'[^']*'|[^\\s,;]+)`;

// A JSON object as a setting's value (rclone `token={"access_token":…,"refresh_token":…}`), to the end of
// the line when it was cut: masked whole, whatever keys it holds.
const JSON_VALUE = '\\{(?:[^{}]|\\{[^{}]*\\})*\\}?';

const RULES: Array<[RegExp, string]> = [
  // token={…}, key: {…}, "secret": {…}, password={…}: the whole object.
  [new RegExp(`(\\b(?:${SECRET_NAME}|key)\\b["']?\\s*[=:]\\s*)${JSON_VALUE}`, 'g'), `$1${MASK}`],
  // curl -u user:secret, smbclient -U user%secret, lftp -u user,secret, --user=user:secret (not -u host:/path)
  [/((?:^|\s)(?:-[uU]\s*|--user(?:name)?(?:=|\s+))["'][^\s:%,"']+[:%,])(?!\/)[^"']+/g, `$1${MASK}`],
  [/((?:^|\s)(?:-[uU]\s*|--user(?:name)?(?:=|\s+))["']?[^\s:%,"']+[:%,])(?!\/)[^\s"']+/g, `$1${MASK}`],
  // scheme://user:secret@host
  [/([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s@/]+@/gi, `$1${MASK}@`],
  // --password=x, --password x, --passphrase … (not --password-file, which names a file)
  [new RegExp(`(--?(?:password|passwd|passphrase|pass|secret|token|auth-key|key-secret)(?![-\\w]))(=|\\s+)${VALUE}`, 'gi'), `$1$2${MASK}`],
  // NAME=value, name = value, "name": value (shell, cron, systemd Environment=, ini, fstab options, JSON)
  [new RegExp(`(\\b${SECRET_NAME}\\b["']?\\s*[=:]\\s*)${VALUE}`, 'g'), `$1${MASK}`],
  // sshpass -p secret, mysql -psecret / -p secret after a mysql-family program
  [/(\bsshpass\s+-p\s*)\S+/g, `$1${MASK}`],
  [/(\b(?:mysql|mysqldump|mariadb|mariadb-dump|mysqlpump|mydumper)\b[^|;&]*?\s-p)(?!\s)\S+/g, `$1${MASK}`],
];

/** `text` with every password, passphrase, token and URL credential replaced by `***`. */
export function maskSecrets(text: string): string {
  let out = text;
  for (const [re, replacement] of RULES) out = out.replace(re, replacement);
  return out;
}

/** rclone settings that name where a remote is, never how to get in: all others are masked. */
const RCLONE_HARMLESS = new Set([
  'type', 'provider', 'host', 'port', 'url', 'user', 'remote', 'region', 'endpoint', 'location_constraint',
  'bucket', 'bucket_name', 'container', 'root_folder_id', 'share', 'path', 'storage_class', 'acl', 'env_auth',
]);

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
