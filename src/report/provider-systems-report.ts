// The report's list of provider systems: which were examined and, per system, what could and could not be read.
import type { ProviderSystemsFact } from '../facts/provider-systems.js';
import type { ProviderSystem } from '../inventory/types.js';
import { printableLine } from '../text/sanitize.js';

/** One provider system in a report. */
export interface ProviderSystemReport {
  name: string;
  role: string;
  address: string;
  /** False when no selected check needed the provider systems in this run: nothing was read. */
  examined: boolean;
  /** False when the system could not be reached or its command failed; absent when not examined. */
  reached?: boolean;
  /** Why it was not reached. */
  message?: string;
  /** Each source: read in full, absent from the system (nothing of that kind kept there), or failed. */
  sources: Array<{ source: string; state: 'read' | 'absent' | 'failed'; message?: string }>;
  /** Places found that may hold or make copies (before matching them to hosts). */
  holdings: number;
  /** Files read for the stored-secret search (billing and staff systems). */
  files: number;
}

/** The systems of the inventory with what this run read on each; pure. */
export function providerSystemsReport(systems: readonly ProviderSystem[], read: ProviderSystemsFact | undefined): ProviderSystemReport[] {
  return systems.map((system) => {
    const base = { name: system.name, role: system.role, address: system.ssh.address };
    const got = read?.systems.find((s) => s.system === system.name);
    if (!got) return { ...base, examined: false, sources: [], holdings: 0, files: 0 };
    return {
      ...base,
      examined: true,
      reached: got.reached,
      ...(got.message ? { message: printableLine(got.message) } : {}),
      sources: got.sources.map((s) => ({ source: printableLine(s.source), state: s.state, ...(s.message ? { message: printableLine(s.message) } : {}) })),
      holdings: got.holdings.length,
      files: got.files.length,
    };
  });
}
