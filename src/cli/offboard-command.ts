// `fleetcheck offboard --host NAME`: the contract-end scan an offboarding script runs. Its exit
// code is the answer: 0 the host may be handed back, 1 it may not, 2 it could not be proven.
import { ExitCode } from './exit-codes.js';
import { scanCommand, type ScanIo } from './scan-command.js';
import { usageError } from './usage-error.js';

/** Flags of the offboard command. */
export interface OffboardFlags {
  inventory: string;
  host: string[];
  format: string;
  output?: string;
  acceptNewHostKeys: boolean;
  progress: boolean;
  verbose?: boolean;
}

/** Scans the named hosts with every check under contract-end rules and prints the yes/no on stderr. */
export async function offboardCommand(flags: OffboardFlags, io: ScanIo): Promise<ExitCode> {
  // Offboarding writes (the BIOS password probe) and judges by contract-end rules: never the whole
  // fleet by default. An empty --host '' counts as none too.
  if (flags.host.every((h) => h.trim() === '')) throw usageError('offboard: name the host(s) to hand back with --host (offboarding writes, so it never defaults to the whole fleet)');
  const code = await scanCommand(
    {
      inventory: flags.inventory,
      rack: [],
      hosts: flags.host,
      check: [],
      format: flags.format,
      ...(flags.output === undefined ? {} : { output: flags.output }),
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
