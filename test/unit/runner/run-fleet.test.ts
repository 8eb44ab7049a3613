import { describe, expect, it } from 'vitest';
import type { Host } from '../../../src/inventory/types.js';
import type { HostResult } from '../../../src/model/host-result.js';
import { runFleet } from '../../../src/runner/run-fleet.js';
import { testHost } from '../support/hosts.js';

const hosts: Host[] = [
  ...['a1', 'a2', 'a3', 'a4'].map((name) => testHost({ name, rack: 'A' })),
  ...['b1', 'b2'].map((name) => testHost({ name, rack: 'B' })),
];
const result = (host: Host): HostResult => ({ host: host.name, rack: host.rack, verdict: 'compliant', findings: [], durationMs: 0, access: { mode: 'outside-only' } });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('runFleet', () => {
  it('returns results in selection order whatever the finishing order', async () => {
    const out = await runFleet(hosts, { global: 6, perRack: () => 6, bmc: 1 }, async (h) => {
      await new Promise((r) => setTimeout(r, h.name === 'a1' ? 30 : 1));
      return result(h);
    });
    expect(out.results.map((r) => r.host)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2']);
    expect(out.notStarted).toEqual([]);
  });

  it('never runs more than the global and per-rack limits at once', async () => {
    let running = 0;
    let peak = 0;
    const perRack = new Map<string, number>();
    let rackPeak = 0;
    await runFleet(hosts, { global: 3, perRack: (r) => (r === 'A' ? 2 : 1), bmc: 1 }, async (h) => {
      running++;
      perRack.set(h.rack, (perRack.get(h.rack) ?? 0) + 1);
      peak = Math.max(peak, running);
      rackPeak = Math.max(rackPeak, perRack.get('A') ?? 0);
      expect(perRack.get('B') ?? 0).toBeLessThanOrEqual(1);
      await tick();
      running--;
      perRack.set(h.rack, perRack.get(h.rack)! - 1);
      return result(h);
    });
    expect(peak).toBe(3);
    expect(rackPeak).toBe(2);
  });

  it('starts no new host after stop, and keeps the results of hosts already running', async () => {
    const stop = new AbortController();
    const out = await runFleet(hosts, { global: 2, perRack: () => 2, bmc: 1 }, async (h) => {
      await tick();
      if (h.name === 'a1') stop.abort();
      await tick();
      return result(h);
    }, { stop: stop.signal });
    // Two slots: a1 and a2 were already running when a1 asked to stop; nothing else starts.
    expect(out.results.map((r) => r.host)).toEqual(['a1', 'a2']);
    expect(out.notStarted.map((h) => h.name)).toEqual(['a3', 'a4', 'b1', 'b2']);
  });

  it('turns a scan that throws into an error result for that host only', async () => {
    const out = await runFleet(hosts, { global: 6, perRack: () => 6, bmc: 1 }, async (h) => {
      if (h.name === 'a2') throw new Error('boom');
      return result(h);
    });
    expect(out.results.find((r) => r.host === 'a2')).toMatchObject({ verdict: 'error', findings: [{ id: 'fleetcheck.internal', status: 'error' }] });
    expect(out.results.filter((r) => r.verdict === 'compliant')).toHaveLength(5);
  });
});
