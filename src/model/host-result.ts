// What one host's scan produced: data, whatever went wrong on that host.
import type { Finding } from './finding.js';
import type { HostAccess } from './host-access.js';

/** A host's overall answer, the yes/no an offboarding script needs. */
export type HostVerdict = 'compliant' | 'violation' | 'error';

/** The result of scanning one host; one failing host never shapes another's. */
export interface HostResult {
  host: string;
  rack: string;
  verdict: HostVerdict;
  findings: Finding[];
  durationMs: number;
  /** RMCP+ handshakes the scan began on the host's BMC and left without a session; absent when no IPMI probe ran. */
  bmcUnfinishedHandshakes?: number;
  /** How fleetcheck got in (or did not): every report states it per host. */
  access: HostAccess;
}

/** A failure that is not waived makes a violation; otherwise an error makes the host unproven. */
export function verdictOf(findings: readonly Finding[]): HostVerdict {
  const counts = (f: Finding): boolean => !f.waiver || f.waiver.expired;
  if (findings.some((f) => f.status === 'fail' && counts(f))) return 'violation';
  if (findings.some((f) => f.status === 'error')) return 'error';
  return 'compliant';
}
