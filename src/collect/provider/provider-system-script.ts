// The sections of the collecting command run on one provider system: each reads one source
// (a Bacula catalog, a restic repository, an rsnapshot tree, …) and prints what it found, framed.
import type { ProviderSystem } from '../../inventory/types.js';
import type { Secret } from '../../model/secret.js';
import { FILES_SOURCE } from '../../facts/provider-systems.js';

/** One section: its name in the collecting output, the source it reads (for the report), and its snippet. */
export interface ProviderSection {
  name: string;
  source: string;
  script: string;
}

/** Largest part of a configuration file or a searched file read; a longer one is reported as cut. */
export const PROVIDER_FILE_LIMIT = 256 * 1024;
/** Most entries listed under one tree or snapshot root, and most files searched on a billing or staff system. */
export const PROVIDER_LIST_LIMIT = 20_000;

/** The roles whose files are searched for stored secrets (residue.provider-systems-secrets). */
export const SECRET_SEARCH_ROLES: ReadonlySet<string> = new Set(['billing', 'staff']);

/** A word single-quoted for sh: every value from the inventory or the store reaches the script only so. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Each section starts with a status record: `$M S ok`, `$M S absent WHY` (the tool or file is not
 * on the system: nothing of that kind can be kept there) or `$M S failed WHY` (it could not be read).
 * `fc_cmd NAME CMD…` frames a command's output as `$M C NAME` … `$M E` and its stderr's first line
 * and exit status as `$M X STATUS LINE`, so a tool that failed is told apart from one that found nothing.
 */
const HELPERS = `fc_st() { printf '%s S %s\\n' "$M" "$*"; }
fc_cmd() {
  fc_e "$1"; shift
  printf '%s C %s\\n' "$M" "$fc_ev"
  exec 4>&1
  fc_ce=$("$@" 2>&1 1>&4 4>&-)
  fc_cs=$?
  exec 4>&-
  printf '\\n%s E\\n' "$M"
  fc_cl=$(printf '%s' "$fc_ce" | tr '\\n\\r\\t' '   ' | head -c 300)
  printf '%s X %s %s\\n' "$M" "$fc_cs" "$fc_cl"
}`;

/** The Bacula catalog queries: clients, and jobs with their client, end time, files and bytes (Bacula and Bareos share this schema). */
export const CATALOG_CLIENTS_SQL = 'SELECT ClientId, Name, Uname FROM Client ORDER BY ClientId;';
export const CATALOG_JOBS_SQL =
  'SELECT Job.JobId, Job.Job, Job.Name, Client.Name AS Client, Job.Type, Job.Level, Job.JobStatus, Job.StartTime, Job.EndTime, Job.JobFiles, Job.JobBytes FROM Job LEFT JOIN Client ON Client.ClientId = Job.ClientId ORDER BY Job.JobId;';

/** Director configuration: the declared file, else the Debian places of Bacula and Bareos; `@` includes one level deep. */
function baculaConfigScript(system: ProviderSystem): string {
  const declared = system.bacula?.config;
  const candidates = declared ? [declared] : ['/etc/bacula/bacula-dir.conf', '/etc/bareos/bareos-dir.conf', '/etc/bareos/bareos-dir.d'];
  return `fc_found=
for fc_p in ${candidates.map(shellQuote).join(' ')}; do
  [ -e "$fc_p" ] && fc_found="$fc_found x"
done
if [ -z "$fc_found" ]; then
  ${declared ? 'fc_st failed the declared director configuration does not exist' : 'fc_st absent no Bacula or Bareos director configuration'}
else
  fc_st ok
  for fc_p in ${candidates.map(shellQuote).join(' ')}; do
    if [ -d "$fc_p" ]; then
      find "$fc_p" -type f -name '*.conf' 2>/dev/null | head -n ${PROVIDER_LIST_LIMIT} | while IFS= read -r fc_f; do fc_dump ${PROVIDER_FILE_LIMIT + 1} "$fc_f"; done
    elif [ -e "$fc_p" ]; then
      fc_dump ${PROVIDER_FILE_LIMIT + 1} "$fc_p"
      set +f
      for fc_i in $(sed -n 's/^[[:space:]]*@\\([^|"[:space:]][^[:space:]]*\\).*$/\\1/p' "$fc_p" 2>/dev/null | head -n 200); do
        for fc_g in $fc_i; do fc_dump ${PROVIDER_FILE_LIMIT + 1} "$fc_g"; done
      done
    fi
  done
fi`;
}

