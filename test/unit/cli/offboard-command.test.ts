// offboard writes (the BIOS password probe) under contract-end rules: it needs hosts named.
import { describe, expect, it } from 'vitest';
import { runCli, tinyInventory } from './support/cli-fixture.js';

describe('fleetcheck offboard', () => {
  it('refuses to run without --host (exit 64), scanning nothing', async () => {
    const { inventory } = tinyInventory();
    for (const args of [['offboard', '--inventory', inventory], ['offboard', '--inventory', inventory, '--host', '']]) {
      const run = await runCli([...args, '--format', 'json']);
      expect(run.code).toBe(64);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('fleetcheck: offboard: name the host(s) to hand back with --host (offboarding writes, so it never defaults to the whole fleet)\n');
    }
  });

  it('scans exactly the named host', async () => {
    const { inventory } = tinyInventory();
    const run = await runCli(['offboard', '--inventory', inventory, '--host', 'z9-02', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).hosts.map((h: { name: string }) => h.name)).toEqual(['z9-02']);
  });

  it('lets no other write reach the whole fleet by default: --bios-password-check needs hosts or racks', async () => {
    const { inventory } = tinyInventory();
    const run = await runCli(['--inventory', inventory, '--bios-password-check', '--format', 'json']);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/--bios-password-check writes to each BMC.*name the hosts with --hosts or --rack/);
    const named = await runCli(['--inventory', inventory, '--bios-password-check', '--rack', 'Z9', '--check', 'residue.provider-ssh-key', '--format', 'json']);
    expect(named.code).toBe(2);
  });
});
