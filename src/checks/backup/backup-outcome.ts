// Turns what a backup check found into one outcome: provider → fail, could not look → error, other → warn.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { CheckOutcome } from '../check.js';
import { maskSecrets } from './mask-secrets.js';

/** What a backup check found, sorted by what it means. */
export interface BackupFindings {
  /** Traces attributable to the provider's infrastructure or agents. */
  provider: Evidence[];
  /** Backup traces that cannot be attributed: ops should look. */
  other: Evidence[];
  /** Parts of the host that could not be examined. */
  blind: Evidence[];
}

/** An empty set of findings. */
export function noFindings(): BackupFindings {
  return { provider: [], other: [], blind: [] };
}

/** Evidence from host text: secrets masked, control characters replaced, length capped. */
export function evidence(source: string, detail: string): Evidence {
  return { source: printableLine(maskSecrets(source)), detail: printableLine(maskSecrets(detail), 300) };
}

/** The outcome for `what` ("backup software", "backup schedule", …); `looked` says what was examined. */
export function backupOutcome(what: string, found: BackupFindings, looked: string): CheckOutcome {
  const { provider, other, blind } = found;
  if (provider.length > 0) {
    return { status: 'fail', message: `${provider.length} ${what} trace(s) point at the provider`, evidence: [...provider, ...other, ...blind] };
  }
  if (blind.length > 0) {
    return { status: 'error', message: `could not examine ${blind.length} part(s) of the host for ${what}`, evidence: [...blind, ...other] };
  }
  if (other.length > 0) {
    return { status: 'warn', message: `${other.length} ${what} trace(s) not attributable to the provider; review`, evidence: other };
  }
  return { status: 'pass', message: `no ${what} found (${looked})`, evidence: [] };
}