/**
 * The catalog: with sqlite3 read-only (clients and jobs as JSON) where it is a sqlite file; else,
 * where a director is configured and bconsole is installed, through the director (`llist jobs`,
 * a read-only listing), which serves PostgreSQL and MySQL catalogs too.
 */
function baculaCatalogScript(system: ProviderSystem): string {
  const declared = system.bacula?.catalog;
  const catalog = declared ?? '/var/lib/bacula/bacula.db';
  const directorHints = (system.bacula?.config ? [system.bacula.config] : ['/etc/bacula/bacula-dir.conf', '/etc/bareos/bareos-dir.conf', '/etc/bareos/bareos-dir.d']).map(shellQuote).join(' ');
  const consoles = system.bacula?.bconsole ? [system.bacula.bconsole] : ['/etc/bacula/bconsole.conf', '/etc/bareos/bconsole.conf'];
  return `fc_db=${shellQuote(catalog)}
fc_bc=
for fc_p in ${consoles.map(shellQuote).join(' ')}; do [ -z "$fc_bc" ] && [ -f "$fc_p" ] && fc_bc=$fc_p; done
fc_dir=
for fc_p in ${directorHints}; do [ -e "$fc_p" ] && fc_dir=$fc_p; done
if [ -e "$fc_db" ]; then
  if ! command -v sqlite3 >/dev/null 2>&1; then fc_st failed sqlite3 is not installed, so the catalog cannot be read
  else
    fc_st ok
    fc_cmd clients sqlite3 -readonly -json "$fc_db" ${shellQuote(CATALOG_CLIENTS_SQL)}
    fc_cmd jobs sqlite3 -readonly -json "$fc_db" ${shellQuote(CATALOG_JOBS_SQL)}
  fi
elif [ -n "${declared ? 'declared' : ''}" ]; then fc_st failed the declared catalog does not exist
elif [ -n "$fc_dir" ] && [ -n "$fc_bc" ] && command -v bconsole >/dev/null 2>&1; then
  fc_st ok
  fc_llist() { printf 'llist jobs\nquit\n' | bconsole -c "$fc_bc"; }
  fc_cmd bconsole fc_llist
elif [ -n "$fc_dir" ]; then fc_st failed a director is configured but its catalog is not a sqlite file here and bconsole cannot ask it: set bacula.catalog or bacula.bconsole
else fc_st absent no Bacula catalog
fi`;
}

/**
 * A restic repository. The password goes to restic on a pipe from the shell's builtin printf
 * (`--password-file /dev/stdin`): never in an argv, an environment variable or a file. `--no-lock`
 * and `--no-cache` keep the read from writing to the repository or a cache.
 */
function resticScript(repository: string, password: Secret | undefined): string {
  const pw = password === undefined ? "''" : shellQuote(password.reveal());
  return `if ! command -v restic >/dev/null 2>&1; then fc_st failed restic is not installed, so the repository cannot be read
else
  fc_st ok
  fc_restic() { printf '%s' ${pw} | restic --no-lock --no-cache --quiet -r ${shellQuote(repository)} --password-file /dev/stdin snapshots --json; }
  fc_cmd snapshots fc_restic
fi`;
}

/**
 * A borg repository. The passphrase goes to borg on a pipe read through BORG_PASSPHRASE_FD (the
 * variable holds only the number 0). `--bypass-lock` reads without writing a lock; borg's cache and
 * security files go to a directory made for this read and removed after it.
 */
