// Collects every readable text file where a provider could have left a secret (a message of the day,
// a note in /root, a log), bounded per file, per host and in number, for residue.provider-secret-in-files.
import { Secret } from '../../../model/secret.js';
import { factFailure } from '../../../facts/fact-result.js';
import type { TextFile, TextFilesFact, TextWalkLimit } from '../../../facts/text-files.js';
import type { SshSection } from '../ssh-section.js';
import { decodeName } from '../name-framing.js';
import { PASSWD_READ_LIMIT } from '../snippet-prelude.js';
import { parseFramed } from '../section-framing.js';

/** The trees walked whole: where provisioning, an installer or an operator leaves notes, configuration and logs. */
export const TEXT_ROOTS = ['/etc', '/root', '/var/log', '/opt', '/srv'] as const;

/**
 * Files never read. Comparing makes no sense for them, and reading them would carry off the host
 * what fleetcheck never takes from it: the password hashes of every account (shadow, gshadow, their
 * backups, pam_pwhistory's old hashes) and the host's private SSH keys. A stored password written as
 * a "hash" into shadow (`useradd -p plain`) is the accounts check's to find, on the host.
 */
export const NEVER_READ = ['/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-', '/etc/security/opasswd', '/etc/ssh/ssh_host_*_key'] as const;

/** The limits of one walk (tests pass smaller ones). */
export interface TextLimits {
  bytesPerFile: number;
  bytesPerHost: number;
  files: number;
}

/** The limits of the walk. Each one reached is said in the fact, and turns a clean result into `warn`. */
export const TEXT_LIMITS: Readonly<TextLimits> = {
  /** First part of one file read; /etc/ssh/moduli (about 570 KiB) fits, a long log does not. */
  bytesPerFile: 1024 * 1024,
  /** Text read per host, well inside the 16 MiB cap of the whole collecting output. */
  bytesPerHost: 8 * 1024 * 1024,
  /** Regular files examined per host, text or not. */
  files: 10_000,
};

/**
 * The awk program that reads the files. Its input is a list of NUL-separated absolute paths (no
 * path can hold a NUL), switched by the records `S` (files no larger than the per-file limit when
 * found, read by awk itself) and `B` (larger files, read through `head -c`, so bytes are cut before
 * lines). With RS set to NUL a text file is one record: a second record means a NUL byte, a binary
 * file, which is skipped (and stops being read there). Names are printed escaped as `fc_e` does
 * (name-framing.ts); a name handed to `head` is single-quoted, never interpolated bare.
 */
const AWK_PROGRAM = String.raw`
function esc(s,   o, i, c) {
  if (s !~ /[ \t\n\r\\]/ && index(s, vt) == 0 && index(s, ff) == 0) return s
  o = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == " ") c = "\\040"; else if (c == "\t") c = "\\011"; else if (c == "\n") c = "\\012"
    else if (c == vt) c = "\\013"; else if (c == ff) c = "\\014"; else if (c == "\r") c = "\\015"; else if (c == "\\") c = "\\134"
    o = o c
  }
  return o
}
function shq(s,   o, i) {
  o = ""
  while ((i = index(s, q)) > 0) { o = o substr(s, 1, i - 1) q "\\" q q; s = substr(s, i + 1) }
  return q o s q
}
BEGIN { RS = sprintf("%c", 0); m = ENVIRON["M"]; q = sprintf("%c", 39); vt = sprintf("%c", 11); ff = sprintf("%c", 12); mode = "S" }
$0 == "S" || $0 == "B" { mode = $0; next }
$0 !~ /^\// || seen[$0]++ { next }
{
  if (examined >= maxfiles) { printf "%s L files %d\n", m, maxfiles; exit }
  if (bytes >= maxbytes) { printf "%s L bytes %d\n", m, maxbytes; exit }
  examined++
  f = $0
  n = 0; body = ""; failed = 0
  if (mode == "S") {
    while ((r = (getline chunk < f)) > 0) { if (++n > 1) break; body = chunk }
    if (r < 0) failed = 1
    close(f)
  } else {
    printf "%s > file %s\n", m, esc(f)
    cmd = "head -c " (lim + 1) " -- " shq(f) " 2>/dev/null"
    while ((cmd | getline chunk) > 0) { if (++n > 1) break; body = chunk }
    close(cmd)
    if (n == 0) failed = 1
  }
  if (failed) { printf "%s U %s\n", m, esc(f); next }
  if (n > 1) { binary++; next }
  if (n == 0) next
  if (length(body) > lim + 1) body = substr(body, 1, lim + 1)
  bytes += length(body)
  printf "%s F %s\n", m, esc(f)
  print body
  printf "%s E\n", m
}
END { printf "%s N %d %d %d\n", m, examined, binary, bytes }
`;

