// A second SIGINT leaves at once, with no report: it must say so on stderr, and what was lost.
// The host's sshd is a listener here that accepts and never speaks, so the scan stays in flight.
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryText, REPO, workspace, type Workspace } from './support/built-cli.js';

const SILENT = '127.200.14.1';
let ws: Workspace;
let server: Server;
let port = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  ws = workspace('fc-second-sigint-');
  server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, SILENT, resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await new Promise((resolve) => server.close(resolve));
  rmSync(ws.dir, { recursive: true, force: true });
});

describe('a second SIGINT', () => {
  it('exits 130 at once and says on stderr that no report is written and what was lost', async () => {
    const racks = ['  A3:', '    hosts:', `      a3-01: { ssh: { address: ${SILENT}, port: ${port} } }`, `      a3-02: { ssh: { address: 127.200.14.2 } }`].join('\n');
    const inventory = ws.write('fleet.yaml', inventoryText(ws, racks).replace('connectTimeout: 1s', 'connectTimeout: 60s'));
    const child = execa('node', ['bin/fleetcheck.js', '--inventory', inventory, '--concurrency', '1', '--check', 'residue.provider-ssh-key', '--format', 'json'], {
      cwd: REPO,
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
    });
    const deadline = Date.now() + 30_000;
    while (sockets.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(sockets.length).toBe(1); // a3-01 is being scanned
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const run = await child;
    expect(run.exitCode).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^\nfleetcheck: interrupted again: leaving at once; /);
    expect(run.stderr).toMatch(/the results of 0 finished host\(s\) are lost \(no report is written\), 1 host\(s\) were cut off mid-scan, 1 never started/);
  });
});
