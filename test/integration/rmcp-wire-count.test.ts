// What a full `bmc.*` audit costs a BMC, counted on the wire: a recording relay sits in front of a
// lab BMC and every datagram of both clients (the native prober and the administrator's ipmitool
// session) passes through it. A handshake is a RAKP 1 (by console session id); it finished when
// a RAKP 4 with status 0 came back for it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { fleetcheck, REPO } from './support/run-cli.js';

/** Lab BMCs and the relay address each is reached through during this test. */
const RELAYED = { 'e5-01': { bmc: '127.11.5.1', relay: '127.210.5.1' }, 'a3-04': { bmc: '127.11.3.4', relay: '127.210.3.4' } } as const;

interface Wire {
  /** Console session ids of the suite-3 handshakes (Open Session proposing RAKP-HMAC-SHA1). */
  suite3: Set<number>;
  rakp1: Set<number>;
  finished: Set<number>;
  rakp3: Set<number>;
}

/** Reads a relay recording into handshakes keyed by console session id. */
function readWire(file: string): Wire {
  const wire: Wire = { suite3: new Set(), rakp1: new Set(), finished: new Set(), rakp3: new Set() };
  const bmcSession = new Map<number, number>(); // BMC session id -> console session id
  for (const line of readFileSync(file, 'utf8').trim().split('\n').filter(Boolean)) {
    const { dir, hex } = JSON.parse(line) as { dir: string; hex: string };
    const d = Buffer.from(hex, 'hex');
    if (d[4] !== 0x06) continue;
    const type = d[5]! & 0x3f;
    const p = d.subarray(16, 16 + d.readUInt16LE(14));
    if (dir === 'client' && type === 0x10 && p[12] === 0x01) wire.suite3.add(p.readUInt32LE(4));
    if (dir === 'bmc' && type === 0x11 && p[1] === 0 && p.length >= 12) bmcSession.set(p.readUInt32LE(8), p.readUInt32LE(4));
    if (dir === 'client' && type === 0x12) wire.rakp1.add(bmcSession.get(p.readUInt32LE(4)) ?? -1);
    if (dir === 'client' && type === 0x14) wire.rakp3.add(bmcSession.get(p.readUInt32LE(4)) ?? -1);
    if (dir === 'bmc' && type === 0x15 && p[1] === 0) wire.finished.add(p.readUInt32LE(4));
  }
  return wire;
}

describe('handshakes a full BMC audit leaves unfinished, counted on the wire', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-wire-'));
  const relays: ChildProcess[] = [];
  let report: Report;

  beforeAll(async () => {
    for (const [name, { bmc, relay }] of Object.entries(RELAYED)) {
      const child = spawn('node', [join(REPO, 'fixtures/ipmi/captures/relay.mjs'), `${relay}:623`, `${bmc}:623`, join(dir, `${name}.jsonl`)], { stdio: ['ignore', 'pipe', 'inherit'] });
      relays.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
      });
    }
    const host = (name: keyof typeof RELAYED, ssh: string) => `      ${name}:\n        ssh: { address: ${ssh} }\n        bmc: { address: ${RELAYED[name].relay} }\n`;
    writeFileSync(
      join(dir, 'inventory.yaml'),
      [
        'version: 1',
        'defaults:',
        `  ssh: { user: root, identity: ${REPO}/.lab/keys/scanner_ed25519, knownHosts: ${REPO}/.lab/known_hosts }`,
        '  bmc: { port: 623, cipherSuite: 3, timeout: 5s, retries: 0 }',
        'provider:',
        '  sshKeys: []',
        'secrets:',
        `  age: { file: ${REPO}/.lab/secrets.age, identity: { file: ${REPO}/fixtures/lab/age-identity.txt } }`,
        'racks:',
        '  W1:',
        '    hosts:',
        host('e5-01', '127.10.5.1') + host('a3-04', '127.10.3.4'),
      ].join('\n'),
    );
    const run = await fleetcheck(['--inventory', join(dir, 'inventory.yaml'), '--check', 'bmc.*', '--format', 'json']);
    expect(run.stderr).toBe('');
    report = JSON.parse(run.stdout) as Report;
  }, 120_000);

  afterAll(() => {
    for (const r of relays) r.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves zero handshakes unfinished on a compliant BMC, and the report says 0', () => {
    const wire = readWire(join(dir, 'e5-01.jsonl'));
    expect(wire.rakp1.size).toBeGreaterThan(0);
    expect([...wire.rakp1].filter((id) => !wire.finished.has(id))).toEqual([]);
    expect(report.hosts.find((h) => h.name === 'e5-01')!.bmcUnfinishedHandshakes).toBe(0);
  });

  it('sends no RAKP 3 in a suite-3 handshake whose password the BMC does not hold, and counts what it left', () => {
    // a3-04's stored password was changed and no vendor default is set: no password can be confirmed.
    const wire = readWire(join(dir, 'a3-04.jsonl'));
    expect([...wire.rakp3].filter((id) => wire.suite3.has(id))).toEqual([]);
    const unfinished = [...wire.rakp1].filter((id) => !wire.finished.has(id)).length;
    expect(unfinished).toBeGreaterThan(0);
    expect(report.hosts.find((h) => h.name === 'a3-04')!.bmcUnfinishedHandshakes).toBe(unfinished);
  });
});
