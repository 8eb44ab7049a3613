import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { secretsSet } from '../../../src/cli/secrets-command.js';
import { secretsPurge } from '../../../src/cli/secrets-purge.js';
import { CliError } from '../../../src/cli/usage-error.js';
import { saveReport } from '../../../src/report/save-report.js';
import { buildReport } from '../../../src/report/report.js';

/** A stream standing in for stdout/stderr, keeping what was written. */
function sink(): NodeJS.WriteStream & { text: () => string } {
  const s = new PassThrough();
  let text = '';
  s.on('data', (d: Buffer) => (text += d.toString()));
  return Object.assign(s, { text: () => text, isTTY: false }) as unknown as NodeJS.WriteStream & { text: () => string };
}

const STORE = 'hosts:\n  d4-09:\n    os:\n      - { user: root, password: "Os-09", handover: 2026-01-02 }\n  d4-11:\n    bmc:\n      accounts:\n        - { user: ADMIN, password: "Bmc-11" }\n';

function fleet(): { dir: string; inventory: string; store: string; reports: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fc-purge-lock-'));
  const inventory = join(dir, 'fleet.yaml');
  writeFileSync(
    inventory,
    [
      'version: 1',
      'defaults: { ssh: { knownHosts: known_hosts } }',
      'secrets: { file: secrets.yaml }',
      'reports: { dir: reports }',
      'provider: {}',
      'racks:',
      '  D4:',
      '    hosts:',
      '      d4-09: { ssh: { address: 192.0.2.9 }, contract: { id: C-9, customer: X, end: 2099-12-31 } }',
      '      d4-11: { ssh: { address: 192.0.2.11 }, contract: { id: C-11, customer: X, end: 2020-07-20 } }',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'secrets.yaml'), STORE, { mode: 0o600 });
  return { dir, inventory, store: join(dir, 'secrets.yaml'), reports: join(dir, 'reports') };
}

const quietIo = (stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream) => ({ stdin, stdout: sink(), stderr: sink() });

describe('secrets purge and concurrent changes', () => {
  it('stops, changing nothing, when the store changed while the confirmation was asked', async () => {
    const f = fleet();
    const stdin = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.ReadStream & PassThrough;
    const io = quietIo(stdin);
    io.stderr.on('data', (d: Buffer) => {
      if (!d.toString().includes('Type "yes"')) return;
      // Someone else changes the store meanwhile (a colleague's `secrets set`).
      writeFileSync(f.store, STORE.replace('handover: 2026-01-02 }', 'handover: 2026-01-02 }\n      - { user: ops, password: "Os-ops", handover: 2026-02-02 }'));
      stdin.write('yes\n');
    });
    const run = secretsPurge({ inventory: f.inventory, host: ['d4-[09,11]'] }, io);
    await expect(run).rejects.toMatchObject({ exitCode: 78, message: expect.stringContaining('changed since the list above was made; nothing was changed') });
    expect(readFileSync(f.store, 'utf8')).toContain('Os-ops');
    expect(readFileSync(f.store, 'utf8')).toContain('Bmc-11');
    expect(existsSync(`${f.store}.lock`)).toBe(false);
  });

  it('refuses with exit 78 while another live process holds the store lock, for purge and set', async () => {
    const f = fleet();
    writeFileSync(`${f.store}.lock`, `${process.pid}\n`);
    const purge = secretsPurge({ inventory: f.inventory, host: ['d4-11'], yes: true }, quietIo());
    await expect(purge).rejects.toBeInstanceOf(CliError);
    await expect(secretsPurge({ inventory: f.inventory, host: ['d4-11'], yes: true }, quietIo())).rejects.toMatchObject({ exitCode: 78, message: expect.stringContaining(`locked by process ${process.pid}`) });
    const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream & PassThrough;
    stdin.end('New-Bmc\n');
    await expect(secretsSet('d4-09', ['bmc', 'ADMIN'], { inventory: f.inventory }, quietIo(stdin))).rejects.toMatchObject({ exitCode: 78 });
    expect(readFileSync(f.store, 'utf8')).toBe(STORE);
    expect(readFileSync(`${f.store}.lock`, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('lists leftover .partial report files in the dry run and removes them with the purge', async () => {
    const f = fleet();
    await saveReport(
      f.reports,
      buildReport({
        ...{ version: '0.1.0', startedAt: new Date('2026-11-24T00:00:00Z'), finishedAt: new Date('2026-11-24T00:00:01Z'), inventory: 'i', interrupted: false },
        selection: { racks: [], hosts: ['d4-[09-11]'], checks: [], hostCount: 2 },
        results: ['d4-09', 'd4-11'].map((host) => ({ host, rack: 'D4', verdict: 'compliant' as const, findings: [], durationMs: 1, access: { mode: 'outside-only' as const } })),
        notScanned: [],
        defaultAccess: { mode: 'login', user: 'root', sudo: false },
      }),
    );
    const leftover = join(f.reports, '.20261124T000000Z.json.a1b2c3d4e5f6.partial');
    writeFileSync(leftover, '{"schema": "fleetcheck/report@1", "hosts": [{"name": "d4-11"');
    const dry = quietIo();
    expect(await secretsPurge({ inventory: f.inventory, host: ['d4-11'], dryRun: true }, dry)).toBe(0);
    expect(dry.stdout.text()).toContain(`${leftover}  leftover of an interrupted write`);
    expect(existsSync(leftover)).toBe(true);
    const io = quietIo();
    expect(await secretsPurge({ inventory: f.inventory, host: ['d4-11'], yes: true }, io)).toBe(0);
    expect(readdirSync(f.reports)).toEqual(['20261124T000000Z.json']);
    const saved = readFileSync(join(f.reports, '20261124T000000Z.json'), 'utf8');
    expect(saved).not.toContain('d4-11');
    expect(saved).not.toContain('d4-[09-11]');
    expect(readFileSync(f.store, 'utf8')).not.toContain('Bmc-11');
  });
});
