// Collects where data can leave the host: network mounts, iSCSI sessions, rclone remotes, restic/borg repositories.
import type { FactResult } from '../../../facts/fact-result.js';
import type { SshSection } from '../ssh-section.js';
import { dumpFilesScript } from './file-dump.js';
import { parseSectionRecords } from '../section-framing.js';
import type { DumpedFile } from '../../../facts/dumped-file.js';
import type { BackupTargetsFact, NetworkMount, RepositorySetting } from '../../../facts/backup-targets.js';
import { decodeName } from '../name-framing.js';

/** Largest part of one mount table, environment or tool configuration file read. */
export const TARGET_READ_LIMIT = 64 * 1024;

/** Files that name repositories of backup tools in variables or configuration. */
export const REPOSITORY_FILES = [
  '/etc/environment', '/etc/default/*', '/etc/restic/*', '/root/.config/restic/*',
  '/etc/borgmatic/config.yaml', '/etc/borgmatic.d/*.yaml', '/root/.config/borgmatic/config.yaml',
];

/** rclone's configuration files, system-wide and per account. */
export const RCLONE_FILES = ['/etc/rclone.conf', '/etc/rclone/rclone.conf', '/root/.config/rclone/rclone.conf', '/home/*/.config/rclone/rclone.conf'];

/** File system types whose data lives on another machine. */
export const NETWORK_FS = new Set([
  'nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', 'sshfs', 'fuse.rclone', 'rclone', 'fuse.s3fs', 's3fs', 'davfs',
  'fuse.davfs', 'glusterfs', 'fuse.glusterfs', 'ceph', 'fuse.ceph', 'ocfs2', 'gfs2', 'lustre', 'afs', '9p', 'fuse.gcsfuse', 'fuse.goofys',
]);

const script = `for tgi in /etc/iscsi/nodes/*/*; do [ -e "$tgi" ] && { fc_e "$tgi"; printf '%s I %s\\n' "$M" "$fc_ev"; }; done
${dumpFilesScript(
  ['/proc/mounts', '/etc/fstab', '/sys/class/iscsi_session/session*/targetname', '/sys/class/iscsi_connection/connection*/persistent_address',
    ...REPOSITORY_FILES, ...RCLONE_FILES],
  TARGET_READ_LIMIT,
  'tg',
)}`;

// fstab and /proc/mounts escape spaces and tabs in fields as octal.
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

function mounts(file: DumpedFile): NetworkMount[] {
  const out: NetworkMount[] = [];
  file.lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [source, target, type, options] = line.split(/\s+/);
    if (!source || !target || !type) return;
    if (!NETWORK_FS.has(type)) return;
    out.push({ origin: `${file.path}:${i + 1}`, source: unescapeMountField(source), target: unescapeMountField(target), type, options: options ?? '' });
  });
  return out;
}

