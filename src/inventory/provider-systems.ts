// `provider.systems`: the provider's own systems, each checked on its own and resolved like a host
// (its ssh settings inherit the top-level `defaults.ssh`), so a bad one is reported at its line.
import type { IssueCollector } from './issue-collector.js';
import { resolveHost } from './resolve-host.js';
import { providerSystemSchema, type DefaultsInput } from './schema.js';
import type { ProviderSystem } from './types.js';
import type { Position } from './yaml-source.js';

/** What resolving the systems needs from the inventory parse around it. */
export interface SystemsContext {
  issues: IssueCollector;
  positions: ReadonlyMap<string, Position>;
  top: DefaultsInput;
  baseDir: string;
  homeDir: string;
  keysInFileOrder(object: Record<string, unknown>, at: readonly string[], positions: ReadonlyMap<string, Position>): string[];
}

/** A system name is also the first half of its store references (`backup01/restic-main`). */
const SYSTEM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** The systems in file order; problems go to `context.issues` and leave the system out. */
export function parseProviderSystems(raw: unknown, context: SystemsContext): ProviderSystem[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const { issues, positions, top, baseDir, homeDir } = context;
  const systems: ProviderSystem[] = [];
  const entries = raw as Record<string, unknown>;
  for (const name of context.keysInFileOrder(entries, ['provider', 'systems'], positions)) {
    const path = ['provider', 'systems', name];
    if (!SYSTEM_NAME.test(name)) {
      issues.add(path, "system name must be letters, digits, '_', '.' and '-', starting with a letter or digit (like backup01)");
      continue;
    }
    const input = issues.check(providerSystemSchema, entries[name], path);
    if (!input) continue;
    // The ssh settings resolve exactly as a host's do: built-in < top-level defaults < the system.
    const { access: _access, ...ssh } = input.ssh;
    const resolved = resolveHost({
      name,
      rack: '',
      top,
      rackDefaults: {},
      host: { ssh, ...(input.hostTimeout === undefined ? {} : { hostTimeout: input.hostTimeout }) },
      baseDir,
      homeDir,
    });
    if (!resolved.ok) {
      // A system has no rack: what it inherited comes from the top-level defaults.
      for (const problem of resolved.problems) issues.add([...(problem.writtenIn === 'defaults' ? ['defaults'] : path), ...problem.path], problem.message);
      continue;
    }
    systems.push({
      name,
      role: input.role,
      // A provider system is always logged in to: reading it is the point.
      ssh: { ...resolved.host.ssh, access: 'login', probeAccounts: [] },
      hostTimeoutMs: resolved.host.hostTimeoutMs,
      ...(input.bacula ? { bacula: { ...input.bacula } } : {}),
      restic: (input.restic ?? []).map((r) => ({ repository: r.repository, password: r.password })),
      borg: (input.borg ?? []).map((b) => ({ repository: b.repository, ...(b.passphrase ? { password: b.passphrase } : {}) })),
      ...(input.rsnapshot ? { rsnapshot: input.rsnapshot } : {}),
      trees: input.trees ?? [],
      snapshotRoots: input.snapshotRoots ?? [],
      // Paths on the system stay as written (absolute); only the scanner's own files (identity, known_hosts) were resolved here.
      files: input.files ?? [],
    });
  }
  return systems;
}
