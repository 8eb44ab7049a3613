// The two kinds of bad input the CLI distinguishes, each with its exit code.
import { ExitCode } from './exit-codes.js';

/** An error the operator can fix; carries the exit code it ends the run with. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

/** A bad flag, rack, node set or check pattern: exit 64. */
export const usageError = (message: string): CliError => new CliError(ExitCode.Usage, message);

/** A bad inventory, secrets file or other configuration: exit 78. */
export const configError = (message: string): CliError => new CliError(ExitCode.Config, message);
