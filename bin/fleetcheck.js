#!/usr/bin/env node
// Runs the built command line (one bundle, see rolldown.config.mjs) and exits with its documented exit code.
import { existsSync, statSync } from 'node:fs';

const entry = new URL('../dist/fleetcheck.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('fleetcheck: not built yet; run `npm run build` (or `sh scripts/setup.sh`) first\n');
  process.exit(78);
}
// In a checkout, tsc alone (`npx tsc`, `tsc --watch`) leaves the bundle behind its own output: the
// run would be of older code than the tree's, and say nothing. An installed package has no dist/src.
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(compiled) && statSync(compiled).mtimeMs > statSync(entry).mtimeMs) {
  process.stderr.write('fleetcheck: dist/fleetcheck.mjs is older than dist/src (tsc ran without the bundler); run `npm run build`\n');
  process.exit(78);
}
const { main } = await import(entry.href);
const code = await main(process.argv);
// Flush stdout before leaving: a report piped to another program must arrive whole.
process.stdout.write('', () => process.exit(code));
