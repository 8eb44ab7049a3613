// The native RMCP+ prober against ipmitool, BMC by BMC: for every lab BMC state (and the fault
// lab's silent, lossy, slow and stalled BMCs) each probe's answer from the native prober (one
// handshake per name, passwords checked against RAKP 2's code) equals what a real ipmitool
// session finds on the same BMC: the session opens, the login is refused, or nothing is proven.
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../../src/facts/probe-outcome.js';
import { defaultBmcCredentials } from '../../src/collect/bmc/default-credentials-catalogue.js';
import { RmcpProber } from '../../src/collect/bmc/rmcp-prober.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { Host } from '../../src/inventory/types.js';
import type { BmcPrivilege } from '../../src/model/bmc-privilege.js';
import { openSecretStore } from '../../src/secrets/open-secret-store.js';
import { Secret } from '../../src/model/secret.js';
import type { StoredBmcAccount } from '../../src/facts/host-secrets.js';
import { runIpmitool, type IpmiOutcome } from '../../src/transport/ipmi/ipmitool-session.js';
import type { ChannelAccessRow } from '../../src/facts/bmc-users.js';
import { parseChannelAccess } from '../unit/support/ipmitool-channel-access.js';
import { canLogInOverLan } from '../../src/collect/bmc/user-row.js';
import { startFaultLab, type FaultLab } from './support/fault-lab.js';
import { REPO } from './support/run-cli.js';

/** What a probe proved. */
type Answer = 'open' | 'refused' | 'unproven';

/** ipmitool's words for a refused cipher suite (the same the cipher-zero check reads). */
const SUITE_REFUSED = /\b(?:no matching cipher suite|invalid (?:authentication|integrity|confidentiality) algorithm|no matching authentication algorithm|no matching integrity payload)\b/i;

const nativeAnswer = (o: ProbeOutcome): Answer => (o.ok ? 'open' : o.reason === 'auth' || o.reason === 'unknown-user' ? 'refused' : 'unproven');
const ipmitoolAnswer = (o: IpmiOutcome): Answer => {
  if (o.ok || o.sessionOpened === true) return 'open';
  return o.reason === 'auth' || o.reason === 'unknown-user' || SUITE_REFUSED.test(o.message) ? 'refused' : 'unproven';
};

/** One BMC's user table as each client read it in the stored administrator's session. */
interface TableRead {
  host: string;
  native: { rows: ChannelAccessRow[]; enabledCount: number } | string;
  ipmitool: { rows: ChannelAccessRow[]; enabledCount: number | undefined } | string;
}

/** One probe on one BMC, answered by both clients. */
interface Probe {
  host: string;
  probe: string;
  native: Answer;
  ipmitool: Answer;
}

const PROVE = [['session', 'info', 'active']];

