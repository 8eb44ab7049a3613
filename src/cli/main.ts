// The command line: parses flags, runs one command, and is the only place that exits the process.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ALL_CHECKS } from '../checks/catalogue.js';
import { REPORT_FORMATS } from '../report/reporters.js';
import { OFFBOARD_NAMESPACE } from '../signing/ssh-signature.js';
import { fleetcheckVersion } from '../version.js';
import { diffCommand } from './diff-command.js';
import { ExitCode } from './exit-codes.js';
import { listCommand } from './list-command.js';
import { offboardCommand } from './offboard-command.js';
import { verifyCommand } from './verify-command.js';
import { secretsImport, secretsInit, secretsList, secretsSet } from './secrets-command.js';
import { secretsPurge } from './secrets-purge.js';
import { scanCommand, type ScanIo } from './scan-command.js';
import { guardStdout } from './stdout-writes.js';
import { noteUserInterrupt } from '../transport/user-interrupt.js';
import { RunTally } from './run-tally.js';
import { canColor } from './terminal-style.js';
import { CliError } from './usage-error.js';

const DEFAULT_INVENTORY = 'inventory/fleet.yaml';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('expected a whole number from 1 to 100000');
  return n;
}

function addSelectionOptions(cmd: Command): Command {
  return cmd
    .option('-i, --inventory <file>', 'inventory file', DEFAULT_INVENTORY)
    .option('-r, --rack <name>', 'select a rack (repeatable)', collect, [])
    .option('-H, --hosts <nodeset>', "select hosts by node set, e.g. 'a3-[01-04],b1-02' (repeatable)", collect, []);
}

const SCAN_EXAMPLES = `
Examples:
  fleetcheck --rack A3                        table on a terminal
  fleetcheck --rack A3 --rack B1 --format json --output report.json
  fleetcheck --hosts 'a3-[01-04],b1-02'       ClusterShell-style node sets
  fleetcheck --inventory other.yaml --check 'residue.*'
  fleetcheck --rack A3 --save                 also keep the JSON report in the inventory's reports.dir
  fleetcheck --rack A3 --save --changes       and first say what changed since the last saved run
  fleetcheck --report table --report json:r.json --report junit:junit.xml --report prometheus:fc.prom --report html:rack.html

Exit codes:
  0   every selected host compliant
  1   at least one violation
  2   no violation, but some host or check could not be completed
  64  usage error (bad flag, unknown rack, node set or check pattern)
  70  internal error (a bug; please report it)
  78  bad inventory or configuration, or an output that could not be written whole (the others still are)
  130 interrupted (SIGINT): the report holds the hosts that completed
  141 the reader of standard output closed the pipe (as for a tool SIGPIPE ended)`;

/**
 * Runs a fleet command with the process's streams and SIGINT wired in: the first SIGINT stops new
 * hosts and lets running ones finish, so the report of what completed is still written; a second
 * one leaves at once.
 */
async function withInterrupts(run: (io: ScanIo) => Promise<ExitCode>): Promise<ExitCode> {
  const stop = new AbortController();
  const tally = new RunTally();
  let interrupts = 0;
  const onSigint = () => {
    noteUserInterrupt();
    if (++interrupts > 1) {
      // Said even under cron: whoever sent the second interrupt needs to know what it cost.
      process.stderr.write(`\nfleetcheck: interrupted again: leaving at once; ${tally.lossLine()}\n`);
      process.exit(ExitCode.Interrupted);
    }
    stop.abort();
  };
  // SIGTERM (systemd, timeout(1)) and SIGHUP end the run at once, but through process.exit, so the
  // 'exit' hooks still end every child we started (ipmitool, secret helpers) instead of orphaning them.
  const onSigterm = () => process.exit(128 + 15);
  const onSighup = () => process.exit(128 + 1);
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  process.on('SIGHUP', onSighup);
  const color = canColor(process.stdout);
  try {
    return await run({ stdout: process.stdout, stderr: process.stderr, stop: stop.signal, color, tally });
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    process.off('SIGHUP', onSighup);
  }
}

