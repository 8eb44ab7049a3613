// Checks, before any connection, that the files the selected hosts need are there and safe: each a
// regular file within the size fleetcheck will read of it (a FIFO or /dev/zero named by mistake is
// refused here, by its line, not read at scan time).
import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { checkRegularFile, describeFileProblem } from '../fs/bounded-file.js';
import { FILE_LIMITS } from '../fs/file-limits.js';
import { sortInventoryIssues } from './inventory-issue.js';
import { writtenPath } from './locator.js';
import { safePath, safeText } from './safe-text.js';
import type { Host, Inventory, InventoryIssue, SecretsSource, SshSettings } from './types.js';

/** How strict to be about files that a run may create itself. */
export interface VerifyOptions {
  /**
   * When true (the default), a missing known_hosts file is fine as long as its directory exists:
   * with --accept-new-host-keys the scan records keys there, and without it each host fails on its own
   * with "host key unknown", which says more than a refusal to start. Pass false to require the file.
   */
  knownHostsMayBeCreated?: boolean;
  /** The environment an `env:` age identity is read from (the process's by default). */
  env?: NodeJS.ProcessEnv;
}

type FileState = { kind: 'ok'; stats: Stats } | { kind: 'missing' } | { kind: 'bad'; words: string };

/** Whether `path` is a regular file of at most `maxBytes` this process can open. */
function fileState(path: string, maxBytes: number): FileState {
  const check = checkRegularFile(path, maxBytes);
  if (check.ok) return { kind: 'ok', stats: check.stats };
  return check.problem.kind === 'missing' ? { kind: 'missing' } : { kind: 'bad', words: describeFileProblem(check.problem) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Problems with the identity, known_hosts and secrets files of the selected hosts, at the lines that name them. */
export function verifyHostFiles(inv: Inventory, hosts: readonly Host[], options: VerifyOptions = {}): InventoryIssue[] {
  const mayCreate = options.knownHostsMayBeCreated ?? true;
  const issues: InventoryIssue[] = [];
  const report = (path: string, message: string): void => {
    const origin = writtenPath((p) => inv.locate(p), path) ?? path;
    const line = inv.locate(origin)?.line;
    issues.push({ file: inv.file, ...(line === undefined ? {} : { line }), path: origin, message });
  };
  // Many hosts share one identity and one known_hosts file: check (and report) each file once.
  const seen = new Set<string>();
  const once = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  /** The identity and known_hosts files of one SSH target (a host, or a provider system). */
  const verifySsh = (at: string, ssh: SshSettings): void => {
    const identity = ssh.identity;
    // A host fleetcheck never logs in to needs no private key (only its `.pub`, read by the outside probe).
    if (identity !== undefined && !ssh.agent && ssh.access === 'login' && once(`identity ${identity}`)) {
      const state = fileState(identity, FILE_LIMITS.sshIdentity);
      if (state.kind !== 'ok') report(`${at}.identity`, `identity file ${describeState(state)}: ${safePath(identity)}`);
    }
    const knownHosts = ssh.knownHosts;
    if (once(`known ${knownHosts}`)) {
      const state = fileState(knownHosts, FILE_LIMITS.knownHosts);
      if (state.kind === 'missing' && mayCreate) {
        if (!isDirectory(dirname(knownHosts))) {
          report(`${at}.knownHosts`, `directory for the known_hosts file not found: ${safePath(dirname(knownHosts))}`);
        }
      } else if (state.kind !== 'ok') {
        report(`${at}.knownHosts`, `known_hosts file ${describeState(state)}: ${safePath(knownHosts)}`);
      }
    }
  };

  for (const host of hosts) {
    verifySsh(`racks.${host.rack}.hosts.${host.name}.ssh`, host.ssh);
    const trust = host.bmc?.redfish?.trust;
    const redfishAt = `racks.${host.rack}.hosts.${host.name}.bmc.redfish`;
    if (trust?.kind === 'pinned-file' && once(`pin ${trust.file}`)) {
      const state = fileState(trust.file, FILE_LIMITS.pinnedFingerprint);
      if (state.kind !== 'ok') report(`${redfishAt}.fingerprintFile`, `pinned fingerprint file ${describeState(state)}: ${safePath(trust.file)}`);
    }
    if (trust?.kind === 'ca' && once(`ca ${trust.caFile}`)) {
      const state = fileState(trust.caFile, FILE_LIMITS.caBundle);
      if (state.kind !== 'ok') report(`${redfishAt}.caFile`, `CA file ${describeState(state)}: ${safePath(trust.caFile)}`);
    }
  }

  // The provider systems are read in any scan of hosts whose checks need them: their files are checked with the hosts'.
  if (hosts.length > 0) for (const system of inv.provider.systems) verifySsh(`provider.systems.${system.name}.ssh`, system.ssh);
  if (hosts.length > 0) verifySecretsSource(inv.secrets, report, options.env ?? process.env);
  return sortInventoryIssues(issues);
}

/** The secret store's files (or variable) must be there; plaintext and identities must be private. */
function verifySecretsSource(source: SecretsSource, report: (path: string, message: string) => void, env: NodeJS.ProcessEnv): void {
  const privateFile = (at: string, what: string, path: string, maxBytes: number): void => {
    const state = fileState(path, maxBytes);
    if (state.kind !== 'ok') report(at, `${what} ${describeState(state)}: ${safePath(path)}`);
    else if ((state.stats.mode & 0o077) !== 0) report(at, `${what} is readable by group or others; chmod 600`);
  };
  switch (source.kind) {
    case 'file':
      privateFile('secrets.file', 'secrets file', source.path, FILE_LIMITS.secretStore);
      return;
    case 'age': {
      const state = fileState(source.path, FILE_LIMITS.secretStore);
      if (state.kind !== 'ok') report('secrets.age.file', `secret store ${describeState(state)}: ${safePath(source.path)} (create it with \`fleetcheck secrets init\`)`);
      if (source.identity.kind === 'file') privateFile('secrets.age.identity.file', 'age identity file', source.identity.path, FILE_LIMITS.ageIdentity);
      else if ((env[source.identity.name] ?? '').trim() === '') {
        report('secrets.age.identity.env', `environment variable ${safeText(source.identity.name)} holding the age identity is not set`);
      }
      return;
    }
    case 'pass':
      if (source.dir !== undefined && !isDirectory(source.dir)) report('secrets.pass.dir', `password store directory not found: ${safePath(source.dir)}`);
      return;
    case 'command': {
      const helper = source.run[0] ?? '';
      if (helper.includes('/')) {
        // A helper is run, not read: any size will do.
        const state = fileState(helper, Number.MAX_SAFE_INTEGER);
        if (state.kind !== 'ok') report('secrets.command.run', `secret helper ${describeState(state)}: ${safePath(helper)}`);
        else if ((state.stats.mode & 0o111) === 0) report('secrets.command.run', `secret helper is not executable: ${safePath(helper)}`);
      }
      return;
    }
  }
}

function describeState(state: Exclude<FileState, { kind: 'ok' }>): string {
  return state.kind === 'missing' ? 'not found' : state.words;
}