/** Every probe of a full audit, for one BMC: stored accounts, the null user, the vendor defaults, cipher suite 0. */
async function probeBoth(host: Host, accounts: readonly StoredBmcAccount[], tables: TableRead[]): Promise<Probe[]> {
  const bmc = host.bmc!;
  const native = await RmcpProber.open(bmc);
  const out: Probe[] = [];
  const tableReader = accounts.find((a) => a.privilege === 'administrator');
  const both = async (probe: string, user: string, privilege: BmcPrivilege, password: string): Promise<void> => {
    let n: Answer;
    if (tableReader?.user === user && tableReader.password.reveal() === password && probe.startsWith('stored')) {
      // The scan's read: the stored administrator's session, raised to its privilege, reads the table.
      const proof = await native.readUsers(user, privilege, new Secret(password), bmc.channel);
      n = nativeAnswer(proof.login);
      if (proof.table) {
        const listing = await runIpmitool(bmc, { user, password: new Secret(password), privilege }, [['channel', 'getaccess', String(bmc.channel)]]);
        const parsed = listing.ok ? parseChannelAccess(listing.outputs[0] ?? '') : undefined;
        tables.push({
          host: host.name,
          native: proof.table.ok ? proof.table.value : `${proof.table.reason}: ${proof.table.message}`,
          // The scan names only the slots that can log in over the LAN; ipmitool names them all.
          ipmitool: parsed && parsed.unparsed.length === 0 ? { rows: parsed.rows.map((r) => (canLogInOverLan(r) ? r : { ...r, name: '' })), enabledCount: parsed.enabledCount } : listing.ok ? 'unparsed' : `${listing.reason}: ${listing.message}`,
        });
      }
    } else {
      n = nativeAnswer(await native.prove(user, privilege, new Secret(password)));
    }
    const i = ipmitoolAnswer(await runIpmitool(bmc, { user, password: new Secret(password), privilege }, PROVE));
    out.push({ host: host.name, probe, native: n, ipmitool: i });
  };
  try {
    for (const a of accounts) await both(`stored ${a.user}`, a.user, a.privilege, a.password.reveal());
    // The null user as bmc.anonymous asks it: Get Channel Authentication Capabilities first.
    const caps = await native.authCapabilities();
    const nullNative: Answer = !caps.ok
      ? nativeAnswer(caps)
      : !caps.value.nullUserNames && !caps.value.anonymousLogin
        ? 'refused'
        : nativeAnswer(await native.prove('', 'user', new Secret('')));
    out.push({ host: host.name, probe: 'null user', native: nullNative, ipmitool: ipmitoolAnswer(await runIpmitool(bmc, { user: '', password: new Secret(''), privilege: 'user' }, PROVE)) });
    for (const d of defaultBmcCredentials()) {
      if (accounts.some((a) => a.user === d.user && a.password.reveal() === d.password)) continue;
      await both(`default ${d.user}/${d.vendors[0]}`, d.user, 'user', d.password);
    }
    const names = accounts.map((a) => a.user);
    const zero = await native.cipherZero(names);
    const zeroNative: Answer = !zero.openSession.accepted ? nativeAnswer(zero.openSession.refusal) : zero.attempts.some((a) => a.outcome.ok) ? 'open' : zero.attempts.every((a) => !a.outcome.ok && (a.outcome.reason === 'auth' || a.outcome.reason === 'unknown-user')) ? 'refused' : 'unproven';
    const random = new Secret(randomBytes(8).toString('hex'));
    const zeroIpmitool = ipmitoolAnswer(await runIpmitool({ ...bmc, cipherSuite: 0 }, { user: names[0] ?? 'ADMIN', password: random, privilege: 'user' }, PROVE));
    out.push({ host: host.name, probe: 'cipher suite 0', native: zeroNative, ipmitool: zeroIpmitool });
  } finally {
    native.finish();
  }
  return out;
}

/** The IPMI BMCs of an inventory with their stored accounts. */
async function bmcHosts(file: string): Promise<Array<{ host: Host; accounts: StoredBmcAccount[] }>> {
  const loaded = await loadInventory(file);
  if (!loaded.ok) throw new Error(`cannot load ${file}`);
  const store = openSecretStore(loaded.inventory.secrets);
  const out: Array<{ host: Host; accounts: StoredBmcAccount[] }> = [];
  for (const host of loaded.inventory.hosts) {
    if (!host.bmc?.ipmi) continue;
    const stored = await store.forHost(host.secretsKey);
    out.push({ host, accounts: stored.ok ? stored.value.bmcAccounts : [] });
  }
  return out;
}

