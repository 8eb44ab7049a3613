// The store.saved-reports fact: the reports directory read once per run, answered per host from memory.
import type { FactResult } from '../../facts/fact-result.js';
import type { SavedReportsFact } from '../../facts/saved-reports.js';
import { readSavedReports, type SavedReportsListing } from './saved-reports-listing.js';

/** The fact when the inventory keeps no reports. */
export const NO_SAVED_REPORTS: SavedReportsFact = { dir: undefined, naming: [], unreadable: [] };

/** The reports directory, read once per run on first use and answered per host from memory. */
export class SavedReportsIndex {
  #listing: Promise<FactResult<SavedReportsListing>> | undefined;
  constructor(readonly dir: string) {}

  async forHost(name: string): Promise<FactResult<SavedReportsFact>> {
    this.#listing ??= readSavedReports(this.dir);
    const listing = await this.#listing;
    if (!listing.ok) return listing;
    return {
      ok: true,
      value: { dir: this.dir, naming: listing.value.reports.filter((r) => r.names.has(name)).map((r) => r.file), unreadable: listing.value.unreadable },
    };
  }
}
