// `fleetcheck offboard --host NAME`: the contract-end scan an offboarding script runs. Its exit
// code is the answer: 0 the host may be handed back, 1 it may not, 2 it could not be proven.
import { ExitCode } from './exit-codes.js';
import { handBackAnswer } from './hand-back-answer.js';
import { checkCertificatePlaces, writeCertificates } from './offboard-certificates.js';
import { scanCommand, type ScanHooks, type ScanIo } from './scan-command.js';
import { configError, usageError } from './usage-error.js';

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
  /** A private key file, or the public key of a key in ssh-agent: signs one certificate per host. */
  sign?: string;
  /** Where the certificates go: <host>.json and <host>.json.sig. */
  evidence?: string;
}

/** Scans the named hosts with every check under contract-end rules and prints the yes/no on stderr. */
export async function offboardCommand(flags: OffboardFlags, io: ScanIo): Promise<ExitCode> {
  // Offboarding writes (the BIOS password probe) and judges by contract-end rules: never the whole
  // fleet by default. An empty --host '' counts as none too.
  if (flags.host.every((h) => h.trim() === '')) throw usageError('offboard: name the host(s) to hand back with --host (offboarding writes, so it never defaults to the whole fleet)');
  if ((flags.sign === undefined) !== (flags.evidence === undefined)) throw usageError('--sign KEY and --evidence DIR go together: the certificate is the statement and its signature');
  const hooks: ScanHooks = {};
  if (flags.sign !== undefined && flags.evidence !== undefined) {
    const settings = { key: flags.sign, dir: flags.evidence };
    const problems = await checkCertificatePlaces(settings);
    if (problems.length > 0) throw configError(problems.join('\n'));
    hooks.afterReport = async (report, { hosts }) => {
      const outcome = await writeCertificates(report, hosts, settings, new Date());
      for (const f of outcome.failures) io.stderr.write(`fleetcheck: ${f}\n`);
      if (io.stderr.isTTY) for (const w of outcome.written) io.stderr.write(`wrote ${w} and ${w}.sig\n`);
      return outcome.failures.length > 0 ? ExitCode.Config : undefined;
    };
  }
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
    hooks,
  );
  if (io.stderr.isTTY) io.stderr.write(`ready for hand-back: ${handBackAnswer(code)}\n`);
  return code;
}
