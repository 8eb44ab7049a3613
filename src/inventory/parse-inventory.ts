// Turns inventory text into a validated Inventory or every issue found; pure, no I/O.
import { globMatches } from '../text/glob.js';
import { BUILTIN_DEFAULTS } from './builtin-defaults.js';
import { duplicateEndpoints, duplicateNames, type PlacedHost, type PlacedName } from './duplicates.js';
import { resolveInventoryPath } from './inventory-path.js';
import { sortInventoryIssues } from './inventory-issue.js';
import { IssueCollector } from './issue-collector.js';
import { makeLocator } from './locator.js';
import { hostEndpoints, resolveHost } from './resolve-host.js';
import type { InheritedFrom } from './zod-issue-message.js';
import { defaultsSchema, fileSchema, hostSchema, rackDefaultsSchema, rackSchema, type DefaultsInput, type FileInput } from './schema.js';
import { parseProviderSystems } from './provider-systems.js';
import { safeText } from './safe-text.js';
import type { Host, Inventory, InventoryIssue, ProviderKey, ProviderSystem, Rack, SecretsSource } from './types.js';
import { readYamlSource, type Position } from './yaml-source.js';

/** What parsing needs besides the text: the file name to report, and where relative paths start. */
export interface ParseContext {
  /** The inventory path as the user gave it; used verbatim in issues. */
  file: string;
  /** Directory relative paths in the file resolve against. */
  baseDir: string;
  /** Home directory for `~/` paths. */
  homeDir: string;
}

/** The result of loading an inventory: the inventory, or every issue sorted by line. */
export type InventoryResult = { ok: true; inventory: Inventory } | { ok: false; issues: InventoryIssue[] };

const RACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const HOST_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of a mapping in file order (JS objects put integer-like keys first). */
function keysInFileOrder(object: Record<string, unknown>, at: readonly string[], positions: ReadonlyMap<string, Position>): string[] {
  const prefix = at.length === 0 ? '' : `${at.join('.')}.`;
  const placed = Object.keys(object).map((key) => ({ key, position: positions.get(prefix + key) ?? { line: 0, column: 0 } }));
  placed.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
  return placed.map((p) => p.key);
}

function hostNameProblem(name: string): string | undefined {
  if (HOST_NAME.test(name)) return undefined;
  if (HOST_NAME.test(name.toLowerCase())) return `host names are lowercase: write \`${safeText(name.toLowerCase())}\``;
  return "host name must be lowercase letters, digits and '-', starting with a letter or digit (like a3-01)";
}

/** Validates inventory text; every problem is reported, none thrown. */
export function parseInventory(text: string, context: ParseContext): InventoryResult {
  const { file, baseDir, homeDir } = context;
  const read = readYamlSource(text);
  if (!read.ok) {
    return {
      ok: false,
      issues: sortInventoryIssues(
        read.problems.map((p) => ({ file, line: p.position.line, column: p.position.column, path: p.path, message: p.message })),
      ),
    };
  }
  const { value, positions } = read.source;
  const issues = new IssueCollector(file, positions);
  if (value === null) {
    issues.add([], 'the inventory is empty');
    return { ok: false, issues: issues.issues };
  }
  if (!isMapping(value)) {
    issues.add([], 'expected a mapping at the top level (version, defaults, secrets, provider, racks)');
    return { ok: false, issues: issues.issues };
  }

  const top = issues.check(fileSchema, value, []);
  const topDefaults = issues.check(defaultsSchema, value.defaults ?? {}, ['defaults']);
  const lineOf = (path: readonly string[]) => positions.get(path.join('.'))?.line;

  const racks: Rack[] = [];
  const names: PlacedName[] = [];
  const placed: PlacedHost[] = [];
  const rawRacks = isMapping(value.racks) ? value.racks : {};
  for (const rackName of keysInFileOrder(rawRacks, ['racks'], positions)) {
    const rackPath = ['racks', rackName];
    const rackNameOk = RACK_NAME.test(rackName);
    if (!rackNameOk) issues.add(rackPath, "rack name must be letters, digits, '_' and '-', starting with a letter or digit");
    const rawRack = rawRacks[rackName];
    const rack = issues.check(rackSchema, rawRack, rackPath);
    const rackDefaults = isMapping(rawRack) ? issues.check(rackDefaultsSchema, rawRack.defaults ?? {}, [...rackPath, 'defaults']) : undefined;
    const hosts: Host[] = [];
    const rawHosts = isMapping(rawRack) && isMapping(rawRack.hosts) ? rawRack.hosts : {};
    for (const hostName of keysInFileOrder(rawHosts, [...rackPath, 'hosts'], positions)) {
      const hostPath = [...rackPath, 'hosts', hostName];
      const nameProblem = hostNameProblem(hostName);
      if (nameProblem) issues.add(hostPath, nameProblem);
      names.push({ name: hostName, rack: rackName, path: hostPath });
      const host = issues.check(hostSchema, rawHosts[hostName], hostPath);
      if (!host || !topDefaults || !rackDefaults || nameProblem || !rackNameOk) continue;
      const layers = { name: hostName, rack: rackName, top: topDefaults, rackDefaults, host, baseDir, homeDir };
      placed.push({ name: hostName, endpoints: hostEndpoints(layers), path: hostPath });
      const resolved = resolveHost(layers);
      if (resolved.ok) hosts.push(resolved.host);
      else for (const problem of resolved.problems) issues.add([...placeOf(problem.writtenIn, hostPath, rackPath), ...problem.path], problem.message);
    }
    if (rack) {
      const perRack = rackDefaults?.concurrency?.perRack ?? topDefaults?.concurrency?.perRack ?? BUILTIN_DEFAULTS.concurrency.perRack;
      racks.push({ name: rackName, hosts, concurrency: perRack });
    }
  }
  if (isMapping(value.racks) && names.length === 0) issues.add(['racks'], 'the inventory defines no hosts');
  for (const problem of [...duplicateNames(names, lineOf), ...duplicateEndpoints(placed, lineOf)]) issues.add(problem.path, problem.message);
  (top?.waivers ?? []).forEach((waiver, i) => {
    // A waiver whose scope names nothing is almost always a typo that would silently waive nothing.
    waiver.hosts?.forEach((pattern, j) => {
      if (!names.some((n) => globMatches(pattern, n.name))) issues.add(['waivers', String(i), 'hosts', String(j)], `matches no host of the inventory`);
    });
    waiver.racks?.forEach((pattern, j) => {
      if (!Object.keys(rawRacks).some((r) => globMatches(pattern, r))) issues.add(['waivers', String(i), 'racks', String(j)], `matches no rack of the inventory`);
    });
  });

  const rawProvider = isMapping(value.provider) ? value.provider : {};
  const systems = topDefaults ? parseProviderSystems(rawProvider.systems, { issues, positions, top: topDefaults, baseDir, homeDir, keysInFileOrder }) : [];

  if (issues.hasIssues || !top || !topDefaults) return { ok: false, issues: sortInventoryIssues(issues.issues) };
  return { ok: true, inventory: assemble(top, topDefaults.concurrency, racks, context, positions, topDefaults.ssh, systems) };
}

