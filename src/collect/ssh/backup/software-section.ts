// Collects the traces of backup software (packages, binaries, units, processes, configs) in one section.
import type { FactResult } from '../../../facts/fact-result.js';
import type { SshSection } from '../ssh-section.js';
import { type BackupCatalogue, backupCatalogue, baseName, commName } from '../../../catalogue/backup-catalogue.js';
import { dumpFilesScript, framedCommand } from './file-dump.js';
import { parseSectionRecords } from '../section-framing.js';
import type { DumpedFile } from '../../../facts/dumped-file.js';
import type { BackupSoftwareFact, InstalledPackage } from '../../../facts/backup-software.js';
import { UNIT_DIRS } from './unit-file.js';
import { decodeName } from '../name-framing.js';

/** Largest part of one backup configuration file read. */
export const CONFIG_READ_LIMIT = 64 * 1024;

/** Largest list of running executables read (`/proc/<pid> <exe>` per process, NUL-separated). */
export const EXE_LIST_LIMIT = 512 * 1024;

/** The section's shell text for a catalogue; a catalogue entry needs no code to be looked for. */
export function softwareScript(catalogue: BackupCatalogue): string {
  const sw = catalogue.software;
  const packages = [...new Set(sw.flatMap((s) => s.packages))];
  const names = [...new Set(sw.flatMap((s) => s.binaries.filter((b) => !b.startsWith('/'))))];
  const paths = [...new Set(sw.flatMap((s) => s.binaries.filter((b) => b.startsWith('/'))))];
  const units = [...new Set(sw.flatMap((s) => s.units))];
  const comms = [...new Set(sw.flatMap((s) => s.processes.map(commName)))];
  const configs = [...new Set(sw.flatMap((s) => s.configs))];
  const parts: string[] = [];
  parts.push(`if command -v dpkg-query >/dev/null 2>&1; then
${framedCommand('dpkg', '', `dpkg-query -W -f '\${db:Status-Abbrev}|\${Package}|\${Version}\\n' ${packages.join(' ')}`)}
elif [ -e /var/lib/dpkg/status ]; then printf '%s P dpkg-query is missing but /var/lib/dpkg/status exists\\n' "$M"; fi`);
  parts.push(`if [ -d /var/lib/rpm ] || [ -d /usr/lib/sysimage/rpm ]; then
  if command -v rpm >/dev/null 2>&1; then
${framedCommand('rpm', '', `rpm -q --qf '%{NAME}|%{VERSION}-%{RELEASE}\\n' ${packages.join(' ')}`)}
  else printf '%s P an rpm database exists but rpm is missing\\n' "$M"; fi
fi`);
  parts.push(`for bkd in ${catalogue.binaryDirs.join(' ')}; do
  for bkb in ${names.join(' ')}; do [ -e "$bkd/$bkb" ] && { fc_e "$bkd/$bkb"; printf '%s B %s\\n' "$M" "$fc_ev"; }; done
done
for bkb in ${paths.join(' ')}; do [ -e "$bkb" ] && { fc_e "$bkb"; printf '%s B %s\\n' "$M" "$fc_ev"; }; done`);
  if (units.length > 0) {
    parts.push(`for bkd in ${UNIT_DIRS.join(' ')}; do
  for bku in ${units.join(' ')}; do [ -e "$bkd/$bku" ] && { fc_e "$bkd/$bku"; printf '%s N %s\\n' "$M" "$fc_ev"; }; done
done
for bku in /etc/systemd/system/*.wants/*; do [ -e "$bku" ] && { fc_e "\${bku##*/}"; printf '%s W %s\\n' "$M" "$fc_ev"; }; done`);
  }
  // Programs outside the catalogued directories: the ones enabled services run by path (the shell's
  // own read over each unit's first bytes, one head per unit), and every running process's executable.
  parts.push(`for bku in ${UNIT_DIRS.map((d) => `${d}/*.wants/*.service`).join(' ')}; do
  [ -f "$bku" ] || continue
  fc_open file "$bku"
  while IFS= read -r bkl || [ -n "$bkl" ]; do
    case $bkl in Exec*=*) ;; *) continue ;; esac
    bkl=\${bkl#*=}
    bkl=\${bkl#"\${bkl%%[!@+!: -]*}"}
    bkl=\${bkl%%[ 	]*}
    case \${bkl##*/} in ${names.join('|')}) [ -e "$bkl" ] && { fc_e "$bkl"; printf '%s B %s\\n' "$M" "$fc_ev"; } ;; esac
  done <<FC_EOF
$(fc_text ${CONFIG_READ_LIMIT} "$bku")
FC_EOF
done
if find /proc/self/exe -maxdepth 0 -printf '' >/dev/null 2>&1; then
${framedCommand('exe', '', `find /proc/[0-9]*/exe -maxdepth 0 -printf '%h %l\\000' 2>/dev/null | head -c ${EXE_LIST_LIMIT}`)}
else printf '%s P cannot list the running programs: find has no -printf\\n' "$M"; fi`);
  // Reading /proc with the shell's own read: no process per process, one per match.
  parts.push(`for bkp in /proc/[0-9]*; do
  { read -r bkc < "$bkp/comm"; } 2>/dev/null || continue
  case "$bkc" in
    ${comms.join('|')})
      printf '%s R %s %s ' "$M" "\${bkp#/proc/}" "$bkc"; head -c 2048 "$bkp/cmdline" 2>/dev/null | tr '\\000\\n' '  '; printf '\\n' ;;
  esac
