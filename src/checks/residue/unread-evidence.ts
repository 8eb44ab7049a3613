// Evidence for files a residue check could not see in full: they make the check `error`, never `pass`.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';

/** A file that was unreadable or cut at the read limit, as evidence. */
export function unreadEvidence(file: { path: string; state: 'read' | 'unreadable'; truncated: boolean; user?: string }): Evidence | undefined {
  if (file.state === 'unreadable') {
    const who = file.user && file.user !== '*' ? ` (account ${file.user})` : '';
    return { source: printableLine(file.path), detail: printableLine(`cannot read${who}`) };
  }
  if (file.truncated) return { source: printableLine(file.path), detail: 'too large: only the first part was read' };
  return undefined;
}

/** `path:line`, safe to print. */
export function lineSource(path: string, line: number): string {
  return `${printableLine(path)}:${line}`;
}

/** Who a key file lets in: one account, or every account for a fixed AuthorizedKeysFile path. */
export function accountsOf(user: string): string {
  return user === '*' ? 'any account' : printableLine(user, 40);
}
