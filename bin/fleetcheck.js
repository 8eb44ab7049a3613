#!/usr/bin/env node
// Runs the built command line (one bundle, see rolldown.config.mjs) and exits with its documented exit code.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/fleetcheck.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('fleetcheck: not built yet; run `npm run build` (or `sh scripts/setup.sh`) first\n');
  process.exit(78);
}
const { main } = await import(entry.href);
const code = await main(process.argv);
// Flush stdout before leaving: a report piped to another program must arrive whole.
process.stdout.write('', () => process.exit(code));
