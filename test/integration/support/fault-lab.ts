// The fault lab: misbehaving SSH hosts and BMCs, each a real process on its own address in rack 9
// (127.10.9.<n> for SSH, 127.11.9.<n> for BMCs), plus an inventory that puts them beside two
// healthy hosts of the shared lab. Every process started here is recorded and ended by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { udpBound } from '../../../lab/process/readiness.js';
import { REPO } from './run-cli.js';
import { ssh2KeyPair } from '../../support/ssh2-key-pair.js';

/** Deadlines the fault inventory sets; a fault a deadline ends must be ended by its own, named in the message. */
export const DEADLINES = {
  connectMs: 2_000,
  commandMs: 5_000,
  hostMs: 20_000,
  bmcMs: 5_000,
  /** The lossy BMC's: long enough for ipmitool's resends (with -R 3 and seed 4 it gives up after about 10 s). */
  lossyBmcMs: 15_000,
  lossyHostMs: 25_000,
  /** The BMC slower than its deadline: ended by its own deadline, not a later one. */
  stalledBmcMs: 2_500,
} as const;

/** Delay the slow BMC's proxy adds to every datagram, each way: a session takes ~0.5 s instead of ~0.05 s. */
export const SLOW_DELAY_MS = 20;
/** Delay in front of the BMC that cannot finish a session before its deadline (~11 exchanges). */
export const STALLED_DELAY_MS = 400;

/** One host of the fault inventory and what is behind its addresses. */
export interface FaultHost {
  name: string;
  ssh: string;
  bmc?: string;
  /** What misbehaves; healthy SSH peers carry the BMC faults. */
  fault: string;
}

/** The fault hosts of rack F9, in inventory order. */
export const FAULT_HOSTS: FaultHost[] = [
  { name: 'f9-01', ssh: '127.10.9.1', fault: 'tarpit' },
  { name: 'f9-02', ssh: '127.10.9.2', fault: 'banner-silence' },
  { name: 'f9-03', ssh: '127.10.9.3', fault: 'dies-mid-command' },
  { name: 'f9-04', ssh: '127.10.9.4', fault: 'endless' },
  { name: 'f9-05', ssh: '127.10.9.5', fault: 'escapes' },
  { name: 'f9-06', ssh: '127.10.9.6', fault: 'host-key-changed' },
  { name: 'f9-07', ssh: '127.10.9.7', bmc: '127.11.9.7', fault: 'bmc-nothing' },
  { name: 'f9-08', ssh: '127.10.9.8', bmc: '127.11.9.8', fault: 'bmc-lossy' },
  { name: 'f9-09', ssh: '127.10.9.9', bmc: '127.11.9.9', fault: 'bmc-slow' },
  { name: 'f9-10', ssh: '127.10.9.10', bmc: '127.11.9.10', fault: 'bmc-slower-than-deadline' },
];

/** The healthy lab hosts scanned in the same run (they must keep their usual results). */
export const HEALTHY_LAB_HOSTS = [
  { name: 'b1-01', ssh: '127.10.1.1', bmc: '127.11.1.1' },
  { name: 'b1-02', ssh: '127.10.1.2', bmc: '127.11.1.2' },
];

/** Port the real ipmi_sim behind a proxy listens on (the proxy holds 623 on the same address). */
const SIM_PORT = 1623;
const BMC_USER = 'ADMIN';

/** A running fault lab: where its inventory is, and how to end it. */
export interface FaultLab {
  dir: string;
  inventory: string;
  /** The file the endless host writes its sent byte count to. */
  endlessStatus: string;
  /** Every process the lab started, by PID. */
  pids: number[];
  stop(): Promise<void>;
}

/** Starts `node script args` and resolves once it prints "ready"; rejects with its stderr if it exits first. */
function startReady(file: string, args: string[], started: ChildProcess[]): Promise<void> {
  const child = spawn(file, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${file} ${args.join(' ')} exited with ${code}: ${stderr}`)));
    child.once('error', reject);
  });
}

async function waitUdp(address: string, port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!udpBound(address, port)) {
    if (child.exitCode !== null) throw new Error(`ipmi_sim for ${address}:${port} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`ipmi_sim did not bind ${address}:${port}`);
    await sleep(25);
  }
}

function lanConf(name: string, address: string, password: string, guid: string): string {
  const auths = 'none md2 md5 straight';
  return [
    `name "bmc-${name}"`,
    'set_working_mc 0x20',
    '  startlan 1',
    `    addr ${address} ${SIM_PORT}`,
    '    priv_limit admin',
    `    allowed_auths_callback ${auths}`,
    `    allowed_auths_user ${auths}`,
    `    allowed_auths_operator ${auths}`,
    `    allowed_auths_admin ${auths}`,
    `    guid ${guid}`,
    '  endlan',
    `  user 1 true "" "" user 10 ${auths}`,
    `  user 2 true "${BMC_USER}" "${password}" admin 10 ${auths}`,
    '',
  ].join('\n');
}

