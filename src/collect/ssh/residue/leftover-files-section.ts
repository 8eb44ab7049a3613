// Collects provisioning leftovers (kickstart, preseed, cloud-init, histories, .netrc…) and finds the credentials in them.
import { Secret } from '../../../model/secret.js';
import { factFailure } from '../../../facts/fact-result.js';
import type { SshSection } from '../ssh-section.js';
import { decodeName } from '../name-framing.js';
import { PASSWD_READ_LIMIT } from '../snippet-prelude.js';
import { parseFramed } from '../section-framing.js';
import { findGenericSecrets } from './generic-secrets.js';
import type { CredentialHit, GenericSecretHit, LeftoverFile, LeftoverFilesFact } from '../../../facts/leftover-files.js';
import { kindOfPath, leftoverCatalogue, type LeftoverCatalogue } from './leftover-catalogue.js';

/** Largest part of one leftover file read: credentials in provisioning files sit near the top. */
export const LEFTOVER_READ_LIMIT = 256 * 1024;

/** The snippet: one `head` per existing file of the catalogue, system-wide globs and each home's files. */
export function leftoverScript(catalogue: LeftoverCatalogue, limit: number): string {
  const globs = catalogue.systemFiles.map((f) => f.glob).join(' ');
  const names = catalogue.homeFiles.map((f) => f.name).join(' ');
  return `
fc_lo() {
  fc_e "$1"
  case " $fc_lseen " in *" $fc_ev "*) return 0 ;; esac
  fc_lseen="$fc_lseen $fc_ev"
  fc_dump ${limit + 1} "$1"
}
fc_lseen=
set +f
for fc_f in ${globs}; do fc_lo "$fc_f"; done
fc_hseen=
fc_open file /etc/passwd
fc_text ${PASSWD_READ_LIMIT} /etc/passwd | while IFS=: read -r _ _ _ _ _ fc_home _; do
  case $fc_home in ''|/|/nonexistent|/dev/null) continue ;; esac
  fc_e "$fc_home"
  case " $fc_hseen " in *" $fc_ev "*) continue ;; esac
  fc_hseen="$fc_hseen $fc_ev"
  [ -d "$fc_home" ] || continue
  for fc_n in ${names}; do fc_lo "$fc_home/$fc_n"; done
done
`;
}

/** The credential patterns of the file's kind that match each line; one hit per line and pattern. */
export function matchCredentials(catalogue: LeftoverCatalogue, kind: string, lines: readonly string[]): CredentialHit[] {
  const hits: CredentialHit[] = [];
  const patterns = catalogue.patterns.filter((p) => p.kinds.has(kind));
  lines.forEach((line, index) => {
    for (const p of patterns) if (p.regex.test(line)) hits.push({ line: index + 1, pattern: p.id, label: p.label });
  });
  return hits;
}

/** Parses the section text and judges nothing: it only records which lines hold which kind of credential. */
export async function parseLeftoverSection(text: string, marker: string, catalogue = leftoverCatalogue()): Promise<LeftoverFilesFact> {
  const files: LeftoverFile[] = [];
  for (const r of parseFramed(text, marker, new Set(['F']))) {
    if (r.tag !== 'F' && r.tag !== 'U') continue;
    const path = decodeName(r.args);
    const kind = kindOfPath(catalogue, path);
    if (r.tag === 'U') {
      files.push({ path, kind, state: 'unreadable', truncated: false, content: new Secret(''), credentials: [], generic: [] });
      continue;
    }
    const lines = (r.body ?? []).map((l) => l.replace(/\r$/, ''));
    const content = lines.join('\n');
    files.push({
      path,
      kind,
      state: 'read',
      truncated: r.bytes > LEFTOVER_READ_LIMIT,
      content: new Secret(content),
      credentials: matchCredentials(catalogue, kind, lines),
      generic: await findGenericSecrets(path, content),
    });
  }
  return { files };
}

/** The residue-files section of the collecting command. */
export const leftoverFilesSection: SshSection<'ssh.residue-files'> = {
  name: 'residue-files',
  fact: 'ssh.residue-files',
  get script() {
    return leftoverScript(leftoverCatalogue(), LEFTOVER_READ_LIMIT);
  },
  async parse(text, marker) {
    try {
      return { ok: true, value: await parseLeftoverSection(text, marker) };
    } catch {
      // The error could quote a file's text, and so a credential: say only what failed.
      return factFailure('collector', 'could not scan the provisioning leftovers for secrets');
    }
  },
};
