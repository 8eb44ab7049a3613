// `fleetcheck offboard`: the exit code is the yes/no an offboarding script needs.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { fleetcheck } from './support/run-cli.js';

const INV = ['--inventory', 'inventory/lab.yaml'];

describe('fleetcheck offboard', () => {
  it('exits 0 for a host whose credentials are as handed over', async () => {
    const run = await fleetcheck(['offboard', ...INV, '--host', 'e5-01', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.stdout) as Report).hosts.map((h) => [h.name, h.verdict])).toEqual([['e5-01', 'compliant']]);
  });

  it('exits 1 when the customer did not set the BMC password back (a3-04)', async () => {
    const run = await fleetcheck(['offboard', ...INV, '--host', 'a3-04', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    const ic = (JSON.parse(run.stdout) as Report).hosts[0]!.checks.find((c) => c.id === 'bmc.initial-credentials')!;
    expect(ic.status).toBe('fail');
    expect(ic.message).toMatch(/contract-end rules were asked for/);
  });

  it('exits 1 for an extra BMC admin and 2 for a BMC that does not answer', async () => {
    expect((await fleetcheck(['offboard', ...INV, '--host', 'e5-02'])).exitCode).toBe(1);
    expect((await fleetcheck(['offboard', ...INV, '--host', 'a3-05'])).exitCode).toBe(2);
  });

  it('exits 64 for an unknown host and shows examples in --help', async () => {
    expect((await fleetcheck(['offboard', ...INV, '--host', 'zz-01'])).exitCode).toBe(64);
    const help = await fleetcheck(['offboard', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/fleetcheck offboard --host a3-07/);
  });
});
