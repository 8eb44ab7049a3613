// The offboarding certificate's statement: what fleetcheck found on one host at contract end, in a
// form a customer can read, keep and check against its signature. It holds only what reports hold
// (ids, statuses, messages, evidence sources), never a secret, and no evidence detail quoting host text.
import { createHash } from 'node:crypto';
import type { Host } from '../inventory/types.js';
import type { CheckStatus } from '../model/finding.js';
import type { HostVerdict } from '../model/host-result.js';
import { printableLine } from '../text/sanitize.js';
import type { HostReport, Report } from './report.js';

/** The statement's schema id; a breaking change gets a new number. */
export const OFFBOARD_STATEMENT_SCHEMA = 'fleetcheck/offboard-statement@1';

/** One signed offboarding statement. */
export interface OffboardStatement {
  schema: typeof OFFBOARD_STATEMENT_SCHEMA;
  host: string;
  rack: string;
  contract: { id: string; customer: string; end: string } | null;
  /** Always contract-end rules: the statement is about handing the host back. */
  rules: 'contract-end';
  verdict: HostVerdict;
  checks: Array<{ id: string; status: CheckStatus; message: string; evidenceSources: string[]; waiver?: { reason: string; expires: string; expired: boolean } }>;
  /** When the scan ran and when the statement was made. */
  scan: { startedAt: string; finishedAt: string };
  issuedAt: string;
  fleetcheck: { version: string };
  /** SHA-256 of the host's inventory entry as fleetcheck resolved it (canonical JSON, keys sorted): ties the statement to the entry it judged. */
  inventoryEntry: { sha256: string };
}

/** JSON with object keys sorted at every level, so that the same entry always gives the same digest. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The digest of a host's resolved inventory entry (addresses, ports, contract, key paths: references, never secret values). */
export function inventoryEntryDigest(host: Host): string {
  return createHash('sha256').update(canonicalJson(host), 'utf8').digest('hex');
}

/** Builds one host's statement from its report entry and inventory entry; pure. */
export function buildOffboardStatement(report: Report, hostReport: HostReport, host: Host, issuedAt: Date): OffboardStatement {
  return {
    schema: OFFBOARD_STATEMENT_SCHEMA,
    host: hostReport.name,
    rack: hostReport.rack,
    contract: host.contract ? { id: host.contract.id, customer: host.contract.customer, end: host.contract.end } : null,
    rules: 'contract-end',
    verdict: hostReport.verdict,
    checks: hostReport.checks.map((c) => ({
      id: c.id,
      status: c.status,
      message: printableLine(c.message, 500),
      evidenceSources: [...new Set(c.evidence.map((e) => printableLine(e.source, 300)))],
      ...(c.waiver ? { waiver: { reason: printableLine(c.waiver.reason, 300), expires: c.waiver.expires, expired: c.waiver.expired } } : {}),
    })),
    scan: { startedAt: report.run.startedAt, finishedAt: report.run.finishedAt },
    issuedAt: issuedAt.toISOString(),
    fleetcheck: { version: report.run.version },
    inventoryEntry: { sha256: inventoryEntryDigest(host) },
  };
}

/** The exact bytes that are signed and written as `<host>.json`. */
export function statementBytes(statement: OffboardStatement): Buffer {
  return Buffer.from(JSON.stringify(statement, null, 2) + '\n', 'utf8');
}
