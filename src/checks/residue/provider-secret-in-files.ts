// residue.provider-secret-in-files: no secret the provider's store holds for the host may sit in a file on it.
import type { HostSecrets } from '../../facts/host-secrets.js';
import type { TextFilesFact } from '../../facts/text-files.js';
import type { Secret } from '../../model/secret.js';
import type { Evidence } from '../../model/finding.js';
import { EvidenceBudget } from '../../model/evidence-limit.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { lineSource, unreadEvidence } from './unread-evidence.js';

/** Shorter secrets would match ordinary text by chance; they are reported as not searched. */
export const MIN_SEARCHABLE_SECRET = 6;

/** Each stored secret with a description that names what it is and never what it says. */
function storedSecrets(s: HostSecrets): Array<{ what: string; secret: Secret }> {
  return [
    ...s.osCredentials.map((c) => ({ what: `stored OS password of ${c.user}`, secret: c.password })),
    ...s.diskPassphrases.map((d) => ({ what: `stored disk passphrase of ${d.device}`, secret: d.passphrase })),
    ...s.bmcAccounts.map((a) => ({ what: `stored BMC password of ${a.user}`, secret: a.password })),
    ...(s.biosPassword ? [{ what: 'stored BIOS password', secret: s.biosPassword }] : []),
  ];
}

/**
 * The line numbers (1-based) on which `value` occurs in `text`. The text is searched, never cut into
 * lines: newlines are counted between one occurrence and the next, so a file of a megabyte costs no
 * array of its lines. One number per line, however often the value occurs on it.
 */
export function linesHolding(text: string, value: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < at; nl = text.indexOf('\n', nl + 1)) {
      line++;
      counted = nl + 1;
    }
    if (lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}

/** What the walk of text files could not cover: each limit reached, each file read only in part. */
function walkGaps(walk: TextFilesFact): Evidence[] {
  const gaps: Evidence[] = walk.limits.map((l) =>
    l.limit === 'files'
      ? { source: 'text files', detail: `stopped at ${l.value} files examined (the per-host file limit): the files after it were not searched` }
      : { source: 'text files', detail: `stopped at ${l.value} bytes of text read (the per-host byte limit): the files after it were not searched` },
  );
  for (const f of walk.files) if (f.truncated) gaps.push({ source: printableLine(f.path), detail: 'too large: only the first part was read' });
  return gaps;
}

/**
 * Compares, here in fleetcheck's memory, the collected provisioning leftovers and every text file
 * under the places a provider leaves things with the store's secrets: the secrets never travel to
 * the host, and the evidence names file, line and which secret, never the value.
 */
export const providerSecretInFiles: Check<'ssh.residue-files' | 'ssh.text-files' | 'store.host-secrets'> = {
  id: 'residue.provider-secret-in-files',
  promise: 'residue',
  title: "No secret from the provider's store (root password, disk passphrase, BMC password) in a text file on the host",
  needs: ['ssh.residue-files', 'ssh.text-files', 'store.host-secrets'],
  evaluate({ 'ssh.residue-files': leftovers, 'ssh.text-files': walk, 'store.host-secrets': store }) {
    const secrets = storedSecrets(store);
    const searchable = secrets.filter((s) => s.secret.reveal().length >= MIN_SEARCHABLE_SECRET);
    // A host full of copies yields a few dozen entries and a count, never one object per line.
    const found = new EvidenceBudget();
    const unread: Evidence[] = [];
    const partial: Evidence[] = [];
    const search = (path: string, content: Secret, label: string): void => {
      const text = content.reveal();
      for (const s of searchable) {
        for (const line of linesHolding(text, s.secret.reveal())) found.add({ source: lineSource(path, line), detail: printableLine(`${label}the ${s.what} (value masked)`) });
      }
    };
    const leftoverPaths = new Set<string>();
    for (const file of leftovers.files) {
      leftoverPaths.add(file.path);
      const u = unreadEvidence(file);
      if (u) (file.state === 'unreadable' ? unread : partial).push(u);
      if (file.state === 'read') search(file.path, file.content, `${file.kind}: `);
    }
    // A leftover is also a text file of the walk: searched once, under its catalogue kind.
    for (const file of walk.files) if (!leftoverPaths.has(file.path)) search(file.path, file.content, '');
    unread.push(...walk.unreadable.filter((p) => !leftoverPaths.has(p)).map((p) => ({ source: printableLine(p), detail: 'cannot read' })));
    partial.push(...walkGaps({ ...walk, files: walk.files.filter((f) => !leftoverPaths.has(f.path)) }));

    const skipped = secrets.length - searchable.length;
    const note = skipped > 0 ? `; ${skipped} secret(s) shorter than ${MIN_SEARCHABLE_SECRET} characters not searched` : '';
    const files = leftovers.files.length + walk.files.filter((f) => !leftoverPaths.has(f.path)).length;
    if (found.total > 0) return { status: 'fail', message: `a stored secret appears on ${found.total} line(s) on the host${note}`, evidence: [...found.entries(), ...unread, ...partial] };
    if (unread.length > 0) return { status: 'error', message: `${unread.length} file(s) could not be read`, evidence: [...unread, ...partial] };
    // A limit reached or a file cut makes a clean result warn (README, Residue): what was not read was not searched.
    if (partial.length > 0) return { status: 'warn', message: `no stored secret found, but the search did not cover everything (${partial.length} limit(s) reached or file(s) read in part)${note}`, evidence: partial };
    return { status: 'pass', message: `none of ${searchable.length} stored secret(s) in ${files} text file(s) (${walk.binary} binary file(s) skipped)${note}`, evidence: [] };
  },
};
