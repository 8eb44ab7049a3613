// Dates entering the store are real calendar days: a flag is exit 64, a file 78, and nothing is stored.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slotOf } from '../../../src/cli/secrets-command.js';
import { invalidDates } from '../../../src/secrets/document-dates.js';
import { runCli, tinyInventory } from './support/cli-fixture.js';

describe('handover dates entering the store', () => {
  it('slotOf refuses a --handover that names no day', () => {
    for (const bad of ['2026-13-45', '2026-02-30', '2026-1-2', 'tomorrow']) {
      expect(() => slotOf(['os', 'root'], { handover: bad }), bad).toThrow(expect.objectContaining({ exitCode: 64 }));
    }
    expect(slotOf(['os', 'root'], { handover: '2028-02-29' })).toEqual({ kind: 'os', user: 'root', handover: '2028-02-29' });
  });

  it('names every bad date of a document', () => {
    expect(invalidDates({ hosts: { 'a3-01': { os: [{ user: 'root', password: 'x', handover: '2026-01-02' }, { user: 'ops', password: 'y', handover: '2026-13-45' }], disks: [{ device: '/dev/md1', passphrase: 'z', handover: '2027-02-29' }] } } })).toEqual([
      "hosts.a3-01.os[1].handover '2026-13-45'",
      "hosts.a3-01.disks[0].handover '2027-02-29'",
    ]);
  });

  it('secrets set --handover 2026-13-45 is exit 64 and stores nothing (the real command line)', async () => {
    const { dir, inventory } = tinyInventory();
    const before = readFileSync(join(dir, 'secrets.yaml'), 'utf8');
    const run = await runCli(['secrets', 'set', 'z9-01', 'os', 'root', '--handover', '2026-13-45', '--inventory', inventory]);
    expect(run.code).toBe(64);
    expect(run.stderr).toBe("fleetcheck: --handover '2026-13-45' is not a calendar date: expected one like 2026-01-02\n");
    expect(readFileSync(join(dir, 'secrets.yaml'), 'utf8')).toBe(before);
  });

  it('secrets import of a file with such a date is exit 78 and imports nothing', async () => {
    const { dir, inventory } = tinyInventory();
    const before = readFileSync(join(dir, 'secrets.yaml'), 'utf8');
    const file = join(dir, 'handover.yaml');
    writeFileSync(file, 'hosts:\n  z9-01:\n    os:\n      - { user: root, password: "Os-pw-1", handover: 2026-13-45 }\n', { mode: 0o600 });
    const run = await runCli(['secrets', 'import', file, '--inventory', inventory]);
    expect(run.code).toBe(78);
    expect(run.stderr).toBe(`fleetcheck: ${file}: hosts.z9-01.os[0].handover '2026-13-45' is not a calendar date; nothing was imported\n`);
    expect(run.stderr).not.toContain('Os-pw-1');
    expect(readFileSync(join(dir, 'secrets.yaml'), 'utf8')).toBe(before);
  });
});
