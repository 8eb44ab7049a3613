// Runs a setup command to completion with its output appended to a log file, for long builds.
import { execa } from 'execa';
import { LabError } from '../lab-error.js';

/** Runs `file args` with stdout and stderr appended to `log`; a failure is a LabError that names the log. */
export async function runLogged(
  file: string,
  args: string[],
  log: string,
  options: { env?: Record<string, string>; what: string },
): Promise<void> {
  const result = await execa(file, args, {
    stdin: 'ignore',
    stdout: { file: log, append: true },
    stderr: { file: log, append: true },
    reject: false,
    env: { LC_ALL: 'C', ...options.env },
  });
  if (result.failed) {
    const why = result.exitCode === undefined ? result.shortMessage : `exit code ${result.exitCode}`;
    throw new LabError(`${options.what} failed (${why}); see ${log}`, log);
  }
}