function borgScript(repository: string, passphrase: Secret | undefined): string {
  const pw = passphrase === undefined ? '' : shellQuote(passphrase.reveal());
  const feed = passphrase === undefined ? ': |' : `printf '%s' ${pw} |`;
  return `if ! command -v borg >/dev/null 2>&1; then fc_st failed borg is not installed, so the repository cannot be read
else
  fc_bd=$(mktemp -d 2>/dev/null) || fc_bd=
  if [ -z "$fc_bd" ]; then fc_st failed no temporary directory for the borg cache
  else
    fc_st ok
    fc_borg() { ${feed} BORG_BASE_DIR="$fc_bd" ${passphrase === undefined ? '' : 'BORG_PASSPHRASE_FD=0 '}BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes BORG_RELOCATED_REPO_ACCESS_IS_OK=yes borg list --bypass-lock --json --format '{hostname}{username}{comment}{command_line}' ${shellQuote(repository)}; }
    fc_cmd archives fc_borg
    rm -rf -- "$fc_bd"
  fi
fi`;
}

/** rsnapshot: its configuration (and `include_conf` files) and the interval directories under `snapshot_root`. */
function rsnapshotScript(system: ProviderSystem): string {
  const declared = system.rsnapshot?.config;
  const conf = declared ?? '/etc/rsnapshot.conf';
  return `fc_rc=${shellQuote(conf)}
if [ ! -e "$fc_rc" ]; then
  ${declared ? 'fc_st failed the declared rsnapshot configuration does not exist' : 'fc_st absent no rsnapshot configuration'}
else
  fc_st ok
  fc_dump ${PROVIDER_FILE_LIMIT + 1} "$fc_rc"
  for fc_i in $(sed -n 's/^include_conf[[:space:]]\\{1,\\}\\([^[:space:]\`]*\\).*$/\\1/p' "$fc_rc" 2>/dev/null | head -n 50); do fc_dump ${PROVIDER_FILE_LIMIT + 1} "$fc_i"; done
  fc_sr=$(sed -n 's/^snapshot_root[[:space:]]\\{1,\\}\\(.*[^[:space:]]\\)[[:space:]]*$/\\1/p' "$fc_rc" 2>/dev/null | tail -n 1)
  if [ -n "$fc_sr" ] && [ -d "$fc_sr" ]; then
    fc_cmd tree find "$fc_sr" -mindepth 2 -maxdepth 2 -printf '%T@\\t%y\\t%p\\n'
  fi
fi`;
}

/** A listing of entries under declared roots: mtime, type, path (plain rsync trees and snapshot directories). */
function listingScript(roots: readonly string[], depth: number, what: string): string {
  return `fc_st ok
for fc_r in ${roots.map(shellQuote).join(' ')}; do
  if [ -d "$fc_r" ]; then
    fc_cmd "$fc_r" sh -c 'find "$1" -mindepth 1 -maxdepth ${depth} -printf "%T@\\t%y\\t%p\\n" | head -n ${PROVIDER_LIST_LIMIT}' fc "$fc_r"
  else
    fc_e "$fc_r"; printf '%s M %s\\n' "$M" "$fc_ev"
  fi
done
: ${what}`;
}

/** ZFS datasets and snapshots, with their creation time. */
const ZFS_SCRIPT = `if ! command -v zfs >/dev/null 2>&1; then fc_st absent zfs is not installed
else
  fc_st ok
  fc_cmd datasets zfs list -H -p -t all -o name,creation
fi`;

/** LVM logical volumes and snapshots, with their creation time and origin. */
const LVM_SCRIPT = `if ! command -v lvs >/dev/null 2>&1; then fc_st absent lvm2 is not installed
else
  fc_st ok
  fc_cmd volumes lvs --noheadings --separator '|' -o vg_name,lv_name,lv_attr,origin,lv_time
fi`;