// The files below are host text (64 KiB a file, a line as long), so each pattern takes time linear in
// the line. The blanks after `=` or `:` are taken whole through a lookahead and never given back:
// `=\s*(.*)$` gave them back one by one and read the rest of the line after each, the square of the
// line when a carriage return or U+2028 in it makes `$` fail. Given back, they only start the value
// earlier, before the same break. The value is in group 3.
export const REPO_VARIABLE = /^\s*(?:export\s+)?(RESTIC_REPOSITORY|RESTIC_FROM_REPOSITORY|BORG_REPO|PBS_REPOSITORY|KOPIA_REPOSITORY)\s*=(?=(\s*))\2(.*)$/;
export const RCLONE_SETTING = /^\s*([A-Za-z0-9_]+)\s*=(?=(\s*))\2(.*)$/;
// A borgmatic list item `- X` or `- path: X`, and a nested `path: X`. `(.+)` may be the last blank of
// a value of blanks only, which the blanks taken whole cannot give back; each has its own branch
// (the value of a list item in group 4, 5, 6 or 7, of a nested path in 3 or 4).
const LAST_BLANK = String.raw`\s*([^\S\n\r\u2028\u2029])`;
export const BORGMATIC_ITEM = new RegExp(String.raw`^\s*-(?:(?=(\s*))\1(?:path(?=(\s*))\2:(?:(?=(\s*))\3(.+)|${LAST_BLANK})$|(.+)$)|${LAST_BLANK}$)`);
export const BORGMATIC_PATH = new RegExp(String.raw`^\s*path(?=(\s*))\1:(?:(?=(\s*))\2(.+)|${LAST_BLANK})$`);
// A YAML comment: from the first `#` that begins the text or follows a blank, after the text's last
// break (a break before `#` is its blank), found once from the start. `(?:^|\s)#.*$` tried at every
// `#` of a text with a break after them read to the break each time: the square of the text.
// What comes before the comment is in group 1 or 3.
export const YAML_COMMENT = /^(?:([\s\S]*)[\n\r\u2028\u2029]#[^\n\r\u2028\u2029]*$|(?=((?:[\s\S]*[\n\r\u2028\u2029])?))(\2[^\n\r\u2028\u2029]*?)(?:^|\s)#[^\n\r\u2028\u2029]*$)/;

function unquote(value: string): string {
  const v = value.trim();
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}

function variableRepositories(file: DumpedFile): RepositorySetting[] {
  const out: RepositorySetting[] = [];
  file.lines.forEach((line, i) => {
    const m = REPO_VARIABLE.exec(line);
    if (m && unquote(m[3]!) !== '') out.push({ origin: `${file.path}:${i + 1}`, kind: m[1]!, value: unquote(m[3]!) });
  });
  return out;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * What `^(["'])(.*)\1\s*(?:#.*)?$` takes from `text` inside its quotes, or undefined: the last quote
 * before the first break after which only blanks and a comment follow. Read once from each end; the
 * pattern tried every quote of a line of quotes and read the rest of the line after each, the square
 * of a 64 KiB line.
 */
export function quotedScalar(text: string): string | undefined {
  const quote = text[0];
  if (quote !== '"' && quote !== "'") return undefined;
  // tail[p]: text from p on is blanks, then at most a `#` and the rest of a line.
  const tail: boolean[] = [];
  tail[text.length] = true;
  let breakAfter = false;
  for (let p = text.length - 1; p >= 1; p--) {
    const c = text[p]!;
    tail[p] = (/\s/.test(c) && tail[p + 1]!) || (c === '#' && !breakAfter);
    if (LINE_BREAK.test(c)) breakAfter = true;
  }
  const firstBreak = text.slice(1).search(LINE_BREAK);
  const end = firstBreak === -1 ? text.length : firstBreak + 1;
  for (let i = end - 1; i >= 1; i--) if (text[i] === quote && tail[i + 1]) return text.slice(1, i);
  return undefined;
}

// A YAML scalar written on one line: the text inside its quotes, or plain text up to a ` #` comment.
function yamlScalar(text: string): string {
  return quotedScalar(text.trim()) ?? text.replace(YAML_COMMENT, '$1$3').trim();
}

// borgmatic: `repositories:` then list items, either `- path: X` (1.7.10+) or `- X`; comments may follow either.
function borgmaticRepositories(file: DumpedFile): RepositorySetting[] {
  const out: RepositorySetting[] = [];
  let inList = false;
  let indent = -1;
  file.lines.forEach((line, i) => {
    if (/^\s*#/.test(line) || line.trim() === '') return;
    const lead = line.length - line.trimStart().length;
    const key = /^\s*repositories\s*:\s*(?:#.*)?$/.exec(line);
    if (key) {
      inList = true;
      indent = lead;
      return;
    }
    if (!inList) return;
    const item = BORGMATIC_ITEM.exec(line);
    const nested = BORGMATIC_PATH.exec(line);
    if (lead <= indent && !line.trimStart().startsWith('-')) {
      inList = false;
      return;
    }
    const value = item ? item[4] ?? item[5] ?? item[6] ?? item[7] : nested?.[3] ?? nested?.[4];
    const repository = value && !/^\s*label\s*:/.test(value) ? yamlScalar(value) : '';
    if (repository) out.push({ origin: `${file.path}:${i + 1}`, kind: 'borgmatic repositories', value: repository });
  });
  return out;
}

function rcloneRemotes(file: DumpedFile): RepositorySetting[] {
  const out: RepositorySetting[] = [];
  let remote: { name: string; line: number; settings: string[] } | undefined;
  const flush = (): void => {
    if (remote) out.push({ origin: `${file.path}:${remote.line}`, kind: `rclone remote ${remote.name}`, value: remote.settings.join(' ') });
  };
  file.lines.forEach((line, i) => {
    const section = /^\s*\[(.+)\]\s*$/.exec(line);
    if (section) {
      flush();
      remote = { name: section[1]!, line: i + 1, settings: [] };
      return;
    }
    const kv = RCLONE_SETTING.exec(line);
    if (remote && kv) remote.settings.push(`${kv[1]}=${kv[3]!.trim()}`);
  });
  flush();
  return out;
}

/** Parses the targets section's output; pure. */
export function parseTargetsSection(text: string, marker: string): BackupTargetsFact {
  const { records, files } = parseSectionRecords(text, marker, TARGET_READ_LIMIT);
  const fact: BackupTargetsFact = {
    mounts: [],
    repositories: [],
    unreadable: files.filter((f) => f.state === 'unreadable').map((f) => f.path),
    truncated: files.filter((f) => f.truncated).map((f) => f.path),
  };
  for (const r of records.filter((r) => r.tag === 'I')) {
    // /etc/iscsi/nodes/<target iqn>/<address,port,tpgt>
    const node = decodeName(r.rest);
    const [iqn, portal] = node.split('/').slice(-2);
    fact.repositories.push({ origin: node, kind: 'iSCSI node', value: `${iqn ?? ''} at ${(portal ?? '').split(',').slice(0, 2).join(':')}` });
  }
  for (const file of files.filter((f) => f.state === 'read')) {
    const p = file.path;
    if (p === '/proc/mounts' || p === '/etc/fstab') fact.mounts.push(...mounts(file));
    else if (/\/iscsi_session\/[^/]+\/targetname$/.test(p) || /\/iscsi_connection\/[^/]+\/persistent_address$/.test(p)) {
      const value = file.lines.join(' ').trim();
      if (value) fact.repositories.push({ origin: p, kind: p.endsWith('targetname') ? 'iSCSI session' : 'iSCSI connection', value });
    } else if (p.endsWith('rclone.conf')) fact.repositories.push(...rcloneRemotes(file));
    else if (p.includes('borgmatic')) fact.repositories.push(...borgmaticRepositories(file));
    else fact.repositories.push(...variableRepositories(file));
  }
  return fact;
}

/** The remote-targets section of the collecting command. */
export const backupTargetsSection: SshSection<'ssh.backup-targets'> = {
  name: 'backup-targets',
  fact: 'ssh.backup-targets',
  script,
  parse: (text, marker): FactResult<BackupTargetsFact> => ({ ok: true, value: parseTargetsSection(text, marker) }),
};
