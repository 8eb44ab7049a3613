// residue.provisioning-credentials: no credential left in provisioning files, installer logs or shell histories.
import { boundEvidence, EvidenceBudget } from '../../model/evidence-limit.js';
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
    // A history of thousands of credential lines is a few entries and a count, not thousands of objects.
    const found = new EvidenceBudget();
    const unreadable: Evidence[] = [];
    const truncated: Evidence[] = [];
    let files = 0;
    for (const file of fact.files) {
      const unread = unreadEvidence(file);
      if (unread) (file.state === 'unreadable' ? unreadable : truncated).push(unread);
      const perLine = new Map<number, string[]>();
      for (const hit of file.credentials) perLine.set(hit.line, [...(perLine.get(hit.line) ?? []), hit.label]);
      for (const hit of file.generic) perLine.set(hit.line, [...(perLine.get(hit.line) ?? []), `${hit.rule} secret (secretlint)`]);
      for (const [line, labels] of [...perLine].sort((a, b) => a[0] - b[0])) {
        found.add({ source: lineSource(file.path, line), detail: printableLine(`${file.kind}: ${[...new Set(labels)].join('; ')} (value masked)`) });
      }
      if (perLine.size > 0) files++;
    }
    if (found.total > 0) {
      return { status: 'fail', message: `${found.total} credential(s) left in ${files} file(s)`, evidence: boundEvidence([...found.entries('credential line(s) not listed'), ...unreadable, ...truncated]) };
    }
    if (unreadable.length > 0) return { status: 'error', message: `${unreadable.length} leftover file(s) could not be read`, evidence: [...unreadable, ...truncated] };
    if (truncated.length > 0) return { status: 'warn', message: `no credential found, but ${truncated.length} file(s) were only read in part`, evidence: truncated };
    return { status: 'pass', message: `no credential in ${fact.files.length} provisioning or history file(s)`, evidence: [] };
  },
};
