// Entry point of `npm run lab:up|lab:down|lab:status`: parses arguments, runs one command, sets the exit code.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labDown } from './commands/down.js';
import { labStatus } from './commands/status.js';
import { labUp } from './commands/up.js';
import { LabError } from './lab-error.js';
import { findRepoRoot, labPaths } from './lab-paths.js';
import { renderSummaryTable } from './report/summary-table.js';

const USAGE = 'usage: lab <up|down|status> [--only host1,host2]';

/** Exit codes: 0 done, 1 something failed or is not up, 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function parseArgs(argv: string[]): { command: string; only?: string[] } | undefined {
  const [command, ...rest] = argv;
  if (!command || !['up', 'down', 'status'].includes(command)) return undefined;
  let only: string[] | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--only' && rest[i + 1]) only = (rest[++i] ?? '').split(',').filter(Boolean);
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length).split(',').filter(Boolean);
    else return undefined;
  }
  return only ? { command, only } : { command };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    console.error(USAGE);
    return EXIT.usage;
  }
  if (process.getuid?.() !== 0) {
    console.error('lab: must run as root (it mounts overlays and creates namespaces)');
    return EXIT.failed;
  }
  const paths = labPaths(findRepoRoot(dirname(fileURLToPath(import.meta.url))));
  const started = performance.now();
  const seconds = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  if (args.command === 'up') {
    const result = await labUp(paths, { only: args.only, progress: (line) => console.log(line) });
    console.log(renderSummaryTable(result.rows));
    if (result.problems.length > 0) {
      console.error(`lab up: ${result.problems.length} problem(s) after ${seconds()}:\n  ${result.problems.join('\n  ')}`);
      return EXIT.failed;
    }
    console.log(`lab up: ${result.rows.length} host(s) ready in ${seconds()}`);
    return EXIT.ok;
  }
  if (args.command === 'down') {
    const result = await labDown(paths, args.only);
    const stopped = result.rows.filter((r) => r.container !== 'not running' || r.bmc !== 'not running').length;
    if (result.problems.length > 0) {
      console.error(`lab down: ${result.problems.join('\n  ')}`);
      return EXIT.failed;
    }
    console.log(`lab down: stopped ${stopped} host(s), reset ${result.rows.length}, in ${seconds()}`);
    return EXIT.ok;
  }
  const status = await labStatus(paths, args.only);
  console.log(renderSummaryTable(status.rows));
  return status.allUp ? EXIT.ok : EXIT.failed;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof LabError ? `lab: ${error.message}` : error);
    process.exitCode = EXIT.failed;
  },
);
