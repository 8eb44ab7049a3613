// Finds fleetcheck's own installation directory, whether the code runs from src/, dist/src/ or the bundle in dist/.
import { readFileSync } from 'node:fs';

let cached: URL | undefined;

/** The directory holding fleetcheck's package.json (with a trailing slash), found by walking up. */
export function packageRoot(): URL {
  if (cached) return cached;
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string };
      if (pkg.name === 'fleetcheck') return (cached = dir);
    } catch {
      // Not here; look one directory up.
    }
    dir = new URL('..', dir);
  }
  throw new Error('cannot find fleetcheck’s package.json above ' + import.meta.url);
}
