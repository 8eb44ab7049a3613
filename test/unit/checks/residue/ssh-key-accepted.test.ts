import { describe, expect, it } from 'vitest';
import { sshKeyAccepted } from '../../../../src/checks/residue/ssh-key-accepted.js';
import type { SshKeyAcceptanceFact } from '../../../../src/facts/ssh-key-acceptance.js';
import { testHost, testProvider } from '../../support/hosts.js';

const OPS = { fingerprint: 'SHA256:' + 'O'.repeat(43), label: 'ops@provider', owner: 'provider' as const };
const OWN = { fingerprint: 'SHA256:' + 'S'.repeat(43), label: 'scanner', owner: 'fleetcheck' as const };

function fact(overrides: Partial<SshKeyAcceptanceFact> = {}): SshKeyAcceptanceFact {
  return {
    sourceAddress: '192.0.2.7',
    accounts: ['root', 'provops'],
    keys: [OPS],
    answers: [
      { account: 'root', key: 0, answer: 'refused' },
      { account: 'provops', key: 0, answer: 'refused' },
    ],
    unoffered: [],
    access: 'login',
    connections: 2,
    ...overrides,
  };
}

const judge = (f: SshKeyAcceptanceFact) =>
  sshKeyAccepted.evaluate({ 'probe.ssh-key-acceptance': f }, { host: testHost(), provider: testProvider(), now: new Date(), mode: 'contract', modeReason: '' });

describe('residue.ssh-key-accepted', () => {
  it('passes when sshd refused every key for every account', () => {
    const outcome = judge(fact());
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toContain('192.0.2.7');
  });

  it('fails on any key sshd would accept, naming key, account and the address it was asked from', () => {
    const outcome = judge(fact({ answers: [{ account: 'root', key: 0, answer: 'refused' }, { account: 'provops', key: 0, answer: 'accepted' }] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toEqual([{ source: 'sshd, as provops, asked from 192.0.2.7', detail: `provider key ops@provider (${OPS.fingerprint}) would be accepted for provops` }]);
  });

  it('fails when fleetcheck’s own key is accepted on a host the inventory gives it no access to', () => {
    const outcome = judge(fact({ access: 'none', keys: [OPS, OWN], answers: [{ account: 'root', key: 0, answer: 'refused' }, { account: 'root', key: 1, answer: 'accepted' }] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence[0]?.detail).toMatch(/own key scanner .* ssh\.access: none: undeclared provider access/);
  });

  it('is an error, never a pass, when a key could not be asked about', () => {
    const outcome = judge(fact({ answers: [{ account: 'root', key: 0, answer: 'refused' }, { account: 'provops', key: 0, answer: 'unasked', why: 'not asked: connection dropped' }] }));
    expect(outcome.status).toBe('error');
    expect(outcome.evidence[0]?.detail).toContain('connection dropped');
  });

  it('is an error when fleetcheck’s own key on a none host could not be found', () => {
    const outcome = judge(fact({ access: 'none', ownKeyProblem: '/k.pub cannot be read (ENOENT)' }));
    expect(outcome.status).toBe('error');
  });

  it('warns, naming it, about a provider key known only by fingerprint', () => {
    const outcome = judge(fact({ unoffered: [{ fingerprint: 'SHA256:' + 'F'.repeat(43), label: 'SHA256:' + 'F'.repeat(43), why: 'listed by fingerprint only' }] }));
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence[0]?.detail).toContain('F'.repeat(43));
  });

  it('still fails on a yes when another key could not be offered or asked', () => {
    const outcome = judge(
      fact({
        answers: [{ account: 'root', key: 0, answer: 'accepted' }, { account: 'provops', key: 0, answer: 'unasked', why: 'x' }],
        unoffered: [{ fingerprint: 'SHA256:' + 'F'.repeat(43), label: 'f', why: 'fingerprint only' }],
      }),
    );
    expect(outcome.status).toBe('fail');
  });
});