done`);
  parts.push(dumpFilesScript(configs, CONFIG_READ_LIMIT, 'bk'));
  return parts.join('\n');
}

function parseDpkg(output: string[], problems: string[]): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const line of output) {
    const m = /^([a-z ][a-zA-Z ][a-zA-Z ])\|([^|]+)\|(.*)$/.exec(line);
    if (m) {
      const status = m[1]!;
      // Second letter: n = not installed, c = only config files left; anything else is (partly) on disk.
      if (status[1] !== 'n' && status[1] !== 'c') packages.push({ manager: 'dpkg', name: m[2]!, version: m[3]!, status });
    } else if (line.startsWith('dpkg-query: ') && !line.startsWith('dpkg-query: no packages found matching')) {
      problems.push(line);
    }
  }
  return packages;
}

function parseRpm(output: string[], problems: string[]): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const line of output) {
    const m = /^([^|\s]+)\|(\S*)$/.exec(line);
    if (m) packages.push({ manager: 'rpm', name: m[1]!, version: m[2]!, status: 'installed' });
    else if (line.trim() !== '' && !/^package \S+ is not installed$/.test(line)) problems.push(`rpm: ${line}`);
  }
  return packages;
}

/**
 * The running executables whose name is a catalogued program, from `find -printf '%h %l\0'` over
 * /proc/<pid>/exe: records end at NUL, so a newline in a path cannot start another one.
 */
export function parseExecutables(output: string[], programs: ReadonlySet<string>, problems: string[]): BackupSoftwareFact['executables'] {
  const text = output.join('\n');
  if (Buffer.byteLength(text) >= EXE_LIST_LIMIT) problems.push(`the list of running programs was cut at ${EXE_LIST_LIMIT} bytes`);
  const out: BackupSoftwareFact['executables'] = [];
  for (const record of text.split('\0')) {
    const m = /^\/proc\/(\d+) (\/.*)$/s.exec(record);
    if (!m) continue;
    // A replaced or removed program shows as `path (deleted)`.
    const path = m[2]!.replace(/ \(deleted\)$/, '');
    if (programs.has(baseName(path))) out.push({ pid: Number(m[1]), path });
  }
  return out;
}

// `PID NAME ARGS`, the name in group 2 and the arguments in group 3. The section's output is host text,
// a record as long as the host writes it: the name is taken whole through a lookahead and never given
// back. `(\S+) ?(.*)$` gave it back a letter at a time and read the rest of the line after each, the
// square of the line when a carriage return or U+2028 in it makes `$` fail; a shorter name only starts
// the arguments earlier, before the same break.
export const PROCESS_LINE = /^(\d+) (?=(\S+))\2 ?(.*)$/;

/** Parses the software section's output; pure. `catalogue` names the programs looked for among running executables. */
export function parseSoftwareSection(text: string, marker: string, catalogue: BackupCatalogue = backupCatalogue()): BackupSoftwareFact {
  const { records, files, commands } = parseSectionRecords(text, marker, CONFIG_READ_LIMIT);
  const problems = records.filter((r) => r.tag === 'P').map((r) => decodeName(r.rest));
  const packages: InstalledPackage[] = [];
  const programs = new Set(catalogue.software.flatMap((s) => s.binaries.map(baseName)));
  let executables: BackupSoftwareFact['executables'] = [];
  for (const c of commands) {
    if (c.name === 'dpkg') packages.push(...parseDpkg(c.output, problems));
    if (c.name === 'rpm') packages.push(...parseRpm(c.output, problems));
    if (c.name === 'exe') executables = parseExecutables(c.output, programs, problems);
  }
  const wanted = new Set(records.filter((r) => r.tag === 'W').map((r) => decodeName(r.rest)));
  const processes: BackupSoftwareFact['processes'] = [];
  for (const r of records.filter((r) => r.tag === 'R')) {
    const m = PROCESS_LINE.exec(r.rest);
    if (m) processes.push({ pid: Number(m[1]), name: m[2]!, args: m[3]!.trim() });
  }
  return {
    packages,
    binaries: [...new Set(records.filter((r) => r.tag === 'B').map((r) => decodeName(r.rest)))],
    units: records
      .filter((r) => r.tag === 'N')
      .map((r) => {
        const path = decodeName(r.rest);
        const name = path.slice(path.lastIndexOf('/') + 1);
        return { path, name, enabled: wanted.has(name) };
      }),
    processes,
    executables,
    configs: files,
    problems,
  };
}

/** The backup-software section of the collecting command, generated from the catalogue on first use. */
export const backupSoftwareSection: SshSection<'ssh.backup-software'> = {
  name: 'backup-software',
  fact: 'ssh.backup-software',
  get script() {
    return softwareScript(backupCatalogue());
  },
  parse: (text, marker): FactResult<BackupSoftwareFact> => ({ ok: true, value: parseSoftwareSection(text, marker) }),
};
