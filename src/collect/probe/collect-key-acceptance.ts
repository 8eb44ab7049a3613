// Collects `probe.ssh-key-acceptance`: asks the host's sshd from outside, without a login,
// whether it would accept each provider key given as a full key line (and, where the inventory
// says fleetcheck has no access, fleetcheck's own keys) for each account worth asking about.
import type { ParsedKey } from 'ssh2';
import type { KeyAcceptanceAnswer, OfferedKey, SshKeyAcceptanceFact, UnofferedKey } from '../../facts/ssh-key-acceptance.js';
import type { Host, ProviderPolicy } from '../../inventory/types.js';
import { fingerprintOfBlob } from '../../ssh-keys/fingerprint.js';
import type { probeKeyAcceptance } from '../../transport/ssh/key-acceptance-probe.js';
import { offerableKey } from '../../transport/ssh/public-key-line.js';
import { printableLine } from '../../text/sanitize.js';
import type { FactKey, Facts } from '../../facts/facts.js';
import type { Collector } from '../collector.js';
import { ownPublicKeys, type OwnPublicKeys } from './own-public-keys.js';
import { probeAccounts } from './probe-accounts.js';

/** What the probe collector works with: the probe transport, and where fleetcheck's own keys come from (tests swap both). */
export interface KeyAcceptanceOptions {
  probe: typeof probeKeyAcceptance;
  ownKeys?: (host: Host) => Promise<OwnPublicKeys>;
}

/** Collects the one probe fact; never throws (a host that cannot be asked yields `unasked` answers). */
export async function collectKeyAcceptance(host: Host, provider: ProviderPolicy, options: KeyAcceptanceOptions, signal?: AbortSignal): Promise<Facts> {
  const offered: { key: ParsedKey; info: OfferedKey }[] = [];
  const unoffered: UnofferedKey[] = [];
  const seen = new Set<string>();
  for (const k of provider.sshKeys) {
    if (k.publicKey === undefined) {
      unoffered.push({ fingerprint: k.fingerprint, label: k.label, why: 'listed by fingerprint only: sshd can only be asked about a full public key' });
      continue;
    }
    const parsed = offerableKey(k.publicKey);
    if (!parsed.ok) {
      unoffered.push({ fingerprint: k.fingerprint, label: k.label, why: parsed.why });
      continue;
    }
    seen.add(k.fingerprint);
    offered.push({ key: parsed.key, info: { fingerprint: k.fingerprint, label: k.label, owner: 'provider' } });
  }
  let ownKeyProblem: string | undefined;
  if (host.ssh.access === 'none') {
    const own = await (options.ownKeys ?? ownPublicKeys)(host);
    for (const key of own.keys) {
      const fingerprint = fingerprintOfBlob(key.getPublicSSH());
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      offered.push({ key, info: { fingerprint, label: key.comment || fingerprint, owner: 'fleetcheck' } });
    }
    if (own.problems.length > 0) ownKeyProblem = own.problems.join('; ');
  }

  const accounts = probeAccounts(host, provider);
  let answers: KeyAcceptanceAnswer[] = [];
  let sourceAddress: string | undefined;
  let connections = 0;
  if (offered.length > 0) {
    const outcome = await options.probe(
      { host: host.name, address: host.ssh.address, port: host.ssh.port, knownHosts: host.ssh.knownHosts, timeoutMs: host.ssh.connectTimeoutMs },
      accounts,
      offered.map((o) => o.key),
      { ...(signal ? { signal } : {}), deadlineAt: Date.now() + host.hostTimeoutMs },
    );
    answers = outcome.answers.map((a) => ({ account: a.account, key: a.key, answer: a.answer, ...(a.why === undefined ? {} : { why: a.why }) }));
    sourceAddress = outcome.sourceAddress;
    connections = outcome.connections;
  }
  const fact: SshKeyAcceptanceFact = {
    ...(sourceAddress === undefined ? {} : { sourceAddress }),
    accounts,
    keys: offered.map((o) => o.info),
    answers,
    unoffered,
    ...(ownKeyProblem === undefined ? {} : { ownKeyProblem }),
    access: host.ssh.access,
    connections,
  };
  return { 'probe.ssh-key-acceptance': { ok: true, value: fact } };
}

/** The outside probe: `probe.ssh-key-acceptance`, from a few connections that never log in. */
export const keyAcceptanceCollector: Collector = {
  name: 'probe',
  serves: new Set<FactKey>(['probe.ssh-key-acceptance']),
  // After the login, never beside it: one connection to the host at a time (sshd counts them), and
  // a host key the login records with --accept-new-host-keys is the one the probe then verifies.
  after: 'ssh',
  collect: async (host, _keys, context, signal) => {
    try {
      return await collectKeyAcceptance(host, context.provider, { probe: context.transports.probeKeys }, signal);
    } catch (err) {
      // The probe answers with data; a throw is a bug in fleetcheck, and costs this host only this fact.
      return { 'probe.ssh-key-acceptance': { ok: false, reason: 'collector', message: `key probe failed: ${printableLine(String(err))}` } };
    }
  },
};
