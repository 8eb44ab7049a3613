// Checks, before any connection, that the files the selected hosts need are there and safe.
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { sortInventoryIssues } from './inventory-issue.js';
import { writtenPath } from './locator.js';
import { safePath } from './safe-text.js';
import type { Host, Inventory, InventoryIssue } from './types.js';

/** How strict to be about files that a run may create itself. */
export interface VerifyOptions {
  /**
   * When true (the default), a missing known_hosts file is fine as long as its directory exists:
   * with --accept-new-host-keys the scan records keys there, and without it each host fails on its own
   * with "host key unknown", which says more than a refusal to start. Pass false to require the file.
   */
  knownHostsMayBeCreated?: boolean;
}

type FileState = { kind: 'ok'; stats: Stats } | { kind: 'missing' } | { kind: 'not-file' } | { kind: 'unreadable' };

function fileState(path: string): FileState {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable' };
  }
  if (!stats.isFile()) return { kind: 'not-file' };
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return { kind: 'unreadable' };
  }
  return { kind: 'ok', stats };
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

  for (const host of hosts) {
    const at = `racks.${host.rack}.hosts.${host.name}.ssh`;
    const identity = host.ssh.identity;
    if (identity !== undefined && !host.ssh.agent && once(`identity ${identity}`)) {
      const state = fileState(identity);
      if (state.kind !== 'ok') report(`${at}.identity`, `identity file ${describeState(state)}: ${safePath(identity)}`);
    }
    const knownHosts = host.ssh.knownHosts;
    if (once(`known ${knownHosts}`)) {
      const state = fileState(knownHosts);
      if (state.kind === 'missing' && mayCreate) {
        if (!isDirectory(dirname(knownHosts))) {
          report(`${at}.knownHosts`, `directory for the known_hosts file not found: ${safePath(dirname(knownHosts))}`);
        }
      } else if (state.kind !== 'ok') {
        report(`${at}.knownHosts`, `known_hosts file ${describeState(state)}: ${safePath(knownHosts)}`);
      }
    }
  }

  if (hosts.length > 0) {
    const secrets = inv.secrets.path;
    const state = fileState(secrets);
    if (state.kind !== 'ok') report('secrets.file', `secrets file ${describeState(state)}: ${safePath(secrets)}`);
    else if ((state.stats.mode & 0o077) !== 0) report('secrets.file', 'secrets file is readable by group or others; chmod 600');
  }
  return sortInventoryIssues(issues);
}

function describeState(state: Exclude<FileState, { kind: 'ok' }>): string {
  switch (state.kind) {
    case 'missing':
      return 'not found';
    case 'not-file':
      return 'is not a regular file';
    case 'unreadable':
      return 'is not readable';
  }
}
