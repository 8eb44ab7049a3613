// Inheritance for one host: built-in < top-level defaults < rack defaults < the host itself.
import { BUILTIN_DEFAULTS } from './builtin-defaults.js';
import { PACKET_TIMEOUT_SECONDS, ipmitoolAttempts, unansweredSessionSeconds } from '../model/ipmi-session-timing.js';
import { resolveInventoryPath } from './inventory-path.js';
import type { DefaultsInput, HostInput, RackDefaultsInput } from './schema.js';
import type { Host } from './types.js';
import type { InheritedFrom, PieceProblem } from './zod-issue-message.js';

/** Everything one host inherits from, already checked piece by piece. */
export interface HostLayers {
  name: string;
  rack: string;
  top: DefaultsInput;
  rackDefaults: RackDefaultsInput;
  host: HostInput;
  /** Directory of the inventory file, for relative paths. */
  baseDir: string;
  homeDir: string;
}

/** The first value set, most specific layer first. */
function pick<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/** Specificity of where a value comes from: the host itself, its rack's defaults, the top-level defaults, built in. */
type Layer = 'host' | InheritedFrom | 'builtin';
const LAYER_RANK: Readonly<Record<Layer, number>> = { host: 3, 'rack-defaults': 2, defaults: 1, builtin: 0 };

/** Which layer a setting comes from (host, rack defaults, top defaults), given its value in each. */
function layerOf(host: unknown, rack: unknown, top: unknown): Layer {
  if (host !== undefined) return 'host';
  if (rack !== undefined) return 'rack-defaults';
  return top !== undefined ? 'defaults' : 'builtin';
}

/**
 * Where a problem made of several inherited settings belongs: the most specific layer that wrote one
 * of them (that layer made this host's combination). Undefined means the host itself.
 */
function writtenIn(...layers: Layer[]): { writtenIn?: InheritedFrom } {
  const most = layers.reduce((a, b) => (LAYER_RANK[b] > LAYER_RANK[a] ? b : a), 'builtin');
  return most === 'defaults' || most === 'rack-defaults' ? { writtenIn: most } : {};
}

/** Where a host is reached, known as soon as its layers parse, so collisions are found even on hosts with other problems. */
export interface HostEndpoints {
  ssh: { address: string; port: number };
  bmc?: { address: string; port: number };
}

/** The host's SSH and BMC address and port after inheritance. */
export function hostEndpoints(layers: Pick<HostLayers, 'top' | 'rackDefaults' | 'host'>): HostEndpoints {
  const { host, top, rackDefaults: rack } = layers;
  const ssh = { address: host.ssh.address, port: pick(host.ssh.port, rack.ssh?.port, top.ssh?.port) ?? BUILTIN_DEFAULTS.ssh.port };
  if (!host.bmc) return { ssh };
  return { ssh, bmc: { address: host.bmc.address, port: pick(host.bmc.port, rack.bmc?.port, top.bmc?.port) ?? BUILTIN_DEFAULTS.bmc.port } };
}