/** Where an inherited setting was written: the top-level defaults, the rack's defaults, or the host itself. */
function placeOf(writtenIn: InheritedFrom | undefined, hostPath: readonly string[], rackPath: readonly string[]): readonly string[] {
  if (writtenIn === 'defaults') return ['defaults'];
  if (writtenIn === 'rack-defaults') return [...rackPath, 'defaults'];
  return hostPath;
}

/** The secrets source with every path made absolute and the default deadlines filled in. */
function resolveSecrets(source: FileInput['secrets'], context: ParseContext): SecretsSource {
  const path = (p: string): string => resolveInventoryPath(p, context.baseDir, context.homeDir);
  switch (source.kind) {
    case 'file':
      return { kind: 'file', path: path(source.path) };
    case 'age':
      return {
        kind: 'age',
        path: path(source.path),
        identity: source.identity.kind === 'file' ? { kind: 'file', path: path(source.identity.path) } : source.identity,
        recipients: source.recipients,
      };
    case 'pass':
      return { kind: 'pass', prefix: source.prefix, ...(source.dir === undefined ? {} : { dir: path(source.dir) }), timeoutMs: source.timeoutMs ?? SECRET_HELPER_TIMEOUT_MS };
    case 'command':
      return { kind: 'command', run: source.run, timeoutMs: source.timeoutMs ?? SECRET_HELPER_TIMEOUT_MS };
  }
}

/** How long a pass or command lookup may take when the inventory does not say. */
const SECRET_HELPER_TIMEOUT_MS = 10_000;

function assemble(
  top: FileInput,
  concurrency: { global?: number; bmc?: number } | undefined,
  racks: Rack[],
  context: ParseContext,
  positions: ReadonlyMap<string, Position>,
  defaultSsh: DefaultsInput['ssh'],
  systems: ProviderSystem[],
): Inventory {
  const keys = new Map<string, ProviderKey>();
  for (const key of top.provider.sshKeys ?? []) if (!keys.has(key.fingerprint)) keys.set(key.fingerprint, key);
  const backup = top.provider.backup ?? {};
  return {
    file: context.file,
    provider: {
      sshKeys: [...keys.values()],
      accounts: [...new Set(top.provider.accounts ?? [])],
      backup: { hosts: backup.hosts ?? [], cidrs: backup.cidrs ?? [], domains: backup.domains ?? [], agents: backup.agents ?? [] },
      ...(top.provider.retention ? { retention: top.provider.retention } : {}),
      systems,
    },
    secrets: resolveSecrets(top.secrets, context),
    ...(top.reports ? { reports: { dir: resolveInventoryPath(top.reports.dir, context.baseDir, context.homeDir) } } : {}),
    waivers: (top.waivers ?? []).map((w, i) => ({
      check: w.check,
      hosts: w.hosts ?? [],
      racks: w.racks ?? [],
      reason: w.reason,
      expires: w.expires,
      path: `waivers.${i}`,
    })),
    racks,
    hosts: racks.flatMap((rack) => rack.hosts),
    concurrency: {
      global: concurrency?.global ?? BUILTIN_DEFAULTS.concurrency.global,
      bmc: concurrency?.bmc ?? BUILTIN_DEFAULTS.concurrency.bmc,
    },
    defaultAccess: { access: defaultSsh?.access ?? 'login', user: defaultSsh?.user ?? BUILTIN_DEFAULTS.ssh.user },
    locate: makeLocator(context.file, positions),
  };
}
