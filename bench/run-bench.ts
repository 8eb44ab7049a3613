// `npm run bench`: boots a generated lab of N hosts and N BMCs apart from the test lab, then times,
// side by side on the same hosts at the same concurrency, fleetcheck's audits and the tools ops would
// otherwise use (parallel-ssh, ansible -m raw, an ipmitool fan-out). Prints a README-ready table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '../lab/lab-paths.js';
import { ALL_CHECKS } from '../src/checks/catalogue.js';
import { defaultBmcCredentials } from '../src/collect/bmc/default-credentials-catalogue.js';
import { buildCollectingScript, collectingCommand, newMarker } from '../src/collect/ssh/collecting-script.js';
import { SSH_SECTIONS } from '../src/collect/ssh/sections.js';
import type { Report } from '../src/report/report.js';
import { BENCH_BMC_PASSWORD, BENCH_BMC_USER, JUNK_HOST, nodeSetOfFirst, writeBenchFleet, type BenchFleet } from './generate-fleet.js';
import { plantJunk } from './junk-host.js';
import { listScalingTable } from './list-scaling.js';
import { measure, type Measurement } from './measure.js';

interface Options {
  hosts: number;
  reps: number;
  concurrency: number;
  keep: boolean;
  cpuProf: boolean;
  dir: string;
  /** The run ids to time (`--only a,b`); every run when absent. The list scaling is skipped then. */
  only?: Set<string>;
}

const USAGE = 'usage: npm run bench -- [--hosts N] [--reps R] [--concurrency C] [--keep] [--cpu-prof] [--dir DIR] [--only RUN,RUN…]';

