// Decides whether a scheduled command runs a backup tool or copies data off the host, by the catalogue; pure.
import { type BackupCatalogue, type BackupProduct, baseName } from './backup-catalogue.js';

/** Why a command counts as a backup: the catalogued product it runs, or how it copies data away. */
export type BackupCommand = { kind: 'tool'; product: BackupProduct } | { kind: 'copy'; how: string };

// Programs that send what they are given to another machine.
const SENDERS = new Set(['ssh', 'nc', 'ncat', 'netcat', 'socat', 'curl', 'aws', 's3cmd', 'gsutil', 'azcopy', 'lftp', 'ftp', 'mbuffer', 'rclone']);
// Programs whose output is the data itself: piped into a sender it leaves the host.
const PRODUCERS = new Set(['tar', 'dd', 'cpio', 'pax', 'zfs', 'btrfs', 'mysqldump', 'mariadb-dump', 'mysqlpump', 'mydumper', 'pg_dump',
  'pg_dumpall', 'pg_basebackup', 'xtrabackup', 'mariabackup', 'mongodump', 'xfsdump', 'dump', 'cat', 'partclone', 'fsarchiver']);
// Copy programs and the arguments that make their destination remote.
const REMOTE_SPEC = /^(?:[a-z][a-z0-9+.-]*:\/\/|[^\s/=:][^\s/=]*::|(?:[^\s@/=]+@)?\[?[A-Za-z0-9.-]+\]?:(?!\/\/))/i;

// A shell word, or a systemd one: quoted parts kept together with what they touch.
const SHELL_WORD = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;
// A word that assigns a variable (`VAR=x`): no program, and no argument a rule reads.
const ASSIGNED_WORD = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The words of a segment with their quotes taken out, as the shell does: `"$HOST":/backups/` is
 * `nas:/backups/`. An assignment written as one (`BORG_PASSCOMMAND="cat /x" borg`) is no program
 * and no argument a rule reads, and its quoted value's blanks are no word breaks: it is left out
 * whole. Other quoted text with blanks is read word by word, so that a command handed to `flock -c`
 * is found, assignments in front of it included (`-c "HOME=/root rsync …"`; `program` skips those).
 */
