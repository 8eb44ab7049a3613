// residue.provisioning-credentials: no credential left in provisioning files, installer logs or shell histories.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { lineSource, unreadEvidence } from './unread-evidence.js';

/**
 * Kickstart, preseed, cloud-init, installer logs, provisioning scripts, .netrc/.pgpass/.my.cnf and
 * shell histories: a line matching a catalogue credential pattern or a secretlint rule fails. The
 * evidence names file, line and the kind of credential, never the value.
 */
export const provisioningCredentials: Check<'ssh.residue-files'> = {
  id: 'residue.provisioning-credentials',
  promise: 'residue',
  title: 'No credential in provisioning leftovers, installer logs, .netrc/.pgpass/.my.cnf or shell histories',
  needs: ['ssh.residue-files'],
  evaluate({ 'ssh.residue-files': fact }) {
    const found: Evidence[] = [];
    const unreadable: Evidence[] = [];
    const truncated: Evidence[] = [];
    for (const file of fact.files) {
      const unread = unreadEvidence(file);
      if (unread) (file.state === 'unreadable' ? unreadable : truncated).push(unread);
      const perLine = new Map<number, string[]>();
      for (const hit of file.credentials) perLine.set(hit.line, [...(perLine.get(hit.line) ?? []), hit.label]);
      for (const hit of file.generic) perLine.set(hit.line, [...(perLine.get(hit.line) ?? []), `${hit.rule} secret (secretlint)`]);
      for (const [line, labels] of [...perLine].sort((a, b) => a[0] - b[0])) {
        found.push({ source: lineSource(file.path, line), detail: printableLine(`${file.kind}: ${[...new Set(labels)].join('; ')} (value masked)`) });
      }
    }
    if (found.length > 0) {
      const files = new Set(found.map((e) => e.source.replace(/:\d+$/, ''))).size;
      return { status: 'fail', message: `${found.length} credential(s) left in ${files} file(s)`, evidence: [...found, ...unreadable, ...truncated] };
    }
    if (unreadable.length > 0) return { status: 'error', message: `${unreadable.length} leftover file(s) could not be read`, evidence: [...unreadable, ...truncated] };
    if (truncated.length > 0) return { status: 'warn', message: `no credential found, but ${truncated.length} file(s) were only read in part`, evidence: truncated };
    return { status: 'pass', message: `no credential in ${fact.files.length} provisioning or history file(s)`, evidence: [] };
  },
};
