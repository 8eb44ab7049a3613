// The store.saved-reports fact: fleetcheck's own saved reports that name a host.

/** The `store.saved-reports` fact for one host. */
export interface SavedReportsFact {
  /** The inventory's `reports.dir`; undefined when it names none (then no report is judged). */
  dir: string | undefined;
  /** Saved reports that name this host. */
  naming: string[];
  /** Report files that could not be read: they may name this host. */
  unreadable: Array<{ file: string; reason: string }>;
}