function parseOptions(argv: string[]): Options {
  const o: Options = { hosts: 200, reps: 3, concurrency: 64, keep: false, cpuProf: false, dir: '/var/tmp/fleetcheck-bench' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive whole number\n${USAGE}`);
      return n;
    };
    if (a === '--hosts') o.hosts = num();
    else if (a === '--reps') o.reps = num();
    else if (a === '--concurrency') o.concurrency = num();
    else if (a === '--keep') o.keep = true;
    else if (a === '--cpu-prof') o.cpuProf = true;
    else if (a === '--dir') o.dir = argv[++i] ?? o.dir;
    else if (a === '--only') o.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (o.hosts > 254 * 20) throw new Error('--hosts: at most 5080');
  return o;
}

/** One thing timed in every repetition. */
interface Run {
  id: string;
  label: string;
  hosts: number;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  stdinFile?: string;
  /** Checks the run did what it claims (every host answered); returns a problem or undefined. */
  verify?: (m: Measurement) => string | undefined;
  /** How many timed runs at least, beyond `--reps`: a run of under a second moves with the machine's noise more than one of many seconds. */
  minReps?: number;
}

/** The timed runs of the sub-second BMC rows, bmc-info and the native probes alike. */
const SHORT_RUN_REPS = 9;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function version(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] ?? '?';
}

function machineLine(o: Options): string {
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  const debian = existsSync('/etc/debian_version') ? `Debian ${readFileSync('/etc/debian_version', 'utf8').trim()}` : 'Linux';
  return [
    `machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${debian}, kernel ${kernel}`,
    `node ${process.version}, ${version('ssh', ['-V'])}, ${version('parallel-ssh', ['--version']).replace(/^/, 'parallel-ssh ')}, ${version('ansible', ['--version'])}, ${version('ipmitool', ['-V'])}, ${version('bmc-info', ['--version'])}`,
    `${o.hosts} hosts + ${o.hosts} BMCs in the lab on the same machine, concurrency ${o.concurrency} for every tool, median of ${o.reps} runs${o.reps < SHORT_RUN_REPS ? ` (${SHORT_RUN_REPS} for the sub-second native-probe and bmc-info rows)` : ''}, ${new Date().toISOString().slice(0, 10)}`,
  ].join('; ');
}

function reportProblem(file: string, expectHosts: number): string | undefined {
  if (!existsSync(file)) return 'no report written';
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  const s = report.summary.hosts;
  if (s.total !== expectHosts) return `report has ${s.total} hosts, expected ${expectHosts}`;
  if (s.error > 0) {
    const first = report.hosts.find((h) => h.verdict === 'error');
    const msg = first?.checks.find((c) => c.status === 'error')?.message ?? '';
    return `${s.error} host(s) in error, e.g. ${first?.name}: ${msg}`;
  }
  return undefined;
}

/**
 * What the native harness's result line says against what it should: every BMC probed, none failed,
 * no handshake left unfinished. It exits 0 only after writing the line, so a run that died before
 * writing cannot pass on an earlier run's file.
 */
function nativeResultProblem(file: string, expectBmcs: number, exitCode: number): string | undefined {
  if (!existsSync(file)) return `no result written (exit ${exitCode})`;
  const [bmcs, unfinished, failures] = readFileSync(file, 'utf8').trim().split(' ').map(Number);
  if (bmcs !== expectBmcs) return `probed ${bmcs} BMCs, expected ${expectBmcs}`;
  if (failures !== 0) return `${failures} BMC(s) failed a probe`;
  if (unfinished !== 0) return `${unfinished} handshake(s) left unfinished`;
  return exitCode === 0 ? undefined : `exit ${exitCode}`;
}

/** Handshakes the report says the run left unfinished, summed over its BMCs. */
function unfinishedHandshakes(file: string): number {
  if (!existsSync(file)) return Number.NaN;
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  return report.hosts.reduce((sum, h) => sum + (h.bmcUnfinishedHandshakes ?? Number.NaN), 0);
}

/** Unfinished handshakes per BMC of each full BMC audit run, filled by its verify step. */
const unfinishedPerBmc: number[] = [];

/** The most evidence entries one finding may carry: the limit and its closing "and N more" entry. */
const MAX_EVIDENCE_PER_FINDING = 51;

/**
 * The junk run did what it claims: every clean host judged as in the clean run, and the junk
 * host's findings (an error or a warning about its key files, never a pass) with bounded evidence.
 */
function junkReportProblem(file: string, expectHosts: number): string | undefined {
  if (!existsSync(file)) return 'no report written';
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  if (report.summary.hosts.total !== expectHosts + 1) return `report has ${report.summary.hosts.total} hosts, expected ${expectHosts + 1}`;
  const junk = report.hosts.find((h) => h.name === JUNK_HOST.name);
  if (!junk) return 'the junk host is not in the report';
  const others = report.hosts.filter((h) => h !== junk && h.verdict === 'error');
  if (others.length > 0) return `${others.length} clean host(s) in error, e.g. ${others[0]!.name}`;
  const keys = junk.checks.find((c) => c.id === 'residue.provider-ssh-key');
  if (!keys || keys.status === 'pass') return `the junk host's key files were judged ${keys?.status ?? 'not at all'}`;
  const widest = Math.max(...junk.checks.map((c) => c.evidence.length));
  if (widest > MAX_EVIDENCE_PER_FINDING) return `a finding of the junk host carries ${widest} evidence entries`;
  return undefined;
}

function psshOutputsProblem(outDir: string, expectHosts: number, needle?: string): string | undefined {
  const files = existsSync(outDir) ? readdirSync(outDir) : [];
  if (files.length !== expectHosts) return `${files.length} outputs, expected ${expectHosts}`;
  if (needle) {
    const complete = files.filter((f) => readFileSync(join(outDir, f), 'utf8').includes(needle)).length;
    if (complete !== expectHosts) return `${complete} of ${expectHosts} outputs complete`;
  }
  return undefined;
}

function buildRuns(repo: string, fleet: BenchFleet, o: Options): Run[] {
  const dir = fleet.dir;
  const n = fleet.hosts.length;
  const half = Math.max(1, Math.floor(n / 2));
  const key = join(fleet.stateDir, 'keys/scanner_ed25519');
  const knownHosts = join(fleet.stateDir, 'known_hosts');
  const c = String(o.concurrency);

  // The collecting command fleetcheck sends, with every SSH section the current checks need.
  const needed = new Set(ALL_CHECKS.flatMap((check) => check.needs as readonly string[]));
  const sections = [...SSH_SECTIONS.entries()].filter(([fact]) => needed.has(fact)).map(([, s]) => s);
  const marker = newMarker();
  const scriptFile = join(dir, 'collecting-script.sh');
  writeFileSync(scriptFile, buildCollectingScript(sections, marker));
  const command = collectingCommand('root');

  const sshChecks = ALL_CHECKS.filter((check) => !check.needs.some((k) => k.startsWith('bmc.'))).map((check) => check.id);
  const bmcChecks = ALL_CHECKS.filter((check) => check.needs.some((k) => k.startsWith('bmc.'))).map((check) => check.id);

  const hostsFile = join(dir, 'pssh-hosts');
  writeFileSync(hostsFile, fleet.hosts.map((h) => `root@${h.ssh}`).join('\n') + '\n');
  const freeipmiConfig = join(dir, 'freeipmi.conf');
  writeFileSync(freeipmiConfig, `username ${BENCH_BMC_USER}\npassword ${BENCH_BMC_PASSWORD}\n`, { mode: 0o600 });
  const bmcFile = join(dir, 'bmc-addresses');
  writeFileSync(bmcFile, fleet.hosts.map((h) => h.bmc).join('\n') + '\n');
  // The catalogue's passwords for the bench's administrator name, which the native harness checks against its RAKP 2 code.
  const cataloguePasswordsFile = join(dir, 'catalogue-passwords.json');
  writeFileSync(cataloguePasswordsFile, JSON.stringify(defaultBmcCredentials().filter((d) => d.user === BENCH_BMC_USER).map((d) => d.password)));
  const nativeResultFile = join(dir, 'native-audit.result');
  const sshOpts = ['-O', `UserKnownHostsFile=${knownHosts}`, '-O', 'StrictHostKeyChecking=yes', '-O', 'BatchMode=yes', '-O', `IdentityFile=${key}`, '-O', 'IdentitiesOnly=yes'];
  const ansibleInventory = join(dir, 'ansible-inventory.ini');
  writeFileSync(
    ansibleInventory,
    ['[bench]', ...fleet.hosts.map((h) => h.ssh), '', '[bench:vars]', 'ansible_user=root', `ansible_ssh_private_key_file=${key}`,
      `ansible_ssh_common_args='-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes'`, ''].join('\n'),
  );
  const ansibleConfig = join(dir, 'ansible.cfg');
  writeFileSync(ansibleConfig, '[defaults]\nhost_key_checking = True\n');
  mkdirSync(join(dir, 'ansible-tmp'), { recursive: true });

  const report = join(dir, 'report.json');
  const fleetcheck = (extra: string[]): string[] => [
    'node', join(repo, 'bin/fleetcheck.js'), '--inventory', fleet.inventoryFile, '--format', 'json', '--output', report, '--no-progress', '--concurrency', c, ...extra,
  ];
  const outDir = (name: string) => {
    const d = join(dir, name);
    return d;
  };
  const fresh = (d: string) => rmSync(d, { recursive: true, force: true });
  const pssh = (name: string, extra: string[]): string[] => {
    const d = outDir(name);
    return ['sh', '-c', 'rm -rf "$1" && shift && exec "$@"', 'sh', d, 'parallel-ssh', '-h', hostsFile, '-p', c, '-t', '300', '-o', d, ...sshOpts, ...extra];
  };
  fresh(outDir('pssh-true'));

  return [
    { id: 'fc-full', label: 'fleetcheck: full audit (every SSH and BMC check)', hosts: n, argv: fleetcheck([]), verify: () => reportProblem(report, n) },
    { id: 'fc-full-half', label: 'fleetcheck: full audit, N/2 hosts', hosts: half, argv: fleetcheck(['--hosts', nodeSetOfFirst(fleet.hosts, half)]), verify: () => reportProblem(report, half) },
    { id: 'fc-ssh', label: `fleetcheck: SSH audit (${sshChecks.join(', ')})`, hosts: n, argv: fleetcheck(sshChecks.flatMap((id) => ['--check', id])), verify: () => reportProblem(report, n) },
    {
      id: 'fc-ssh-junk',
      label: `fleetcheck: SSH audit, the same hosts plus ${JUNK_HOST.name} holding ${Math.round(fleet.junkKiB / 1024)} MiB of junk in its key files`,
      hosts: n + 1,
      // The clean run's command with the inventory that adds the junk host.
      argv: fleetcheck(sshChecks.flatMap((id) => ['--check', id])).map((a) => (a === fleet.inventoryFile ? fleet.junkInventoryFile : a)),
      verify: () => junkReportProblem(report, n),
    },
    // parallel-ssh exits 0 only when every host succeeded; `true` prints nothing to check.
    { id: 'pssh-true', label: 'parallel-ssh … true', hosts: n, argv: pssh('pssh-true', ['true']) },
    { id: 'pssh-collect', label: 'parallel-ssh: the collecting command', hosts: n, argv: pssh('pssh-collect', ['-I', command]), stdinFile: scriptFile, verify: () => psshOutputsProblem(outDir('pssh-collect'), n, `${marker} done`) },
    {
      id: 'ansible-raw',
      label: 'ansible all -m raw: the collecting command',
      hosts: n,
      // The collecting command with the script on its standard input, as parallel-ssh runs it. The
      // raw module has no standard input, so the script travels in the command, in base64: Ansible
      // splits -a's text like a command line and refuses one whose quotes do not pair up in its eyes
      // (the script's comments hold apostrophes). Each host's output lands in a tree directory,
      // checked like parallel-ssh's for the script's last line.
      argv: [
        'sh', '-c', 'rm -rf "$1" && shift && exec "$@"', 'sh', outDir('ansible-tree'),
        'ansible', 'all', '-i', ansibleInventory, '-m', 'raw', '-a', `printf %s ${readFileSync(scriptFile).toString('base64')} | base64 -d | ${command}`, '-f', c, '-o', '-t', outDir('ansible-tree'),
      ],
      verify: () => psshOutputsProblem(outDir('ansible-tree'), n, `${marker} done`),
      env: {
        ...process.env,
        ANSIBLE_CONFIG: ansibleConfig,
        ANSIBLE_SSH_ARGS: '-o ControlMaster=no -o ControlPersist=no',
        ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-tmp'),
        ANSIBLE_NOCOLOR: '1',
      },
    },
    {
      id: 'fc-bmc',
      label: `fleetcheck: BMC audit (${bmcChecks.join(', ')})`,
      hosts: n,
      argv: fleetcheck(bmcChecks.flatMap((id) => ['--check', id])),
      verify: () => {
        unfinishedPerBmc.push(unfinishedHandshakes(report) / n);
        return reportProblem(report, n);
      },
    },
    {
      id: 'fc-bmc-one',
      label: 'fleetcheck: BMC audit, bmc.initial-credentials only (one session per host, as mc info)',
      hosts: n,
      argv: fleetcheck(['--check', 'bmc.initial-credentials']),
      verify: () => reportProblem(report, n),
    },
    {
      id: 'fc-native',
      label: 'native RMCP+ probes alone (the full audit\'s handshakes of a compliant BMC, no ipmitool)',
      hosts: n,
      argv: ['node', join(repo, 'dist/bench/native-audit.mjs'), bmcFile, BENCH_BMC_USER, cataloguePasswordsFile, c, nativeResultFile],
      env: { ...process.env, IPMI_PASSWORD: BENCH_BMC_PASSWORD },
      verify: (m) => nativeResultProblem(nativeResultFile, n, m.exitCode),
      minReps: SHORT_RUN_REPS,
    },
    {
      id: 'freeipmi',
      label: 'FreeIPMI bmc-info fan-out (--fanout, workaround opensesspriv)',
      hosts: n,
      // The password is read from a 0600 config file, never argv.
      argv: ['bmc-info', '-h', fleet.hosts.map((h) => h.bmc).join(','), '--config-file', freeipmiConfig, '-D', 'LAN_2_0', '-I', '3', '-l', 'ADMIN', '-W', 'opensesspriv', '--fanout', c],
      minReps: SHORT_RUN_REPS,
    },
    {
      id: 'ipmitool',
      label: 'ipmitool … mc info fan-out (xargs -P)',
      hosts: n,
      argv: ['xargs', '-a', bmcFile, '-P', c, '-I{}', 'ipmitool', '-I', 'lanplus', '-H', '{}', '-U', BENCH_BMC_USER, '-E', '-C', '3', '-L', 'ADMINISTRATOR', '-N', '1', '-R', '1', 'mc', 'info'],
      env: { ...process.env, IPMI_PASSWORD: BENCH_BMC_PASSWORD },
    },
  ];
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

interface Summary {
  run: Run;
  wallMs: number;
  cpuMs: number;
  maxProcessRss: number;
  peakTreeRss: number;
  failures: string[];
}

function summarize(run: Run, ms: Measurement[], failures: string[]): Summary {
  return {
    run,
    wallMs: median(ms.map((m) => m.wallMs)),
    cpuMs: median(ms.map((m) => m.cpuMs)),
    maxProcessRss: Math.max(...ms.map((m) => m.maxProcessRssBytes)),
    peakTreeRss: Math.max(...ms.map((m) => m.peakTreeRssBytes)),
    failures,
  };
}

function renderTables(summaries: Map<string, Summary>, o: Options, machine: string): string {
  const get = (id: string) => summaries.get(id)!;
  const rows = [...summaries.values()].map((s) => {
    const perHost = s.cpuMs / s.run.hosts;
    const note = s.failures.length > 0 ? ` ⚠ ${s.failures[0]}` : '';
    return `| ${s.run.label}${note} | ${s.run.hosts} | ${fmt(s.wallMs / 1000)} | ${fmt(s.cpuMs / 1000)} | ${fmt(perHost, 1)} | ${mb(s.maxProcessRss)} / ${mb(s.peakTreeRss)} |`;
  });
  const perHost = (s: Summary) => s.cpuMs / s.run.hosts;
  const target = (name: string, ours: string, theirs: string, ratio: number, limit: number, better: 'lower' | 'higher') => {
    const met = better === 'lower' ? ratio <= limit : ratio >= limit;
    return `| ${name} | ${ours} | ${theirs} | ${fmt(ratio)} | ${met ? 'met' : '**missed**'} |`;
  };
  // Each target with the runs it compares; one whose runs were left out by --only is not shown.
  const targets: Array<[readonly string[], (s: (id: string) => Summary) => string]> = [
    [['fc-ssh', 'pssh-collect'], (s) => target('SSH audit wall ≤ parallel-ssh running the collecting command', `${fmt(s('fc-ssh').wallMs / 1000)} s`, `${fmt(s('pssh-collect').wallMs / 1000)} s`, s('fc-ssh').wallMs / s('pssh-collect').wallMs, 1, 'lower')],
    [['fc-ssh', 'pssh-true'], (s) => target('SSH audit client CPU per host ≤ parallel-ssh … true per host', `${fmt(perHost(s('fc-ssh')), 1)} ms`, `${fmt(perHost(s('pssh-true')), 1)} ms`, perHost(s('fc-ssh')) / perHost(s('pssh-true')), 1, 'lower')],
    [['fc-ssh', 'ansible-raw'], (s) => target('SSH audit ≥ 10× faster than ansible -m raw, same command (ratio = ansible ÷ fleetcheck)', `${fmt(s('fc-ssh').wallMs / 1000)} s`, `${fmt(s('ansible-raw').wallMs / 1000)} s`, s('ansible-raw').wallMs / s('fc-ssh').wallMs, 10, 'higher')],
    [['fc-full', 'ansible-raw'], (s) => target('full audit (SSH and every BMC check) vs ansible -m raw (SSH only); ratio = ansible ÷ fleetcheck', `${fmt(s('fc-full').wallMs / 1000)} s`, `${fmt(s('ansible-raw').wallMs / 1000)} s`, s('ansible-raw').wallMs / s('fc-full').wallMs, 10, 'higher')],
    [['fc-bmc-one', 'ipmitool'], (s) => target('BMC audit, one session per host, wall ≤ 1.5 × ipmitool mc info fan-out', `${fmt(s('fc-bmc-one').wallMs / 1000)} s`, `${fmt(s('ipmitool').wallMs / 1000)} s`, s('fc-bmc-one').wallMs / s('ipmitool').wallMs, 1.5, 'lower')],
    [['fc-bmc', 'ipmitool'], (s) => target('full BMC audit (every bmc.* check) wall ≤ 2 × ipmitool mc info fan-out', `${fmt(s('fc-bmc').wallMs / 1000)} s`, `${fmt(s('ipmitool').wallMs / 1000)} s`, s('fc-bmc').wallMs / s('ipmitool').wallMs, 2, 'lower')],
    [['fc-bmc', 'ipmitool'], (s) => target('full BMC audit client CPU per BMC ≤ 1.5 × ipmitool mc info fan-out per BMC', `${fmt(perHost(s('fc-bmc')), 1)} ms`, `${fmt(perHost(s('ipmitool')), 1)} ms`, perHost(s('fc-bmc')) / perHost(s('ipmitool')), 1.5, 'lower')],
    [['fc-native', 'freeipmi'], (s) => target('native RMCP+ probes alone, client CPU per BMC ≤ FreeIPMI bmc-info per BMC', `${fmt(perHost(s('fc-native')), 1)} ms`, `${fmt(perHost(s('freeipmi')), 1)} ms`, perHost(s('fc-native')) / perHost(s('freeipmi')), 1, 'lower')],
    [['fc-bmc'], () => `| handshakes left unfinished per BMC over a full BMC audit (median of the runs; report field bmcUnfinishedHandshakes) | ${fmt(median(unfinishedPerBmc))} | 0 | | ${median(unfinishedPerBmc) === 0 ? 'met' : '**missed**'} |`],
    [['fc-full'], (s) => target(`peak RSS < 256 MB with ${o.hosts} hosts (ratio = MB ÷ 256)`, `${mb(s('fc-full').maxProcessRss)} MB`, '256 MB', s('fc-full').maxProcessRss / 2 ** 20 / 256, 1, 'lower')],
    [['fc-ssh', 'fc-ssh-junk'], (s) => target(
      `peak RSS of the SSH audit with one host holding tens of MB of junk in its key files ≤ 1.5 × the clean SSH audit`,
      `${mb(s('fc-ssh-junk').maxProcessRss)} MB`,
      `${mb(s('fc-ssh').maxProcessRss)} MB`,
      s('fc-ssh-junk').maxProcessRss / s('fc-ssh').maxProcessRss,
      1.5,
      'lower',
    )],
    [['fc-full', 'fc-full-half'], (s) => target(`doubling hosts at most doubles the time (${s('fc-full-half').run.hosts} → ${s('fc-full').run.hosts})`, `${fmt(s('fc-full').wallMs / 1000)} s`, `${fmt(s('fc-full-half').wallMs / 1000)} s`, s('fc-full').wallMs / s('fc-full-half').wallMs, 2, 'lower')],
  ];
  const shown = targets.filter(([ids]) => ids.every((id) => summaries.has(id))).map(([, line]) => line(get));
  return [
    machine,
    '',
    '| run | hosts | wall s | client CPU s | CPU ms/host | peak RSS MB (largest process / whole tree) |',
    '|-----|------:|-------:|-------------:|------------:|------------------------------------------:|',
    ...rows,
    '',
    '| target | fleetcheck | peer | ratio | |',
    '|--------|-----------:|-----:|------:|-|',
    ...shown,
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const repo = findRepoRoot();
  const labCli = join(repo, 'dist/lab/cli.js');
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  // Needs no lab: timed first, on a quiet machine.
  let listTable = '';
  if (!o.only) {
    log('fleetcheck list on 10,000 and 60,000 generated hosts');
    listTable = await listScalingTable(repo, join(o.dir, 'list'), o.reps);
  }
  const fleet = await writeBenchFleet(repo, o.dir, o.hosts, o.concurrency);
  const lab = (command: string) =>
    execFileSync('node', [labCli, command, '--fleet', fleet.fleetFile, '--state', fleet.stateDir], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  // Ctrl-C or a kill ends the bench, and its lab with it: the finally below never runs then, and
  // 200 containers and BMCs stayed up behind an interrupted run.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      if (o.keep) log(`${signal}: the lab is kept (--keep)`);
      else {
        log(`${signal}: tearing the bench lab down`);
        lab('down');
      }
      process.exit(code);
    });
  }

  log(`booting ${o.hosts} hosts and ${o.hosts} BMCs on 127.12.x.y / 127.13.x.y (state ${fleet.stateDir})`);
  const bootStart = performance.now();
  try {
    lab('up');
  } catch (error) {
    log('lab up failed; tearing down what started');
    if (!o.keep) lab('down');
    throw error;
  }
  log(`lab up in ${fmt((performance.now() - bootStart) / 1000, 1)} s`);
  try {
    fleet.junkKiB = plantJunk(fleet);
    log(`planted ${Math.round(fleet.junkKiB / 1024)} MiB of junk in ${JUNK_HOST.name}'s key files`);
  } catch (error) {
    log('planting the junk host failed; tearing down');
    if (!o.keep) lab('down');
    throw error;
  }

  try {
    const all = buildRuns(repo, fleet, o);
    const unknown = [...(o.only ?? [])].filter((id) => !all.some((r) => r.id === id));
    if (unknown.length > 0) throw new Error(`--only: no run ${unknown.join(', ')}; the runs are ${all.map((r) => r.id).join(', ')}`);
    const runs = o.only ? all.filter((r) => o.only!.has(r.id)) : all;
    // The profile is of the first fleetcheck run timed: the full audit unless --only leaves it out.
    const profiled = o.cpuProf ? runs.find((r) => r.id.startsWith('fc-') && r.argv[0] === 'node' && r.argv[1]?.endsWith('bin/fleetcheck.js')) : undefined;
    if (profiled) {
      const profDir = join(o.dir, 'cpu-prof');
      await measure(['node', '--cpu-prof', '--cpu-prof-dir', profDir, ...profiled.argv.slice(1)]);
      log(`CPU profile of one ${profiled.id} run in ${profDir}`);
    }
    log('warm-up run of each tool (not counted)');
    /** One run of `run`, with its environment and standard input. */
    const timeRun = (run: Run) => measure(run.argv, { ...(run.env ? { env: run.env } : {}), ...(run.stdinFile ? { stdinFile: run.stdinFile } : {}) });
    for (const run of runs) await timeRun(run);

    const results = new Map<string, Measurement[]>(runs.map((r) => [r.id, []]));
    const failures = new Map<string, string[]>(runs.map((r) => [r.id, []]));
    // A run timed more often than --reps has its runs spread over the rounds, not bunched at the
    // end: each row's median then comes from the same stretch of the machine's time as the others'.
    const repsOf = (run: Run) => Math.max(o.reps, run.minReps ?? 0);
    const rounds = Math.max(...runs.map(repsOf));
    const timedIn = (run: Run, round: number) => Math.floor((round * repsOf(run)) / rounds) > Math.floor(((round - 1) * repsOf(run)) / rounds);
    for (let round = 1; round <= rounds; round++) {
      for (const run of runs.filter((r) => timedIn(r, round))) {
        const m = await timeRun(run);
        const problem = run.verify?.(m) ?? (m.exitCode === 0 || run.id.startsWith('fc-') ? undefined : `exit ${m.exitCode}`);
        if (problem) failures.get(run.id)!.push(problem);
        results.get(run.id)!.push(m);
        log(`rep ${results.get(run.id)!.length}/${repsOf(run)} ${run.id}: ${fmt(m.wallMs / 1000)} s wall, ${fmt(m.cpuMs / 1000)} s CPU, ${mb(m.maxProcessRssBytes)} MB${problem ? ` (${problem})` : ''}`);
      }
    }
    const summaries = new Map(runs.map((r) => [r.id, summarize(r, results.get(r.id)!, failures.get(r.id)!)]));
    const table = renderTables(summaries, o, machineLine(o)) + '\n' + listTable;
    writeFileSync(join(o.dir, 'results.md'), table);
    writeFileSync(join(o.dir, 'results.json'), JSON.stringify(Object.fromEntries([...results]), null, 2));
    process.stdout.write(table);
    return [...failures.values()].some((f) => f.length > 0) ? 1 : 0;
  } finally {
    if (o.keep) log(`lab kept; end it with: node ${labCli} down --fleet ${fleet.fleetFile} --state ${fleet.stateDir}`);
    else {
      log('tearing the bench lab down');
      lab('down');
    }
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
