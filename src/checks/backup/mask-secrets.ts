// Masks secrets in a command line or configuration line before it becomes evidence; pure.

const MASK = '***';

// Variable or setting names that hold secrets: RESTIC_PASSWORD, BORG_PASSPHRASE, AWS_SECRET_ACCESS_KEY, password, pass, …
const SECRET_NAME = '[A-Za-z0-9_]*(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|PASS|KEY|password|passwd|passphrase|secret|token|pass|Password|Passphrase|Secret|Token|Pass)(?![A-Za-z0-9_]*(?:_FILE|_COMMAND|_command|_file|File|Command))[A-Za-z0-9_]*';
const VALUE = `(?:"[^"]*"|'[^']*'|[^\\s,;]+)`;

const RULES: Array<[RegExp, string]> = [
  // scheme://user:secret@host
  [/([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s@/]+@/gi, `$1${MASK}@`],
  // --password=x, --password x, --passphrase … (not --password-file, which names a file)
  [new RegExp(`(--?(?:password|passwd|passphrase|pass|secret|token|auth-key|key-secret)(?![-\\w]))(=|\\s+)${VALUE}`, 'gi'), `$1$2${MASK}`],
  // NAME=value, name = value, "name": value (shell, cron, systemd Environment=, ini, fstab options)
  [new RegExp(`(\\b${SECRET_NAME}\\b\\s*[=:]\\s*)${VALUE}`, 'g'), `$1${MASK}`],
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
