// Runs the real command line, as an operator or a cron job would.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

/** The repository root; the CLI is run from here so relative inventory paths work as in the README. */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** What one CLI run produced. */
export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `fleetcheck ...args` with stdout piped (not a TTY), and never throws on a non-zero exit. */
export async function fleetcheck(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliRun> {
  const r = await execa('node', ['bin/fleetcheck.js', ...args], {
    cwd: REPO,
    reject: false,
    env: options.env,
    timeout: options.timeoutMs ?? 120_000,
    stdin: 'ignore',
  });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}
