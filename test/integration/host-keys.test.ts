import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { fleetcheck, REPO } from './support/run-cli.js';

/**
 * A copy of the lab inventory, beside it so every relative path still resolves, whose known_hosts
 * is a file of the test's own in a fresh directory.
 */
function inventoryWithKnownHosts(content: string | undefined): { inventory: string; knownHosts: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fc-hostkeys-'));
  const doc = parseDocument(readFileSync(join(REPO, 'inventory/lab.yaml'), 'utf8'));
  const knownHosts = join(dir, 'known_hosts');
  if (content !== undefined) writeFileSync(knownHosts, content);
  doc.setIn(['defaults', 'ssh', 'knownHosts'], knownHosts);
  const inventory = join(REPO, 'inventory', `.test-hostkeys-${process.pid}-${created.length}.yaml`);
  writeFileSync(inventory, doc.toString());
  created.push(inventory);
  return { inventory, knownHosts };
}

const created: string[] = [];
afterAll(() => created.forEach((f) => rmSync(f, { force: true })));

const residueOf = (stdout: string, host: string) =>
  (JSON.parse(stdout) as Report).hosts.find((h) => h.name === host)!.checks.find((c) => c.id === 'residue.provider-ssh-key')!;

describe('host keys against the lab’s real sshd', () => {
  it('refuses a host whose key is not in known_hosts, and says so', async () => {
    const { inventory } = inventoryWithKnownHosts('');
    const run = await fleetcheck(['--inventory', inventory, '--hosts', 'b1-02', '--check', 'residue.*', '--format', 'json']);
    expect(run.exitCode).toBe(2);
    const finding = residueOf(run.stdout, 'b1-02');
    expect(finding.status).toBe('error');
    expect(finding.message).toMatch(/host key/i);
  });

  it('refuses a host whose key changed, even with --accept-new-host-keys', async () => {
    const labKnownHosts = readFileSync(join(REPO, '.lab/known_hosts'), 'utf8');
    const b101 = labKnownHosts.split('\n').find((l) => l.startsWith('127.10.1.1 '))!;
    // b1-02 recorded with b1-01's key: the host now presents a key other than the recorded one.
    const { inventory } = inventoryWithKnownHosts(b101.replace('127.10.1.1 ', '127.10.1.2 ') + '\n');
    const run = await fleetcheck(['--inventory', inventory, '--hosts', 'b1-02', '--check', 'residue.*', '--format', 'json', '--accept-new-host-keys']);
    expect(run.exitCode).toBe(2);
    const finding = residueOf(run.stdout, 'b1-02');
    expect(finding.status).toBe('error');
    expect(finding.message).toMatch(/SHA256:/);
  });

  it('records a new host key only when asked, then verifies against it', async () => {
    const { inventory, knownHosts } = inventoryWithKnownHosts(undefined);
    // Only checks of the host itself: a residue.* run also reads the provider's staff and billing systems, whose keys it would record too.
    const first = await fleetcheck(['--inventory', inventory, '--hosts', 'b1-02', '--check', 'residue.provider-ssh-*', '--format', 'json', '--accept-new-host-keys']);
    expect(first.exitCode).toBe(0);
    const recorded = readFileSync(knownHosts, 'utf8');
    expect(recorded).toMatch(/^127\.10\.1\.2 ssh-ed25519 AAAA\S+\n$/);
    const labLine = readFileSync(join(REPO, '.lab/known_hosts'), 'utf8').split('\n').find((l) => l.startsWith('127.10.1.2 '))!;
    expect(recorded.trim().split(' ').slice(0, 3)).toEqual(labLine.split(' ').slice(0, 3));
    const second = await fleetcheck(['--inventory', inventory, '--hosts', 'b1-02', '--check', 'residue.provider-ssh-*', '--format', 'json']);
    expect(second.exitCode).toBe(0);
  });
});
