import { describe, expect, it } from 'vitest';
import type { KeyQueryTarget } from '../../../../src/transport/ssh/key-query-connection.js';
import { PENALTY_SPACING_MS, penalisesFailedAuth, probeKeyAcceptance } from '../../../../src/transport/ssh/key-acceptance-probe.js';
import { startClosingPeer } from './fake-key-server.js';
import { keys, server, strict, target, useKeyProbeServers } from './key-probe-servers.js';

useKeyProbeServers();

describe('probeKeyAcceptance', () => {
  it('asks each account on its own connection, in batches under MaxAuthTries', async () => {
    const before = server.requests.length;
    const beforeConnections = server.connections();
    const outcome = await probeKeyAcceptance(await target(server), ['root', 'provops'], keys.map((k) => k.parsed), { keysPerConnection: 5 });
    const accepted = outcome.answers.filter((a) => a.answer === 'accepted').map((a) => `${a.account}:${a.key}`);
    expect(accepted).toEqual(['root:1', 'provops:0', 'provops:7']);
    expect(outcome.answers.filter((a) => a.answer === 'unasked')).toEqual([]);
    expect(outcome.answers).toHaveLength(16);
    // 8 keys at 5 per connection: two connections per account.
    expect(outcome.connections).toBe(4);
    expect(server.connections() - beforeConnections).toBe(4);
    const seen = server.requests.slice(before);
    expect(seen.every((r) => !r.signed)).toBe(true);
    for (const c of new Set(seen.map((r) => r.connection))) expect(new Set(seen.filter((r) => r.connection === c).map((r) => r.user)).size).toBe(1);
  });

  it('shrinks its batch to what a stricter MaxAuthTries allows, and still asks every key', async () => {
    const outcome = await probeKeyAcceptance(await target(strict), ['root'], keys.map((k) => k.parsed), { keysPerConnection: 5 });
    expect(outcome.answers.filter((a) => a.answer === 'unasked')).toEqual([]);
    expect(outcome.answers.filter((a) => a.answer === 'accepted').map((a) => a.key)).toEqual([6]);
  });

  it('leaves keys unasked, with the reason, once the connection budget is spent', async () => {
    const outcome = await probeKeyAcceptance(await target(server), ['root', 'provops', 'deploy'], keys.map((k) => k.parsed), { keysPerConnection: 5, maxConnections: 3 });
    const unasked = outcome.answers.filter((a) => a.answer === 'unasked');
    expect(unasked.map((a) => a.account)).toEqual(['provops', 'provops', 'provops', 'deploy', 'deploy', 'deploy', 'deploy', 'deploy', 'deploy', 'deploy', 'deploy']);
    expect(unasked[0]?.why).toMatch(/budget of 3 connections/);
    expect(outcome.connections).toBe(3);
  });

  it('stops at the first connection that failed for a reason the next one would share', async () => {
    const peer = await startClosingPeer();
    try {
      const outcome = await probeKeyAcceptance(await target(peer), ['root', 'provops'], [keys[0]!.parsed]);
      expect(outcome.connections).toBe(1);
      expect(outcome.answers.map((a) => a.answer)).toEqual(['unasked', 'unasked']);
      expect(outcome.answers[1]?.why).toMatch(/before its SSH banner/);
    } finally {
      await peer.stop();
    }
  });
});

describe('penalisesFailedAuth', () => {
  it('knows OpenSSH 9.8 and later by its banner', () => {
    expect(penalisesFailedAuth('OpenSSH_9.2p1')).toBe(false);
    expect(penalisesFailedAuth('OpenSSH_9.8p1')).toBe(true);
    expect(penalisesFailedAuth('OpenSSH_10.0')).toBe(true);
    expect(penalisesFailedAuth('dropbear_2022.83')).toBe(false);
    expect(penalisesFailedAuth(undefined)).toBe(false);
  });
});

describe('probeKeyAcceptance against a penalising server', () => {
  it('lets two connections go at once and spaces every further one by the authfail penalty', async () => {
    const waits: number[] = [];
    const query = async (_t: KeyQueryTarget, _user: string, keys: readonly unknown[]) => ({ answers: keys.map(() => 'refused' as const), phase: 'auth' as const, serverSoftware: 'OpenSSH_9.9p1' });
    const outcome = await probeKeyAcceptance({ host: 'h', address: '192.0.2.1', port: 22, knownHosts: '/dev/null', timeoutMs: 1000 }, ['root', 'provops', 'audit', 'deploy'], keys.slice(0, 2).map((k) => k.parsed), {
      query: query as never,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(outcome.connections).toBe(4);
    expect(waits).toEqual([PENALTY_SPACING_MS, PENALTY_SPACING_MS]);
  });
});
