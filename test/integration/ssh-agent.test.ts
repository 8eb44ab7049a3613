import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { fleetcheck, REPO } from './support/run-cli.js';

// A real OpenSSH ssh-agent holding the lab's scanner key; the inventory names no identity file.
let agentPid: number | undefined;
let socket = '';
const inventory = join(REPO, 'inventory', `.test-agent-${process.pid}.yaml`);

beforeAll(() => {
  socket = join(mkdtempSync(join(tmpdir(), 'fc-agent-')), 'agent.sock');
  const out = execFileSync('ssh-agent', ['-s', '-a', socket], { encoding: 'utf8' });
  agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)![1]);
  execFileSync('ssh-add', ['-q', join(REPO, '.lab/keys/scanner_ed25519')], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  const doc = parseDocument(readFileSync(join(REPO, 'inventory/lab.yaml'), 'utf8'));
  doc.deleteIn(['defaults', 'ssh', 'identity']);
  writeFileSync(inventory, doc.toString());
});

afterAll(() => {
  rmSync(inventory, { force: true });
  if (agentPid) process.kill(agentPid, 'SIGTERM');
});

describe('ssh-agent', () => {
  it('logs in with the agent’s key when the inventory names no identity', async () => {
    const run = await fleetcheck(['--inventory', inventory, '--hosts', 'b1-02', '--check', 'residue.provider-ssh-key', '--format', 'json'], {
      env: { SSH_AUTH_SOCK: socket },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const host = (JSON.parse(run.stdout) as Report).hosts[0]!;
    expect(host.checks[0]!.status).toBe('pass');
    // The report names the agent key sshd accepted, as sshd's own log does.
    const blob = Buffer.from(readFileSync(join(REPO, '.lab/keys/scanner_ed25519.pub'), 'utf8').split(' ')[1]!, 'base64');
    const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
    expect(host.access).toEqual({ mode: 'login', user: 'root', sudo: false, keyFingerprint: fingerprint });
  });

  it('is an auth error, naming no key material, when the agent holds no key the host accepts', async () => {
    execFileSync('ssh-add', ['-D'], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
    const run = await fleetcheck(['--inventory', inventory, '--hosts', 'b1-02', '--check', 'residue.provider-ssh-key', '--format', 'json'], {
      env: { SSH_AUTH_SOCK: socket },
    });
    expect(run.exitCode).toBe(2);
    const finding = (JSON.parse(run.stdout) as Report).hosts[0]!.checks[0]!;
    expect(finding.status).toBe('error');
    expect(finding.message).toMatch(/auth|refused|denied/i);
    expect(finding.message).not.toMatch(/AAAA/);
  });
});