/** The fully resolved host, or problems (paths relative to the host) when a required setting is missing after inheritance. */
export function resolveHost(layers: HostLayers): { ok: true; host: Host } | { ok: false; problems: PieceProblem[] } {
  const { host, top, rackDefaults: rack, baseDir, homeDir } = layers;
  const problems: PieceProblem[] = [];
  const ssh = host.ssh;
  const topSsh = top.ssh ?? {};
  const rackSsh = rack.ssh ?? {};
  const path = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolveInventoryPath(p, baseDir, homeDir));

  const identity = path(pick(ssh.identity, rackSsh.identity, topSsh.identity));
  const agentSetting = pick(ssh.agent, rackSsh.agent, topSsh.agent);
  const agent = agentSetting ?? identity === undefined;
  if (!agent && identity === undefined) {
    problems.push({
      path: ['ssh', 'agent'],
      message: 'no identity to log in with: set ssh.identity, or agent: true to use the ssh-agent',
      ...writtenIn(layerOf(ssh.agent, rackSsh.agent, topSsh.agent)),
    });
  }
  const knownHosts = path(pick(ssh.knownHosts, rackSsh.knownHosts, topSsh.knownHosts));
  if (knownHosts === undefined) {
    problems.push({ path: ['ssh', 'knownHosts'], message: 'required field is missing: set ssh.knownHosts on the host or in defaults' });
  }

  const endpoints = hostEndpoints(layers);
  let bmc: Host['bmc'];
  if (host.bmc && endpoints.bmc) {
    const topBmc = top.bmc ?? {};
    const rackBmc = rack.bmc ?? {};
    bmc = {
      ...endpoints.bmc,
      cipherSuite: pick(host.bmc.cipherSuite, rackBmc.cipherSuite, topBmc.cipherSuite) ?? BUILTIN_DEFAULTS.bmc.cipherSuite,
      channel: pick(host.bmc.channel, rackBmc.channel, topBmc.channel) ?? BUILTIN_DEFAULTS.bmc.channel,
      timeoutMs: pick(host.bmc.timeout, rackBmc.timeout, topBmc.timeout) ?? BUILTIN_DEFAULTS.bmc.timeoutMs,
      retries: pick(host.bmc.retries, rackBmc.retries, topBmc.retries) ?? BUILTIN_DEFAULTS.bmc.retries,
      ipmi: host.bmc.ipmi ?? true,
    };
    const redfish = host.bmc.redfish;
    if (redfish) {
      const trust = redfish.trust;
      bmc.redfish = {
        address: redfish.address ?? bmc.address,
        port: redfish.port ?? BUILTIN_DEFAULTS.redfish.port,
        trust:
          trust.kind === 'pinned-file' ? { kind: 'pinned-file', file: path(trust.file)! } : trust.kind === 'ca' ? { kind: 'ca', caFile: path(trust.caFile)! } : trust,
        timeoutMs: redfish.timeout ?? bmc.timeoutMs,
      };
    } else if (!bmc.ipmi) {
      problems.push({ path: ['bmc', 'ipmi'], message: 'a BMC with IPMI over LAN off is only reachable over Redfish: add a `redfish:` block' });
    }
    // Below ipmitool's own give-up time a silent BMC would read as a timeout, never as unreachable.
    const giveUpMs = unansweredSessionSeconds(PACKET_TIMEOUT_SECONDS, ipmitoolAttempts(bmc.retries)) * 1000;
    if (bmc.ipmi && bmc.timeoutMs <= giveUpMs) {
      problems.push({
        path: ['bmc', 'timeout'],
        message: `must be longer than the ${giveUpMs / 1000}s ipmitool takes to give up on a silent BMC with retries ${bmc.retries}`,
        ...writtenIn(layerOf(host.bmc.timeout, rackBmc.timeout, topBmc.timeout), layerOf(host.bmc.retries, rackBmc.retries, topBmc.retries)),
      });
    }
  }

  if (problems.length > 0 || knownHosts === undefined) return { ok: false, problems };
  return {
    ok: true,
    host: {
      name: layers.name,
      rack: layers.rack,
      ssh: {
        ...endpoints.ssh,
        user: pick(ssh.user, rackSsh.user, topSsh.user) ?? BUILTIN_DEFAULTS.ssh.user,
        ...(identity === undefined ? {} : { identity }),
        agent,
        knownHosts,
        connectTimeoutMs: pick(ssh.connectTimeout, rackSsh.connectTimeout, topSsh.connectTimeout) ?? BUILTIN_DEFAULTS.ssh.connectTimeoutMs,
        commandTimeoutMs: pick(ssh.commandTimeout, rackSsh.commandTimeout, topSsh.commandTimeout) ?? BUILTIN_DEFAULTS.ssh.commandTimeoutMs,
        access: pick(ssh.access, rackSsh.access, topSsh.access) ?? 'login',
        probeAccounts: [...new Set(pick(ssh.probeAccounts, rackSsh.probeAccounts, topSsh.probeAccounts) ?? [])],
      },
      ...(bmc ? { bmc } : {}),
      ...(host.contract ? { contract: contractOf(host.contract) } : {}),
      secretsKey: host.secrets ?? layers.name,
      aliases: [...new Set(host.aliases ?? [])],
      hostTimeoutMs: pick(host.hostTimeout, rack.hostTimeout, top.hostTimeout) ?? BUILTIN_DEFAULTS.hostTimeoutMs,
    },
  };
}

function contractOf(c: NonNullable<HostInput['contract']>): NonNullable<Host['contract']> {
  return {
    id: c.id,
    customer: c.customer,
    ...(c.start === undefined ? {} : { start: c.start }),
    end: c.end,
    ...(c.handover === undefined ? {} : { handover: c.handover }),
  };
}
