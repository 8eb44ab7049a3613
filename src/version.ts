// fleetcheck's own version, as recorded in every report.
import { readFileSync } from 'node:fs';
import { packageRoot } from './package-root.js';

/** The version from package.json. */
export function fleetcheckVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageRoot()), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