/** Builds the program; each action hands its exit code to `done`. */
function buildProgram(done: (code: ExitCode) => void): Command {
  const program = new Command('fleetcheck')
    .description('Prove, server by server, that the provider keeps no backups, that the initial BMC credentials work, and that no provider credential is left behind.')
    .version(fleetcheckVersion())
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `\nWith no command, \`scan\` runs: see \`fleetcheck scan --help\`.${SCAN_EXAMPLES}`)
    .exitOverride();

  addSelectionOptions(program.command('scan', { isDefault: true }).description('scan the selected hosts (the default command)'))
    .option('-c, --check <pattern>', "run only checks matching the pattern, e.g. 'residue.*' (repeatable)", collect, [])
    .addOption(new Option('-f, --format <format>', 'report format (default: table)').choices(REPORT_FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--report <format[:path]>', `an output of the run, repeatable: ${REPORT_FORMATS.join(', ')}; no path is standard output`, collect, [])
    .option('--concurrency <n>', 'hosts scanned at once (default: the inventory’s)', positiveInt)
    .option('--accept-new-host-keys', 'record host keys of hosts not yet in known_hosts (never replaces a changed key)', false)
    .option('--no-progress', 'no progress line on stderr (it is only shown on a terminal anyway)')
    .option('-v, --verbose', 'table: show every check of every host, not only what needs attention', false)
    .option('--contract-end', 'judge every selected host by contract-end rules (credentials back to the initial ones)', false)
    .option('--bios-password-check', 'run bios.initial-password during the contract too: it WRITES (Redfish Bios.ChangePassword, stored password to itself)', false)
    .option('--save', 'also save the JSON report in the inventory’s reports.dir as <UTC timestamp>.json (mode 0640)', false)
    .option('--changes', 'first print what changed since the newest earlier saved report (reports.dir) of the same selection', false)
    .addHelpText('after', SCAN_EXAMPLES)
    .action(async (flags) => done(await withInterrupts((io) => scanCommand(flags, io))));

  program
    .command('offboard')
    .description('contract-end scan of the named host(s): exit 0 = may be handed back, 1 = may not, 2 = unproven')
    .option('-i, --inventory <file>', 'inventory file', DEFAULT_INVENTORY)
    .requiredOption('-H, --host <name>', 'host to hand back (repeatable; node sets allowed)', collect, [])
    .addOption(new Option('-f, --format <format>', 'report format (default: table)').choices(REPORT_FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--report <format[:path]>', `an output of the run, repeatable: ${REPORT_FORMATS.join(', ')}`, collect, [])
    .option('--accept-new-host-keys', 'record host keys of hosts not yet in known_hosts', false)
    .option('--no-progress', 'no progress line on stderr')
    .option('-v, --verbose', 'table: show every check, not only what needs attention', false)
    .option('--sign <key>', 'sign a certificate per host with this SSH key (a private key file, or the .pub of a key in ssh-agent); needs --evidence')
    .option('--evidence <dir>', 'write each host\'s certificate there: <host>.json and its signature <host>.json.sig')
    .addHelpText(
      'after',
      `\nExamples:\n  fleetcheck offboard --host a3-07 && release-server a3-07\n  fleetcheck offboard --host a3-07 --format json --output a3-07-offboard.json\n  fleetcheck offboard --host a3-07 --sign keys/offboard_ed25519 --evidence evidence/\n\nThe customer checks a certificate with OpenSSH alone:\n  ssh-keygen -Y verify -f allowed_signers -I provider -n ${OFFBOARD_NAMESPACE} -s a3-07.json.sig < a3-07.json\n\nExit codes: 0 yes (compliant under contract-end rules), 1 no (a violation), 2 unproven, 64 bad flags, 78 bad input or a certificate or output that could not be written`,
    )
    .action(async (flags) => done(await withInterrupts((io) => offboardCommand(flags, io))));

  program
    .command('diff')
    .description('what changed between two JSON reports: hosts added or gone, findings new, resolved or changed, waivers expired')
    .argument('<old>', 'the earlier JSON report')
    .argument('<new>', 'the later JSON report')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', `\nExamples:\n  fleetcheck diff reports/20261123T010000Z.json reports/20261124T010000Z.json\n  fleetcheck diff last-night.json report.json --format json\n\nExit codes: 0 nothing changed, 1 something changed, 78 a report that cannot be read`)
    .action(async (older: string, newer: string, flags) => done((await diffCommand(older, newer, flags, process.stdout)) as ExitCode));

  program
    .command('verify')
    .description(`check an offboarding certificate as \`ssh-keygen -Y verify -n ${OFFBOARD_NAMESPACE}\` does, and say what it proves`)
    .argument('<statement>', 'the statement, <host>.json (its signature is <host>.json.sig beside it)')
    .requiredOption('-f, --allowed-signers <file>', 'OpenSSH allowed_signers file: "<identity> <key type> <key>" per line')
    .option('-I, --identity <name>', 'the signer identity in allowed_signers', 'provider')
    .option('-s, --signature <file>', 'the signature file (default: <statement>.sig)')
    .addHelpText('after', `\nExample:\n  fleetcheck verify a3-07.json --allowed-signers allowed_signers --identity provider\n\nExit codes: 0 good signature, 1 it does not verify, 78 the statement cannot be read`)
    .action(async (statement: string, flags) => done((await verifyCommand(statement, flags, process.stdout)) as ExitCode));

  const secrets = program.command('secrets').description('manage the secret store the inventory names (values are never printed)');
  const secretsIo = () => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  secrets
    .command('init')
    .description('create an empty store (and the age identity file, if the inventory names one that is missing)')
    .option('-i, --inventory <file>', 'inventory file', DEFAULT_INVENTORY)
    .addHelpText('after', `\nExample:\n  fleetcheck secrets init --inventory inventory/fleet.yaml`)
    .action(async (flags) => done(await secretsInit(flags, secretsIo())));
  secrets
    .command('set')
    .description('store one secret, read from standard input (first line) or a prompt that does not echo')
    .argument('<key>', 'the host\'s key in the store (its name unless the inventory sets `secrets:`), or a provider system for `repository`')
    .argument('<what...>', 'bmc USER | bios | os USER | disk DEVICE | repository NAME')
    .option('-i, --inventory <file>', 'inventory file', DEFAULT_INVENTORY)
    .option('--privilege <level>', 'BMC account privilege: user, operator or administrator (default administrator)')
    .option('--handover <date>', 'for os and disk: the date it was handed to the customer')
    .addHelpText('after', `\nExamples:\n  fleetcheck secrets set a3-01 bmc ADMIN                 prompts twice, no echo\n  vault kv get -field=pw bmc/a3-01 | fleetcheck secrets set a3-01 bmc ADMIN\n  fleetcheck secrets set a3-01 bios\n  fleetcheck secrets set a3-01 disk /dev/sda2 --handover 2026-01-02\n  fleetcheck secrets set backup01 repository restic-main   a provider system's repository password`)
    .action(async (key: string, what: string[], flags) => done(await secretsSet(key, what, flags, secretsIo())));
  secrets
    .command('list')
    .description('list the keys in the store and the account names they hold, never a value')
    .option('-i, --inventory <file>', 'inventory file', DEFAULT_INVENTORY)
    .addHelpText('after', `\nExample:\n  fleetcheck secrets list --inventory inventory/lab.yaml`)
    .action(async (flags) => done(await secretsList(flags, secretsIo())));
  secrets
    .command('import')
    .description('merge initial credentials from a CSV (host,user,password,privilege[,bios_password]) or the store\'s YAML')
    .argument('<file>', 'the file to import; delete it afterwards')
    .option('-i, --inventory <file>', 'inventory file', DEFAULT_INVENTORY)
    .addHelpText('after', `\nExamples:\n  fleetcheck secrets import handover-2026-11.csv && shred -u handover-2026-11.csv\n  fleetcheck secrets import initial.yaml\n\nCSV:\n  host,user,password,privilege,bios_password\n  a3-01,ADMIN,<initial password>,administrator,<bios password>`)
    .action(async (file: string, flags) => done(await secretsImport(file, flags, secretsIo())));
  secrets
    .command('purge')
    .description('remove what policy says must be gone: OS logins and disk passphrases past handover, and everything about a host past retention (store and saved reports)')
    .option('-i, --inventory <file>', 'inventory file', DEFAULT_INVENTORY)
    .requiredOption('-H, --host <nodeset>', "host(s) to purge, e.g. 'd4-[09-11]' (repeatable)", collect, [])
    .option('--dry-run', 'list what would go (keys and kinds, never values) and change nothing', false)
    .option('-y, --yes', 'purge without asking (required when standard input is not a terminal)', false)
    .addHelpText(
      'after',
      `\nExamples:\n  fleetcheck secrets purge --host d4-11 --dry-run\n  fleetcheck secrets purge --host 'd4-[09-11]'              asks before removing\n  fleetcheck secrets purge --host 'b1-[01-02]' --yes        from a script\n\nThe rules are those of residue.store-os-credentials and residue.store-retention: an OS login or disk\npassphrase goes the day after its handover date (its own, else the contract's); a host's whole entry,\nand the host's results in the inventory's saved reports (reports.dir), go once its contract ended more\nthan provider.retention ago. pass entries are rewritten or removed with pass; a command store cannot be\npurged (exit 78): its helper owns it.\n\nExit codes: 0 done (or nothing to do), 1 declined at the prompt, 2 a saved report could not be read,\n64 no --yes and no terminal to confirm on, 78 bad inventory or a store that cannot be purged`,
    )
    .action(async (flags) => done(await secretsPurge(flags, secretsIo())));

  addSelectionOptions(program.command('list').description('show the hosts a scan would select, without connecting'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', `\nExamples:\n  fleetcheck list --rack A3\n  fleetcheck list --hosts 'a3-[01-04]' --format json`)
    .action(async (flags) => {
      await listCommand(flags, process.stdout);
      done(ExitCode.Compliant);
    });

  program
    .command('checks')
    .description('list every check id with what it proves')
    .addHelpText('after', `\nExample:\n  fleetcheck checks`)
    .action(() => {
      const width = Math.max(...ALL_CHECKS.map((c) => c.id.length));
      for (const c of ALL_CHECKS) process.stdout.write(`${c.id.padEnd(width)}  ${c.title}\n`);
      done(ExitCode.Compliant);
    });

  return program;
}

/** Entry point: runs the command line and resolves to the exit code (the bin script exits with it). */
export async function main(argv: readonly string[]): Promise<number> {
  let code: ExitCode = ExitCode.Compliant;
  const program = buildProgram((c) => (code = c));
  const stdout = guardStdout(process.stdout);
  const report = (err: CliError): ExitCode => {
    // A closed pipe ends quietly, as a tool SIGPIPE ended would; every other problem is said.
    if (err.message !== '') process.stderr.write(`fleetcheck: ${err.message}\n`);
    return err.exitCode;
  };
  try {
    await program.parseAsync(argv);
    await stdout.flush();
    const failed = stdout.failure();
    return failed ? report(failed) : code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; every other parse problem is a usage error.
      return err.exitCode === 0 ? ExitCode.Compliant : ExitCode.Usage;
    }
    if (err instanceof CliError) return report(err);
    process.stderr.write(`fleetcheck: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return ExitCode.Internal;
  }
}
