// fleetcheck's own version, read from its package.json wherever the code runs from (src or dist).
import { readFileSync } from 'node:fs';

/** The version recorded in every report. */
export function fleetcheckVersion(): string {
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'fleetcheck' && pkg.version) return pkg.version;
    } catch {
      // Not here; look one directory up.
    }
    dir = new URL('..', dir);
  }
  return 'unknown';
}
