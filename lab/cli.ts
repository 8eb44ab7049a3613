// Entry point of `npm run lab:up|lab:down|lab:status`: parses arguments, runs one command, sets the exit code.
import { labDown } from './commands/down.js';
import { labStatus } from './commands/status.js';
import { fleetPaths } from './commands/fleet-paths.js';
import { labUp } from './commands/up.js';
import { LabError } from './lab-error.js';
import { findRepoRoot, labPaths } from './lab-paths.js';
import { renderSummaryTable } from './report/summary-table.js';

const USAGE =
  'usage: lab <up|down|status> [--only host1,host2]\n' +
  '       lab <up|down|status> --fleet FILE --state DIR [--inventory FILE] [--secrets FILE] [--only …]\n' +
  '  --fleet/--state run a fleet other than the test lab (e.g. the benchmark\'s) with its own state;\n' +
  '  its addresses are 127.12.<rack>.<n> (sshd) and 127.13.<rack>.<n> (BMC).';

/** The address plan of a fleet given with --fleet: apart from the test lab's 127.10/127.11. */
const SEPARATE_FLEET_PLAN = { ssh: 12, bmc: 13 } as const;

interface Args {
  command: string;
  only?: string[];
  fleet?: string;
  state?: string;
  inventory?: string;
  secrets?: string;
}

/** Exit codes: 0 done, 1 something failed or is not up, 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function parseArgs(argv: string[]): Args | undefined {
  const [command, ...rest] = argv;
  if (!command || !['up', 'down', 'status'].includes(command)) return undefined;
  let only: string[] | undefined;
  const files: Partial<Record<'fleet' | 'state' | 'inventory' | 'secrets', string>> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? (rest[i + 1] !== undefined ? rest[++i] : undefined);
    if (flag === '--only') {
      const v = value();
      if (!v) return undefined;
      only = v.split(',').filter(Boolean);
    } else if (flag === '--fleet' || flag === '--state' || flag === '--inventory' || flag === '--secrets') {
      const v = value();
      if (!v) return undefined;
      files[flag.slice(2) as keyof typeof files] = v;
    } else {
      return undefined;
    }
  }
  // A separate fleet needs both its description and its own state; the other files only go with them.
  if ((files.fleet === undefined) !== (files.state === undefined)) return undefined;
  if (files.fleet === undefined && (files.inventory !== undefined || files.secrets !== undefined)) return undefined;
  return { command, ...(only ? { only } : {}), ...files };
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
  const repo = findRepoRoot();
  const paths =
    args.fleet !== undefined && args.state !== undefined
      ? fleetPaths(repo, {
          fleet: args.fleet,
          state: args.state,
          ...(args.inventory !== undefined ? { inventory: args.inventory } : {}),
          ...(args.secrets !== undefined ? { secrets: args.secrets } : {}),
          addressPlan: SEPARATE_FLEET_PLAN,
        })
      : labPaths(repo);
  const started = performance.now();
  const seconds = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  if (args.command === 'up') {
    const result = await labUp(paths, {
      only: args.only,
      progress: (line) => console.log(line),
      // A generated fleet may be hundreds of hosts starting at once on two cores.
      ...(args.fleet !== undefined ? { readyTimeoutMs: 180_000 } : {}),
    });
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