/** btrfs subvolumes and snapshots under each declared root. */
function btrfsScript(roots: readonly string[]): string {
  return `if ! command -v btrfs >/dev/null 2>&1; then fc_st absent btrfs-progs is not installed
else
  fc_st ok
  for fc_r in ${roots.map(shellQuote).join(' ')}; do
    if [ "$(stat -f -c %T "$fc_r" 2>/dev/null)" = btrfs ]; then fc_cmd "$fc_r" btrfs subvolume list -o "$fc_r"; fi
  done
fi`;
}

/** NFS exports and Samba shares, as configured. */
const EXPORTS_SCRIPT = `set +f
fc_any=
for fc_p in /etc/exports /etc/exports.d/*.exports /etc/samba/smb.conf; do [ -e "$fc_p" ] && fc_any=x; done
if [ -z "$fc_any" ]; then fc_st absent no NFS exports and no Samba configuration
else
  fc_st ok
  for fc_p in /etc/exports /etc/exports.d/*.exports /etc/samba/smb.conf; do [ -e "$fc_p" ] && fc_dump ${PROVIDER_FILE_LIMIT + 1} "$fc_p"; done
fi
:`;

/** Most files searched under one home directory, /etc or a declared path; more is reported, never silently left out. */
export const FILES_LIMIT = 5_000;
/** How deep below a home directory (or /etc) files are searched. */
const FILES_DEPTH = 4;
/** Directories of caches and build trees: large, and no place an operator types a password into. */
const SKIPPED_DIRS = ['.cache', '.npm', 'node_modules', '.git', '.cargo', '.rustup', '.mozilla', '.thumbnails', 'Trash'];

/** The names of the shell histories and client histories searched in every home. */
const HISTORY_NAMES = ['.bash_history', '.zsh_history', '.history', '.sh_history', '.ash_history', '.mysql_history', '.psql_history', '.python_history', '.lesshst', '.viminfo', '.node_repl_history', '.sqlite_history'];

/**
 * Billing and staff systems: shell histories, every regular file of each home directory, the
 * configuration under /etc and the declared extra paths, each dumped whole up to the read limit.
 * Nothing is searched on the system: the stored secrets never leave fleetcheck.
 */
function filesScript(system: ProviderSystem): string {
  const extra = system.files.map(shellQuote).join(' ');
  return `fc_st ok
fc_fseen=
fc_pf() {
  fc_e "$1"
  case " $fc_fseen " in *" $fc_ev "*) return 0 ;; esac
  fc_fseen="$fc_fseen $fc_ev"
  fc_dump ${PROVIDER_FILE_LIMIT + 1} "$1"
}
fc_walk() {
  find "$1" -xdev -maxdepth ${FILES_DEPTH} \\( ${SKIPPED_DIRS.map((d) => `-name ${d}`).join(' -o ')} \\) -prune -o -type f -size -${Math.ceil(PROVIDER_FILE_LIMIT / 1024)}k -print 2>/dev/null | head -n ${FILES_LIMIT + 1} | {
    fc_n=0
    while IFS= read -r fc_f; do
      fc_n=$((fc_n + 1))
      if [ "$fc_n" -gt ${FILES_LIMIT} ]; then fc_e "$1"; printf '%s L %s\\n' "$M" "$fc_ev"; break; fi
      fc_pf "$fc_f"
    done
  }
}
fc_homes=$(fc_text 1048576 /etc/passwd | cut -d: -f6 | sort -u)
for fc_h in /root $fc_homes; do
  case $fc_h in ''|/|/nonexistent|/dev/null|/bin|/sbin|/usr/sbin|/usr/bin|/var|/var/*|/run/*|/proc|/sys) continue ;; esac
  [ -d "$fc_h" ] || continue
  for fc_n in ${HISTORY_NAMES.join(' ')}; do [ -e "$fc_h/$fc_n" ] && fc_pf "$fc_h/$fc_n"; done
  fc_walk "$fc_h"
done
fc_walk /etc
for fc_x in ${extra}; do
  if [ -d "$fc_x" ]; then fc_walk "$fc_x"; elif [ -e "$fc_x" ]; then fc_pf "$fc_x"; else fc_e "$fc_x"; printf '%s M %s\\n' "$M" "$fc_ev"; fi
done`;
}