const SIM_EMU = ['mc_setbmc 0x20', 'mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr', 'sel_enable 0x20 1000 0x0a', 'mc_enable 0x20', ''].join('\n');

/** Starts one real ipmi_sim for a fault BMC, on SIM_PORT of `address`. */
async function startSim(dir: string, name: string, address: string, password: string, index: number, started: ChildProcess[]): Promise<void> {
  const conf = join(dir, `${name}-lan.conf`);
  const emu = join(dir, `${name}-sim.emu`);
  const state = join(dir, `${name}-state`);
  writeFileSync(conf, lanConf(name, address, password, `f9${String(index).padStart(30, '0')}`), { mode: 0o600 });
  writeFileSync(emu, SIM_EMU);
  const child = spawn('ipmi_sim', ['-c', conf, '-f', emu, '-s', state, '-n'], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
  started.push(child);
  await waitUdp(address, SIM_PORT, child);
}

/** The known_hosts lines the shared lab recorded for the healthy hosts. */
function labKnownHostsLines(): string[] {
  const all = readFileSync(join(REPO, '.lab/known_hosts'), 'utf8').split('\n');
  return all.filter((line) => HEALTHY_LAB_HOSTS.some((h) => line.startsWith(`${h.ssh} `)));
}

/** The lab's initial BMC password of a healthy host, from the lab's secrets fixture. */
function labSecretsEntries(): string {
  const text = readFileSync(join(REPO, 'fixtures/lab/secrets.yaml'), 'utf8');
  const out: string[] = [];
  for (const h of HEALTHY_LAB_HOSTS) {
    const m = new RegExp(`\\n  ${h.name}:\\n((?:    .*\\n)+)`).exec(text);
    if (!m) throw new Error(`fixtures/lab/secrets.yaml has no entry for ${h.name}`);
    out.push(`  ${h.name}:\n${m[1]}`);
  }
  return out.join('');
}

function inventoryText(dir: string): string {
  const host = (h: { name: string; ssh: string; bmc?: string }, extra = ''): string =>
    `      ${h.name}:\n        ssh: { address: ${h.ssh} }\n` +
    (h.bmc ? `        bmc: { address: ${h.bmc}${extra} }\n` : '') +
    (h.name === 'f9-08' ? `        hostTimeout: ${DEADLINES.lossyHostMs}ms\n` : '');
  const bmcExtra: Record<string, string> = {
    // Half the packets vanish (seed 4: the same ones every run). ipmitool resends each one twice,
    // then reports "Set Session Privilege Level … failed" with no completion code: lost, not refused.
    'f9-08': `, retries: 2, timeout: ${DEADLINES.lossyBmcMs}ms`,
    // Slower than any session can finish within: its own deadline ends it.
    'f9-10': `, timeout: ${DEADLINES.stalledBmcMs}ms`,
  };
  return [
    '# Generated by test/integration/support/fault-lab.ts: the fault lab beside two healthy lab hosts.',
    'version: 1',
    'defaults:',
    '  ssh:',
    '    user: root',
    `    identity: ${join(REPO, '.lab/keys/scanner_ed25519')}`,
    `    knownHosts: ${join(dir, 'known_hosts')}`,
    `    connectTimeout: ${DEADLINES.connectMs}ms`,
    `    commandTimeout: ${DEADLINES.commandMs}ms`,
    `  bmc: { port: 623, cipherSuite: 3, timeout: ${DEADLINES.bmcMs}ms, retries: 0 }`,
    `  hostTimeout: ${DEADLINES.hostMs}ms`,
    '  concurrency: { global: 64, perRack: 32, bmc: 32 }',
    'secrets:',
    `  file: ${join(dir, 'secrets.yaml')}`,
    'provider:',
    '  sshKeys:',
    '    - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAomOxw8nkUmYMwlGuRGFGgf/80nfbJLCBf5evPlgSC7 provider-ops@provider.example',
    '    - SHA256:3ZST6OLzfoWnjvPtS36mwqpagMfYI/w5Wl5lCWkhYF8',
    '  accounts: [provops]',
    'racks:',
    '  B1:',
    '    hosts:',
    ...HEALTHY_LAB_HOSTS.map((h) => host(h).trimEnd()),
    '  F9:',
    '    hosts:',
    ...FAULT_HOSTS.map((h) => host(h, bmcExtra[h.name] ?? '').trimEnd()),
    '',
  ].join('\n');
}

/** Sends SIGTERM to each recorded child, then SIGKILL to any still running after a second. */
async function endAll(children: ChildProcess[]): Promise<void> {
  const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
  for (const c of children) if (alive(c)) c.kill('SIGTERM');
  const deadline = Date.now() + 1_000;
  while (children.some(alive) && Date.now() < deadline) await sleep(25);
  for (const c of children) if (alive(c)) c.kill('SIGKILL');
  while (children.some(alive)) await sleep(10);
}

/** Starts every fault peer and writes the inventory; the caller must `stop()` it. */
export async function startFaultLab(): Promise<FaultLab> {
  const dir = mkdtempSync(join(tmpdir(), 'fc-faults-'));
  const started: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await endAll(started);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const peer = join(REPO, 'fixtures/faults/ssh-peer.mjs');
    const proxy = join(REPO, 'fixtures/faults/udp-proxy.mjs');
    const known: string[] = labKnownHostsLines();
    const waits: Promise<void>[] = [];
    const endlessStatus = join(dir, 'endless.sent');

    const sshPeer = (mode: string, addresses: string[], recordKey = true): void => {
      const served = ssh2KeyPair();
      const keyFile = join(dir, `hostkey-${addresses[0]}`);
      writeFileSync(keyFile, served.private, { mode: 0o600 });
      // The changed host presents a key other than the one recorded for it.
      const recorded = recordKey ? served.public : ssh2KeyPair().public;
      for (const a of addresses) known.push(`${a} ${recorded.trim()}`);
      waits.push(startReady('node', [peer, mode, addresses.join(','), keyFile, ...(mode === 'endless' ? [endlessStatus] : [])], started));
    };
    sshPeer('tarpit', ['127.10.9.1']);
    sshPeer('banner-silence', ['127.10.9.2']);
    sshPeer('dies-mid-command', ['127.10.9.3']);
    sshPeer('endless', ['127.10.9.4']);
    sshPeer('escapes', ['127.10.9.5']);
    sshPeer('healthy', ['127.10.9.6'], false);
    // The BMC fault hosts answer SSH normally: one healthy peer serves all three.
    sshPeer('healthy', ['127.10.9.7', '127.10.9.8', '127.10.9.9', '127.10.9.10']);

    const password = (name: string) => `Fault-${name}-Pw1`;
    const proxied: [string, string[]][] = [
      ['f9-08', ['--drop', '0.5', '--seed', '4']],
      ['f9-09', ['--delay-ms', String(SLOW_DELAY_MS)]],
      ['f9-10', ['--delay-ms', String(STALLED_DELAY_MS)]],
    ];
    await Promise.all(
      proxied.map(async ([name, options], i) => {
        const address = FAULT_HOSTS.find((h) => h.name === name)!.bmc!;
        await startSim(dir, name, address, password(name), 8 + i, started);
        await startReady('node', [proxy, `${address}:623`, `${address}:${SIM_PORT}`, ...options], started);
      }),
    );
    await Promise.all(waits);

    writeFileSync(join(dir, 'known_hosts'), known.join('\n') + '\n');
    const secrets = ['hosts:', labSecretsEntries().trimEnd()];
    for (const h of FAULT_HOSTS.filter((f) => f.bmc)) {
      secrets.push(`  ${h.name}:`, '    bmc:', '      accounts:', `        - { user: ${BMC_USER}, password: "${password(h.name)}", privilege: administrator }`);
    }
    writeFileSync(join(dir, 'secrets.yaml'), secrets.join('\n') + '\n', { mode: 0o600 });
    chmodSync(join(dir, 'secrets.yaml'), 0o600);
    const inventory = join(dir, 'inventory.yaml');
    writeFileSync(inventory, inventoryText(dir));
    return { dir, inventory, endlessStatus, pids: started.map((c) => c.pid!).filter(Boolean), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** PIDs of running processes whose argv[0] ends in `program` and whose argv mentions `needle`. */
export function processesMatching(program: string, needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if ((argv[0] ?? '').split('/').pop() === program && argv.some((a) => a.includes(needle))) found.push(Number(entry));
  }
  return found;
}

/** Resident set size of `pid` in bytes, or undefined once it is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The SSH peers (addresses starting with `prefix`) that some local client holds an established TCP
 * connection to right now, read from /proc/net/tcp: the client side of each connection is the
 * entry whose remote end is the peer's port 22.
 */
export function sshPeersConnected(prefix: string): Set<string> {
  const peers = new Set<string>();
  let table: string;
  try {
    table = readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return peers;
  }
  for (const line of table.split('\n').slice(1)) {
    const [, , remote, state] = line.trim().split(/\s+/);
    if (state !== '01' || remote === undefined) continue;
    const [hexAddress, hexPort] = remote.split(':');
    if (hexPort !== '0016' || hexAddress === undefined || hexAddress.length !== 8) continue;
    // The address is stored in host (little-endian) byte order: 0109 0A7F is 127.10.9.1.
    const address = [6, 4, 2, 0].map((i) => parseInt(hexAddress.slice(i, i + 2), 16)).join('.');
    if (address.startsWith(prefix)) peers.add(address);
  }
  return peers;
}