function words(segment: string): string[] {
  return (segment.match(SHELL_WORD) ?? []).flatMap((word) => {
    if (ASSIGNED_WORD.test(word)) return [];
    return word.replace(/['"]/g, '').match(/\S+/g) ?? [];
  });
}

// rclone's commands that copy or move data, or expose a remote as a file system. Any word of these
// makes the line a copy: options may come before the command, with values of any spelling.
const RCLONE_COPIES = /^(?:copy|copyto|sync|move|moveto|rcat|bisync|mount)$/;

// Cloud storage programs that upload (`aws s3 sync`, `gcloud storage cp`): their copy verbs, what a
// remote location looks like, and the options whose value is the next word (a local file among
// them: `--exclude-from FILE`, gsutil's `-L LOG`). Every other word after the verb that is no
// option is an operand: what comes before a remote one is the source. Downloads, listings and
// bucket-to-bucket copies have no other operand before a remote one, and are no copies off the host.
const CLOUD_UPLOADS = new Map<string, { verbs: RegExp; remote: RegExp; valued: ReadonlySet<string> }>([
  ['aws', { verbs: /^(?:cp|sync|mv)$/, remote: /^s3:\/\//i, valued: new Set(['--exclude', '--include', '--profile', '--region', '--endpoint-url', '--storage-class', '--acl', '--sse', '--sse-kms-key-id', '--sse-c', '--sse-c-key', '--content-type', '--cache-control', '--content-disposition', '--content-encoding', '--content-language', '--expires', '--metadata', '--metadata-directive', '--grants', '--website-redirect', '--source-region', '--page-size', '--expected-size', '--request-payer', '--checksum-algorithm', '--ca-bundle', '--output', '--query', '--cli-read-timeout', '--cli-connect-timeout', '--color']) }],
  ['gsutil', { verbs: /^(?:cp|rsync|mv)$/, remote: /^gs:\/\//i, valued: new Set(['-L', '-x', '-y', '-o', '-h', '-p', '-j', '-z', '-a', '-s', '-i']) }],
  ['gcloud', { verbs: /^(?:cp|rsync|mv)$/, remote: /^gs:\/\//i, valued: new Set(['--project', '--exclude', '-x', '--content-type', '--storage-class', '--predefined-acl', '--cache-control', '--impersonate-service-account', '--billing-project', '--additional-headers', '--configuration', '--account', '--content-encoding', '--content-disposition', '--content-language', '--custom-time', '--manifest-path']) }],
  ['s3cmd', { verbs: /^(?:put|sync)$/, remote: /^s3:\/\//i, valued: new Set(['-c', '--config', '--exclude', '--exclude-from', '--include', '--include-from', '--rexclude', '--rexclude-from', '--rinclude', '--rinclude-from', '--storage-class', '--acl-grant', '--acl-revoke', '--add-header', '--remove-header', '--mime-type', '--encoding', '--region', '--bucket-location', '--access_key', '--secret_key', '--access_token', '--ca-certs', '--host', '--host-bucket', '--cache-file', '--multipart-chunk-size-mb', '--limit-rate', '--server-side-encryption-kms-id']) }],
  ['azcopy', { verbs: /^(?:copy|cp|sync)$/, remote: /^https?:\/\//i, valued: new Set(['--log-level', '--include-pattern', '--exclude-pattern', '--include-path', '--exclude-path', '--include-regex', '--exclude-regex', '--include-after', '--include-before', '--list-of-files', '--block-size-mb', '--cap-mbps', '--from-to', '--blob-type', '--metadata', '--content-type', '--content-encoding', '--output-type', '--block-blob-tier', '--page-blob-tier', '--overwrite', '--exclude-attributes', '--include-attributes', '--compare-hash', '--delete-destination']) }],
]);
// Any URL: a source of that form is remote too, whatever its scheme.
const URL_OPERAND = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The copy verb of a cloud storage program that uploads from the host (an operand after its verb, before a remote one), or undefined. */
function cloudUploadVerb(name: string, args: readonly string[]): string | undefined {
  const rule = CLOUD_UPLOADS.get(name);
  if (!rule) return undefined;
  const verbAt = args.findIndex((w) => rule.verbs.test(w));
  if (verbAt === -1) return undefined;
  let source = false;
  for (let i = verbAt + 1; i < args.length; i++) {
    const w = args[i]!;
    if (w.startsWith('-')) {
      if (rule.valued.has(w)) i++;
      continue;
    }
    if (rule.remote.test(w)) {
      if (source) return args[verbAt];
    } else if (!URL_OPERAND.test(w)) {
      source = true;
    }
  }
  return undefined;
}

// The program of a pipeline segment: skips `VAR=x`, `sudo -u backup`, `nice`, `ionice -c3`, `env`, `exec`, `timeout 1h`,
// `flock -n /run/x.lock` and the like.
function program(ws: string[]): { name: string; args: string[] } | undefined {
  const wrappers = new Set(['sudo', 'doas', 'nice', 'ionice', 'env', 'exec', 'nohup', 'timeout', 'chronic', 'flock', 'systemd-cat', 'run-one', 'command', 'time', 'setsid']);
  // Options of a wrapper whose value is the next word (a number is skipped anyway: `nice -n 19`, `timeout -k 5m`).
  const valued = new Map([['sudo', ['-u', '-g']], ['doas', ['-u']], ['env', ['-u']], ['systemd-cat', ['-t', '-p']], ['timeout', ['-s']]]);
  let wrapper = '';
  // flock runs its command after the lock file: `flock [options] file command`.
  let lockFile = false;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (valued.get(wrapper)?.includes(w)) {
      i++;
      continue;
    }
    if (ASSIGNED_WORD.test(w) || w.startsWith('-') || /^\d+[smhd]?$/.test(w)) continue;
    if (lockFile) {
      lockFile = false;
      continue;
    }
    const name = baseName(w);
    if (wrappers.has(name)) {
      wrapper = name;
      lockFile = name === 'flock';
      continue;
    }
    return { name, args: ws.slice(i + 1) };
  }
  return undefined;
}

// `NAME=value` of a cron variable, a script's (export) assignment or an EnvironmentFile= line; the value unquoted.
// The host writes these lines (64 KiB each, up to 100 scripts a job), so the end is `\s*(?:;\s*)?$`,
// never `\s*;?\s*$`: two blank runs side by side can split one run of blanks in every way, which costs
// the square of a line of blanks.
export const ASSIGNMENT = /^(?:export\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|([^\s;&|"']*))\s*(?:;\s*)?$/;

/**
 * `command` with `$NAME` and `${NAME}` replaced by the values its environment assigns them (cron
 * variables, script assignments, a unit's `Environment=` lines; later assignments win), so
 * `rsync -a "$SRC" "$DEST"` is judged by where DEST points. Other expansions stay as written.
 */
export function withVariables(command: string, assignments: readonly string[]): string {
  if (!command.includes('$')) return command;
  const values = new Map<string, string>();
  for (const text of assignments) {
    const unit = /^Environment=(.*)$/.exec(text.trim());
    if (unit) {
      // A unit's `Environment=A=1 "B=two words"`: each word, its quotes taken out, is one assignment.
      for (const word of unit[1]!.match(SHELL_WORD) ?? []) {
        const a = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word.replace(/["']/g, ''));
        if (a) values.set(a[1]!, a[2]!);
      }
      continue;
    }
    const m = ASSIGNMENT.exec(text.trim());
    // One of the three alternatives always takes part, so one group is always set (maybe to '').
    if (m) values.set(m[1]!, (m[2] ?? m[3] ?? m[4])!);
  }
  return command.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced: string | undefined, bare: string | undefined) => values.get((braced ?? bare)!) ?? m);
}

// Built once per catalogue: a host's jobs and the scripts they run give thousands of commands.
const TOOLS = new WeakMap<BackupCatalogue, ReadonlyMap<string, BackupProduct>>();

/** The catalogued products by the base name of each of their programs. */
function toolsByProgram(catalogue: BackupCatalogue): ReadonlyMap<string, BackupProduct> {
  let tools = TOOLS.get(catalogue);
  if (!tools) {
    const built = new Map<string, BackupProduct>();
    for (const p of catalogue.software) for (const b of p.binaries) built.set(baseName(b), p);
    TOOLS.set(catalogue, (tools = built));
  }
  return tools;
}

/** The catalogued product a command runs, or how it copies data off the host; undefined when it does neither. */
export function classifyCommand(command: string, catalogue: BackupCatalogue): BackupCommand | undefined {
  const tools = toolsByProgram(catalogue);
  // A lone `&` ends a statement; the `&` of `&&`, `|&` and of a redirection (`2>&1`, `>&2`, `&>`) does not.
  const statements = command.split(/;|&&|\|\||(?<![|<>])&(?![&>])|\$\(|`/);
  for (const statement of statements) {
    // `|&` pipes standard error too: its `&` belongs to the pipe, not to the next program.
    const segments = statement.split(/(?<!\|)\|(?!\|)&?/).map(words);
    const programs = segments.map(program);
    for (const p of programs) {
      if (!p) continue;
      const product = tools.get(p.name);
      if (product) return { kind: 'tool', product };
      if (['rsync', 'scp', 'sftp'].includes(p.name) && p.args.some((a) => !a.startsWith('-') && REMOTE_SPEC.test(a))) {
        return { kind: 'copy', how: `${p.name} to a remote destination` };
      }
      if (p.name === 'rclone' && p.args.some((a) => RCLONE_COPIES.test(a))) {
        return { kind: 'copy', how: 'rclone to a remote' };
      }
      const upload = cloudUploadVerb(p.name, p.args);
      if (upload) return { kind: 'copy', how: `${p.name} ${upload} to cloud storage` };
      if ((p.name === 'zfs' || p.name === 'btrfs') && p.args.find((a) => !a.startsWith('-')) === 'send' && programs.length > 1) {
        return { kind: 'copy', how: `${p.name} send piped on` };
      }
    }
    const producer = programs.findIndex((p) => p !== undefined && PRODUCERS.has(p.name));
    const sender = programs.findIndex((p, i) => i > 0 && p !== undefined && SENDERS.has(p.name));
    if (producer >= 0 && sender > producer) {
      return { kind: 'copy', how: `${programs[producer]!.name} piped to ${programs[sender]!.name}` };
    }
  }
  return undefined;
}