/**
 * The snippet. Homes are those of login accounts (a shell other than nologin/false/sync) and every
 * home under /home, their top level only (dotfiles and notes); homes inside the walked trees are
 * walked with them. `find -xdev` stays on each tree's own file system, so a network mount below
 * /srv is never walked. The awk reads the list as it comes and exits at a limit, which ends the
 * walk too (find gets SIGPIPE). Only regular files are listed (`-type f`); a file replaced by a FIFO
 * between the walk and the read would block until the host's deadline, as any read could.
 */
export function textFilesScript(limits: TextLimits = TEXT_LIMITS): string {
  const prune = NEVER_READ.map((p) => `-path '${p}'`).join(' -o ');
  const inRoots = TEXT_ROOTS.map((r) => `${r}|${r}/*`).join('|');
  return `
fc_tfh=
while IFS=: read -r _ _ _ _ _ fc_home fc_shell; do
  case $fc_home in
    /home/*) ;;
    ${inRoots}) continue ;;
    /*/*) case $fc_shell in ''|*nologin|*false|*sync) continue ;; esac ;;
    *) continue ;;
  esac
  case $fc_home in /bin|/bin/*|/sbin|/sbin/*|/usr|/usr/*|/dev|/dev/*|/proc|/proc/*|/sys|/sys/*|/run|/run/*|/nonexistent) continue ;; esac
  [ -d "$fc_home" ] || continue
  fc_sq "$fc_home"; fc_tfh="$fc_tfh $fc_sv"
done <<fc_EOF
$(fc_text ${PASSWD_READ_LIMIT} /etc/passwd)
fc_EOF
fc_tfr=
for fc_d in ${TEXT_ROOTS.join(' ')}; do [ -d "$fc_d" ] && fc_tfr="$fc_tfr $fc_d"; done
fc_tf_find() {
  [ -z "$fc_tfr" ] || find $fc_tfr -xdev \\( ${prune} \\) -prune -o -type f -size "$1" -print0
  eval "set -- \\"\\$1\\" $fc_tfh"
  [ $# -lt 2 ] || { fc_tfs=$1; shift; find "$@" -maxdepth 1 -type f -size "$fc_tfs" -print0; }
}
fc_open command 'find and awk over ${TEXT_ROOTS.join(' ')} and homes'
{
  printf 'S\\0'
  fc_tf_find -${limits.bytesPerFile + 1}c
  printf 'B\\0'
  fc_tf_find +${limits.bytesPerFile}c
} 2>/dev/null | M="$M" awk -v lim=${limits.bytesPerFile} -v maxbytes=${limits.bytesPerHost} -v maxfiles=${limits.files} '${AWK_PROGRAM}'
`;
}

/** Parses the section text; judges nothing. A walk that printed no summary did not finish, and is a failure. */
export function parseTextFilesSection(text: string, marker: string, limits: TextLimits = TEXT_LIMITS): TextFilesFact | undefined {
  const fact: TextFilesFact = { files: [], unreadable: [], limits: [], examined: 0, binary: 0, bytes: 0 };
  let summary = false;
  for (const r of parseFramed(text, marker, new Set(['F']))) {
    if (r.tag === 'F') {
      const file: TextFile = { path: decodeName(r.args), content: new Secret(r.text ?? ''), truncated: r.bytes > limits.bytesPerFile };
      fact.files.push(file);
    } else if (r.tag === 'U') fact.unreadable.push(decodeName(r.args));
    else if (r.tag === 'L') {
      const [what, value] = r.args.split(' ');
      if (what === 'files' || what === 'bytes') fact.limits.push({ limit: what, value: Number(value) } satisfies TextWalkLimit);
    } else if (r.tag === 'N') {
      const [examined, binary, bytes] = r.args.split(' ').map(Number);
      Object.assign(fact, { examined, binary, bytes });
      summary = [examined, binary, bytes].every((n) => Number.isInteger(n));
    }
  }
  return summary ? fact : undefined;
}

/** The text-files section of the collecting command. */
export const textFilesSection: SshSection<'ssh.text-files'> = {
  name: 'text-files',
  fact: 'ssh.text-files',
  get script() {
    return textFilesScript();
  },
  parse(text, marker) {
    const fact = parseTextFilesSection(text, marker);
    return fact ? { ok: true, value: fact } : factFailure('collector', 'SSH: the text-file walk printed no summary: it did not finish');
  },
};