/** What a system is searched for: copies on every system but billing and staff ones (there only where backup sources are declared), secrets on those. */
export function searchedFor(system: ProviderSystem): { copies: boolean; secrets: boolean } {
  const secrets = SECRET_SEARCH_ROLES.has(system.role);
  const declared = system.bacula !== undefined || system.restic.length + system.borg.length + system.trees.length + system.snapshotRoots.length > 0 || system.rsnapshot !== undefined;
  return { copies: !secrets || declared, secrets };
}

/** A repository password as the store answered it: the value, or why there is none. */
export type RepositoryPassword = { ok: true; value: Secret | undefined } | { ok: false; message: string };

/** What a system's read needs besides its settings: the repository passwords, by repository index. */
export interface SystemSecrets {
  restic: RepositoryPassword[];
  borg: RepositoryPassword[];
}

/**
 * The sections for one system. Backup sources are looked for on every system that is not a
 * billing or staff one, and on those too where the inventory declares them; files are searched on
 * billing and staff systems. A repository whose password the store could not give gets no section
 * (the reader records it as failed): nothing is run without the password it needs.
 */
export function providerSections(system: ProviderSystem, secrets: SystemSecrets): ProviderSection[] {
  const searchFiles = SECRET_SEARCH_ROLES.has(system.role);
  // Billing and staff systems are searched for copies only where the inventory declares where.
  const discover = !searchFiles;
  const sections: ProviderSection[] = [];
  const add = (name: string, source: string, script: string): void => {
    // Every section ends in `:`: its status is its own record (`$M S`), never the last command's.
    sections.push({ name, source, script: `${HELPERS}\n${script}\n:` });
  };
  if (discover || system.bacula) {
    add('bacula-config', `bacula director configuration${system.bacula?.config ? ` ${system.bacula.config}` : ''}`, baculaConfigScript(system));
    add('bacula-catalog', `bacula catalog ${system.bacula?.catalog ?? '/var/lib/bacula/bacula.db'}`, baculaCatalogScript(system));
  }
  system.restic.forEach((r, i) => {
    const pw = secrets.restic[i];
    if (pw?.ok) add(`restic-${i}`, `restic ${r.repository}`, resticScript(r.repository, pw.value));
  });
  system.borg.forEach((b, i) => {
    const pw = secrets.borg[i];
    if (pw?.ok) add(`borg-${i}`, `borg ${b.repository}`, borgScript(b.repository, pw.value));
  });
  if (discover || system.rsnapshot) add('rsnapshot', `rsnapshot ${system.rsnapshot?.config ?? '/etc/rsnapshot.conf'}`, rsnapshotScript(system));
  if (system.trees.length > 0) add('trees', `rsync trees ${system.trees.join(', ')}`, listingScript(system.trees, 1, 'trees'));
  if (discover || system.snapshotRoots.length > 0) {
    add('zfs', 'zfs datasets and snapshots', ZFS_SCRIPT);
    add('lvm', 'lvm volumes and snapshots', LVM_SCRIPT);
  }
  if (system.snapshotRoots.length > 0) {
    add('btrfs', `btrfs subvolumes under ${system.snapshotRoots.join(', ')}`, btrfsScript(system.snapshotRoots));
    add('snapshot-roots', `snapshot roots ${system.snapshotRoots.join(', ')}`, listingScript(system.snapshotRoots, 2, 'snapshot roots'));
  }
  if (discover) add('exports', 'nfs exports and samba shares', EXPORTS_SCRIPT);
  if (searchFiles) add('files', FILES_SOURCE, filesScript(system));
  return sections;
}