describe('native RMCP+ probes against ipmitool', () => {
  let faults: FaultLab;
  let lab: Probe[] = [];
  let faulty: Probe[] = [];
  const labTables: TableRead[] = [];
  const faultTables: TableRead[] = [];

  beforeAll(async () => {
    faults = await startFaultLab();
    const limit = pLimit(8);
    const run = async (file: string, tables: TableRead[], only?: (h: Host) => boolean): Promise<Probe[]> => {
      const hosts = (await bmcHosts(file)).filter((h) => !only || only(h.host));
      return (await Promise.all(hosts.map((h) => limit(() => probeBoth(h.host, h.accounts, tables))))).flat();
    };
    [lab, faulty] = await Promise.all([run(`${REPO}/inventory/lab.yaml`, labTables), run(faults.inventory, faultTables, (h) => h.name.startsWith('f9-'))]);
  }, 300_000);

  afterAll(async () => {
    await faults?.stop();
  });

  it('covers every lab BMC state: opened, refused and unanswered probes all occur', () => {
    const answers = new Set(lab.flatMap((p) => [p.native, p.ipmitool]));
    expect([...answers].sort()).toEqual(['open', 'refused', 'unproven']);
    // e5-03's null user and e5-04's root/calvin open; a3-04's changed password is refused.
    expect(lab.find((p) => p.host === 'e5-03' && p.probe === 'null user')).toMatchObject({ native: 'open', ipmitool: 'open' });
    expect(lab.find((p) => p.host === 'e5-04' && p.probe.startsWith('default root/Dell'))).toMatchObject({ native: 'open', ipmitool: 'open' });
    expect(lab.find((p) => p.host === 'a3-04' && p.probe === 'stored ADMIN')).toMatchObject({ native: 'refused', ipmitool: 'refused' });
  });

  it('gives the same answer as ipmitool for every probe of every lab BMC', () => {
    const differing = lab.filter((p) => p.native !== p.ipmitool);
    expect(differing).toEqual([]);
  });

  it('reads the same user table as `ipmitool channel getaccess` on every lab BMC whose stored administrator logs in', () => {
    // Every lab BMC whose stored administrator's password still works: the a3 rack at least.
    expect(labTables.length).toBeGreaterThanOrEqual(10);
    const differing = labTables.filter((t) => typeof t.native === 'string' || JSON.stringify(t.native) !== JSON.stringify(t.ipmitool));
    expect(differing).toEqual([]);
    // The lab holds tables with extra and disabled accounts, not only the bare administrator.
    const names = new Set(labTables.flatMap((t) => (typeof t.native === 'string' ? [] : t.native.rows.filter((r) => r.name !== '').map((r) => r.name))));
    expect(names.size).toBeGreaterThan(2);
  });

  it("reads the slow BMC's table natively, each request within its own deadline; where both clients read a table, it is the same", () => {
    // f9-09 adds 40 ms to every exchange: its 130 or so take longer than one bmc.timeout in all, each far less.
    const slow = faultTables.find((t) => t.host === 'f9-09');
    expect(slow?.native).toMatchObject({ enabledCount: expect.any(Number) });
    expect(typeof slow?.native !== 'string' && slow?.native.rows.some((r) => r.name === 'ADMIN')).toBe(true);
    for (const t of faultTables.filter((x) => typeof x.native !== 'string' && typeof x.ipmitool !== 'string')) expect(t.native).toEqual(t.ipmitool);
  });

  it('gives the same answer as ipmitool on the silent, slow and stalled fault BMCs', () => {
    // f9-08 (lossy) and f9-10 (each answer just inside, the whole exchange outside the deadline) are
    // races between a client's own pace and the BMC's: judged below by never contradicting each other.
    const differing = faulty.filter((p) => p.host !== 'f9-08' && p.host !== 'f9-10' && p.native !== p.ipmitool);
    expect(differing).toEqual([]);
    expect(faulty.filter((p) => p.host === 'f9-07').every((p) => p.native === 'unproven')).toBe(true);
    expect(faulty.find((p) => p.host === 'f9-09' && p.probe === 'stored ADMIN')).toMatchObject({ native: 'open', ipmitool: 'open' });
  });

  it('never contradicts ipmitool on the lossy and the too-slow BMC: either may leave a probe unproven, never refused where the other opened', () => {
    // Half the datagrams are lost by a seeded generator, so which exchange loses them depends on
    // each client's own packet sequence: either client may end unproven where the other got through.
    const lossy = faulty.filter((p) => p.host === 'f9-08' || p.host === 'f9-10');
    expect(lossy.filter((p) => p.host === 'f9-08').length).toBeGreaterThan(0);
    expect(lossy.filter((p) => p.host === 'f9-10').length).toBeGreaterThan(0);
    const contradictions = lossy.filter((p) => p.native !== 'unproven' && p.ipmitool !== 'unproven' && p.native !== p.ipmitool);
    expect(contradictions).toEqual([]);
  });
});
