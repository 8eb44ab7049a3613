// Hosts full of junk, through the real SSH transport: an ssh2 server answers the collecting
// command with the run's own marker and megabytes of junk lines in files sshd reads keys from.
// The host under the output limit is judged with bounded evidence; the one over it is an error
// that says so; the clean host keeps its result; the report stays small in every format.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type ServerChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/catalogue.js';
import { MAX_COLLECT_BYTES } from '../../../src/cli/scan-command.js';
import { EVIDENCE_LIMITS, OMITTED_SOURCE } from '../../../src/model/evidence-limit.js';
import { buildReport } from '../../../src/report/report.js';
import { REPORTERS } from '../../../src/report/reporters.js';
import { runFleet } from '../../../src/runner/run-fleet.js';
import { scanHost, type ScanOptions } from '../../../src/runner/scan-host.js';
import { openSsh } from '../../../src/transport/ssh/ssh-connection.js';
import { ssh2KeyPair } from '../../support/ssh2-key-pair.js';
import { onlyTransports } from '../support/transports.js';
import { testHost, testProvider } from '../support/hosts.js';

const FILE_BYTES = 256 * 1024; // the per-file read limit of authorized_keys, not exceeded
const JUNK_FILES = 24; // 6 MiB for the junk host, under the output limit
const FLOOD_FILES = Math.ceil(MAX_COLLECT_BYTES / FILE_BYTES) + 4; // over it
const junkBody = Buffer.from('xx\n'.repeat(Math.floor(FILE_BYTES / 3)));

/** Writes with back-pressure, so the server side holds one chunk at a time. */
async function send(stream: ServerChannel, chunk: Buffer | string): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

async function answer(stream: ServerChannel, script: string, user: string): Promise<void> {
  const M = /^M='([^']+)'$/m.exec(script)![1]!;
  const files = user === 'junk' ? JUNK_FILES : user === 'flood' ? FLOOD_FILES : 1;
  await send(stream, `${M} begin authorized-keys\n`);
  for (let i = 0; i < files; i++) {
    await send(stream, `${M} F * /var/junk/keys-${i}\n`);
    await send(stream, user === 'clean' ? '# nothing but a comment\n' : junkBody);
    await send(stream, `\n${M} E\n`);
  }
  await send(stream, `\n${M} end authorized-keys 0\n${M} done\n`);
  stream.exit(0);
  stream.end();
}

let dir: string;
let port: number;
let server: InstanceType<typeof ssh2.Server>;
const hostKey = ssh2KeyPair();
const clientKey = ssh2KeyPair();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fc-junk-'));
  server = new ssh2.Server({ hostKeys: [hostKey.private] }, (conn) => {
    let user = '';
    conn.on('error', () => {});
    conn.on('authentication', (ctx) => {
      user = ctx.username;
      if (ctx.method === 'publickey' && ctx.key.data.equals(clientKey.blob)) return ctx.accept();
      ctx.reject(['publickey']);
    });
    conn.on('ready', () =>
      conn.on('session', (accept) =>
        accept().on('exec', (acceptExec) => {
          const stream = acceptExec();
          stream.on('error', () => {});
          let script = '';
          stream.on('data', (c: Buffer) => (script += c.toString()));
          stream.on('end', () => void answer(stream, script, user).catch(() => {}));
        }),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  await writeFile(join(dir, 'id'), clientKey.private, { mode: 0o600 });
  await writeFile(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ssh-ed25519 ${hostKey.blob.toString('base64')}\n`);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('a fleet with hosts full of junk, over real SSH', () => {
  it('judges the host under the output limit with bounded evidence, errs the one over it, and keeps the report small', async () => {
    const hosts = ['clean', 'junk', 'flood'].map((user, i) =>
      testHost({
        name: `z9-0${i + 1}`,
        secretsKey: `z9-0${i + 1}`,
        ssh: { address: '127.0.0.1', port, user, identity: join(dir, 'id'), agent: false, knownHosts: join(dir, 'known_hosts'), connectTimeoutMs: 5000, commandTimeoutMs: 60_000, access: 'login', probeAccounts: [] },
        hostTimeoutMs: 60_000,
      }),
    );
    const checks = ALL_CHECKS.filter((c) => c.id === 'residue.provider-ssh-key' || c.id === 'residue.provider-ssh-ca');
    const options: ScanOptions = {
      // Only SSH facts are asked for: IPMI, Redfish and the store are never reached.
      transports: onlyTransports({ openSsh }),
      secrets: { description: 'none', forHost: async () => ({ ok: false, reason: 'secret-absent', message: 'none' }) } as never,
      ssh: { acceptNewHostKeys: false, maxOutputBytes: MAX_COLLECT_BYTES },
      bmcLimit: (work) => work(),
      provider: testProvider(),
      now: () => new Date('2026-11-23T00:00:00Z'),
    };
    const outcome = await runFleet(hosts, { global: 3, perRack: () => 3, bmc: 1 }, (h) => scanHost(h, checks, options));
    const started = new Date('2026-11-23T00:00:00Z');
    const report = buildReport({
      version: '0.0.0', startedAt: started, finishedAt: started, inventory: 'test.yaml', interrupted: false,
      selection: { racks: [], hosts: [], checks: checks.map((c) => c.id), hostCount: hosts.length },
      results: outcome.results, notScanned: [], defaultAccess: { mode: 'login', user: 'root', sudo: false },
    });
    const finding = (host: string, id: string) => report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === id)!;

    expect(report.hosts.find((h) => h.name === 'z9-01')!.checks.map((c) => c.status)).toEqual(['pass', 'pass']);

    const junk = finding('z9-02', 'residue.provider-ssh-key');
    const lines = JUNK_FILES * Math.floor(FILE_BYTES / 3);
    expect(junk.status).toBe('warn');
    expect(junk.message).toBe(`no provider key among 0 key(s), but ${lines} line(s) could not be read as keys`);
    expect(junk.evidence.length).toBeLessThanOrEqual(EVIDENCE_LIMITS.entriesPerFinding + 1);
    expect(junk.evidence.at(-1)).toMatchObject({ source: OMITTED_SOURCE, detail: expect.stringMatching(new RegExp(`^and ${lines - EVIDENCE_LIMITS.entriesPerFinding} more `)) });

    for (const id of ['residue.provider-ssh-key', 'residue.provider-ssh-ca']) {
      expect(finding('z9-03', id)).toMatchObject({ status: 'error', message: 'SSH: the host sent more than 16 MiB, the output limit of the collecting command; none of it was judged' });
    }

    for (const [format, reporter] of REPORTERS) {
      expect(reporter.render(report, { color: false, verbose: true }).length, format).toBeLessThan(64 * 1024);
    }
  });
});
