import { describe, expect, it } from 'vitest';
import { sshKeyAccepted } from '../../../../src/checks/residue/ssh-key-accepted.js';
import type { SshKeyAcceptanceFact } from '../../../../src/facts/ssh-key-acceptance.js';
import { testHost, testProvider } from '../../support/hosts.js';

const OPS = { fingerprint: 'SHA256:' + 'O'.repeat(43), label: 'ops@provider', owner: 'provider' as const };
const OTHER = 'SHA256:' + 'H'.repeat(43);
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

describe('residue.ssh-key-accepted: messages and evidence', () => {
  const BARE = 'SHA256:' + 'B'.repeat(43);

  it('says how many keys and accounts it asked about, and from where', () => {
    expect(judge(fact())).toEqual({ status: 'pass', message: 'sshd refused all 1 key(s) for 2 account(s), asked from 192.0.2.7 without a login', evidence: [] });
  });

  it('says it did not know its own address when the host did not tell', () => {
    const outcome = judge(fact({ sourceAddress: undefined, answers: [{ account: 'root', key: 0, answer: 'accepted' }] }));
    expect(outcome).toEqual({
      status: 'fail',
      message: 'sshd would accept 1 key(s) it should refuse (asked from unknown address, no login)',
      evidence: [{ source: 'sshd, as root, asked from unknown address', detail: `provider key ops@provider (${OPS.fingerprint}) would be accepted for root` }],
    });
  });

  it('names a key labelled only by its fingerprint once', () => {
    const outcome = judge(fact({ keys: [{ fingerprint: BARE, label: BARE, owner: 'provider' }], answers: [{ account: 'root', key: 0, answer: 'accepted' }] }));
    expect(outcome.evidence).toEqual([{ source: 'sshd, as root, asked from 192.0.2.7', detail: `provider key ${BARE} would be accepted for root` }]);
  });

  it('lists, after the yes, the pairs not asked, the own-key problem and the keys not offered', () => {
    const outcome = judge(
      fact({
        access: 'none',
        ownKeyProblem: '/etc/fleetcheck/id_ed25519.pub cannot be read (ENOENT)',
        answers: [{ account: 'root', key: 0, answer: 'accepted' }, { account: 'provops', key: 0, answer: 'unasked', why: 'not asked: the probe deadline passed' }],
        unoffered: [{ fingerprint: BARE, label: 'backup@provider', why: 'listed by fingerprint only: sshd can only be asked about a full public key' }],
      }),
    );
    expect(outcome).toEqual({
      status: 'fail',
      message: 'sshd would accept 1 key(s) it should refuse (asked from 192.0.2.7, no login)',
      evidence: [
        { source: 'sshd, as root, asked from 192.0.2.7', detail: `provider key ops@provider (${OPS.fingerprint}) would be accepted for root` },
        { source: 'sshd, as provops, asked from 192.0.2.7', detail: `ops@provider (${OPS.fingerprint}): not asked: the probe deadline passed` },
        { source: "fleetcheck's own key", detail: '/etc/fleetcheck/id_ed25519.pub cannot be read (ENOENT); whether sshd still accepts it was not asked' },
        { source: 'inventory provider.sshKeys', detail: `backup@provider (${BARE}) cannot be offered: listed by fingerprint only: sshd can only be asked about a full public key` },
      ],
    });
  });

  it('says how many pairs were not asked, and "not asked" when nothing says why', () => {
    expect(judge(fact({ answers: [{ account: 'root', key: 0, answer: 'refused' }, { account: 'provops', key: 0, answer: 'unasked' }] }))).toEqual({
      status: 'error',
      message: 'sshd could not be asked about 1 key and account pair(s); nothing is proven for them',
      evidence: [{ source: 'sshd, as provops, asked from 192.0.2.7', detail: `ops@provider (${OPS.fingerprint}): not asked` }],
    });
  });

  it('names its own key in the error when that could not be asked about on an ssh.access: none host', () => {
    expect(judge(fact({ access: 'none', ownKeyProblem: '/k.pub cannot be read (ENOENT)' }))).toEqual({
      status: 'error',
      message: "sshd could not be asked about 0 key and account pair(s) nor about fleetcheck's own key; nothing is proven for them",
      evidence: [{ source: "fleetcheck's own key", detail: '/k.pub cannot be read (ENOENT); whether sshd still accepts it was not asked' }],
    });
  });

  it('ignores a problem with its own key on a host it may log in to: that key is not asked about there', () => {
    expect(judge(fact({ access: 'login', ownKeyProblem: '/k.pub cannot be read (ENOENT)' })).status).toBe('pass');
  });

  it('warns with the number of refusals and names each key it could not offer', () => {
    const outcome = judge(fact({ unoffered: [{ fingerprint: BARE, label: BARE, why: 'listed by fingerprint only: sshd can only be asked about a full public key' }, { fingerprint: OTHER, label: 'hw@provider', why: 'ssh2 cannot offer this key type' }] }));
    expect(outcome).toEqual({
      status: 'warn',
      message: '2 answer(s) from 192.0.2.7, all refused, but 2 provider key(s) could not be offered',
      evidence: [
        { source: 'inventory provider.sshKeys', detail: `${BARE} cannot be offered: listed by fingerprint only: sshd can only be asked about a full public key` },
        { source: 'inventory provider.sshKeys', detail: `hw@provider (${OTHER}) cannot be offered: ssh2 cannot offer this key type` },
      ],
    });
  });

  it('passes, saying so, when the inventory lists no provider key', () => {
    expect(judge(fact({ keys: [], answers: [] }))).toEqual({ status: 'pass', message: 'the inventory lists no provider key to ask about', evidence: [] });
  });
});
