// A file a collecting section read on the host, as several backup facts carry it.

/** One file a section read on the host. */
export interface DumpedFile {
  path: string;
  /** `unreadable` when the collecting user could not read it: checks must not treat it as empty. */
  state: 'read' | 'unreadable';
  lines: string[];
  /** True when the file was longer than the read limit and only its start was read. */
  truncated: boolean;
}
