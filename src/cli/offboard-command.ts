// `fleetcheck offboard --host NAME`: the contract-end scan an offboarding script runs. Its exit
// code is the answer: 0 the host may be handed back, 1 it may not, 2 it could not be proven.
import { ExitCode } from './exit-codes.js';
import { scanCommand, type ScanIo } from './scan-command.js';

/** Flags of the offboard command. */
export interface OffboardFlags {
  inventory: string;
  host: string[];
  format?: string;
  output?: string;
  report?: string[];
  acceptNewHostKeys: boolean;
  progress: boolean;
  verbose?: boolean;
}

/** Scans the named hosts with every check under contract-end rules and prints the yes/no on stderr. */
export async function offboardCommand(flags: OffboardFlags, io: ScanIo): Promise<ExitCode> {
  const code = await scanCommand(
    {
      inventory: flags.inventory,
      rack: [],
      hosts: flags.host,
      check: [],
      ...(flags.format === undefined ? {} : { format: flags.format }),
      ...(flags.output === undefined ? {} : { output: flags.output }),
      ...(flags.report === undefined ? {} : { report: flags.report }),
      acceptNewHostKeys: flags.acceptNewHostKeys,
      progress: flags.progress,
      ...(flags.verbose === undefined ? {} : { verbose: flags.verbose }),
      contractEnd: true,
    },
    io,
  );
  const answer = code === ExitCode.Compliant ? 'yes' : code === ExitCode.Violation ? 'no' : 'unproven';
  if (io.stderr.isTTY) io.stderr.write(`ready for hand-back: ${answer}\n`);
  return code;
}
