import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/catalogue.js';
import { selectChecks } from '../../../src/checks/select-checks.js';
import { FileSecretStore } from '../../../src/secrets/file-store.js';
import { scanHost, type ScanOptions } from '../../../src/runner/scan-host.js';
import type { openSsh } from '../../../src/transport/ssh/ssh-connection.js';
import type { runIpmitool } from '../../../src/transport/ipmi/ipmitool-session.js';
import type { withRedfish } from '../../../src/transport/redfish/redfish-session.js';
import type { Transports } from '../../../src/collect/transports.js';
import { TransportError } from '../../../src/transport/transport-error.js';
import type { SecretStore } from '../../../src/secrets/secret-store.js';
import type { HostResult } from '../../../src/model/host-result.js';
import { Secret } from '../../../src/model/secret.js';
import { testHost, testProvider } from '../support/hosts.js';
import { memoryBmc } from '../support/memory-bmc.js';

const checks = (pattern: string) => {
  const picked = selectChecks(ALL_CHECKS, [pattern]);
  if (!picked.ok) throw new Error(picked.message);
  return picked.checks;
};

const store: SecretStore = {
  description: 'memory',
  forHost: async () => ({ ok: true, value: { bmcAccounts: [{ user: 'ADMIN', password: new Secret('pw'), privilege: 'administrator' }], osCredentials: [], diskPassphrases: [] } }),
};

/** A "remote" shell that runs the collecting command with the local sh: the facts collect for real. */
const localShell = (async () => ({
  run: async (command: string, opts: { stdin?: string }) => ({
    stdout: execFileSync('sh', ['-c', command], { input: opts.stdin }),
    stderr: '',
    exitCode: 0,
    signal: null,
    durationMs: 1,
  }),
  close() {},
})) as unknown as typeof openSsh;
const refusedSsh = (async () => {
  throw new TransportError('unreachable', 'connection refused by 127.0.0.1:22');
}) as unknown as typeof openSsh;
const okIpmi = (async () => ({ ok: true, outputs: [''], durationMs: 1 })) as unknown as typeof runIpmitool;

/** The transports a test host is reached through: SSH refused, IPMI answering, Redfish never asked. */
const noRedfish = (async () => {
  throw new Error('no test host here has a Redfish BMC');
}) as unknown as typeof withRedfish;
/** The native prober's side of the BMC: the stored ADMIN password is the BMC's. */
const openRmcp = async () => memoryBmc({ users: { ADMIN: 'pw' } }).native;
// The test provider lists no key, so the outside probe has nothing to ask; one that is asked anyway refuses.
const refusingProbe = (async () => ({ answers: [], connections: 0 })) as unknown as Transports['probeKeys'];
const transports = (over: Partial<Transports> = {}): Transports => ({ openSsh: refusedSsh, runIpmitool: okIpmi, withRedfish: noRedfish, openRmcp, probeKeys: refusingProbe, ...over });

function options(overrides: Partial<ScanOptions> = {}): ScanOptions {
  return {
    transports: transports(),
    secrets: store,
    ssh: { acceptNewHostKeys: false, maxOutputBytes: 1024 },
    bmcLimit: (work) => work(),
    provider: testProvider(),
    now: () => new Date('2026-11-23T00:00:00Z'),
    ...overrides,
  };
}

describe('scanHost', () => {
  it('makes a host that sends more than the output limit an error for its SSH checks, saying so', async () => {
    const flooding = (async () => ({
      run: async (_c: string, opts: { maxStdoutBytes: number }) => {
        throw new TransportError('output-limit', `a3-01: command stdout exceeded ${opts.maxStdoutBytes} bytes`);
      },
      close() {},
    })) as unknown as typeof openSsh;
    const result = await scanHost(testHost(), [...checks('residue.provider-ssh-key'), ...checks('bmc.initial-credentials')], options({ transports: transports({ openSsh: flooding }), ssh: { acceptNewHostKeys: false, maxOutputBytes: 16 << 20 } }));
    const byId = Object.fromEntries(result.findings.map((f) => [f.id, f]));
    expect(byId['residue.provider-ssh-key']).toMatchObject({ status: 'error', message: 'SSH: the host sent more than 16 MiB, the output limit of the collecting command; none of it was judged' });
    expect(byId['bmc.initial-credentials']).toMatchObject({ status: 'pass' });
  });

  it('turns an SSH failure into an error for the SSH checks only', async () => {
    const result = await scanHost(testHost(), [...checks('bmc.initial-credentials'), ...checks('residue.provider-ssh-key')], options());
    const byId = Object.fromEntries(result.findings.map((f) => [f.id, f]));
    expect(byId['residue.provider-ssh-key']).toMatchObject({ status: 'error', message: 'SSH: connection refused by 127.0.0.1:22' });
    expect(byId['bmc.initial-credentials']).toMatchObject({ status: 'pass' });
    expect(result.verdict).toBe('error');
  });

  it('skips BMC checks for a host without a BMC and never calls ipmitool', async () => {
    let calls = 0;
    const countingIpmi = (async () => {
      calls++;
      return { ok: true, outputs: [''], durationMs: 1 };
    }) as unknown as typeof runIpmitool;
    const result = await scanHost(testHost({ bmc: undefined }), checks('bmc.initial-credentials'), options({ transports: transports({ runIpmitool: countingIpmi }) }));
    expect(result.findings).toEqual([{ id: 'bmc.initial-credentials', status: 'skip', message: 'the inventory gives this host no BMC', evidence: [] }]);
    expect(calls).toBe(0);
  });

  it('aborts a host that hangs at its deadline, waits out the grace and no longer, and reports a timeout error', async () => {
    // Faked timers: the deadline's and the grace's own clock decide, not how fast this machine is.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let signal: AbortSignal | undefined;
      // The collector never settles and ignores the abort it is given.
      const ignoringSsh = ((_endpoint: unknown, opts?: { signal?: AbortSignal }) => {
        signal = opts?.signal;
        return new Promise(() => {});
      }) as unknown as typeof openSsh;
      let result: HostResult | undefined;
      void scanHost(testHost({ hostTimeoutMs: 200 }), checks('residue.*'), options({ transports: transports({ openSsh: ignoringSsh }) })).then((r) => (result = r));
      await vi.advanceTimersByTimeAsync(199);
      expect(signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(signal?.aborted).toBe(true);
      await vi.advanceTimersByTimeAsync(2_000 - 1);
      expect(result).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(result?.findings[0]).toMatchObject({ status: 'error', message: 'host deadline of 0.2s passed before this fact was collected' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the SSH facts of a host whose BMC hangs past the deadline', async () => {
    const hangingIpmi = (() => new Promise(() => {})) as unknown as typeof runIpmitool;
    const result = await scanHost(
      testHost({ hostTimeoutMs: 300 }),
      [...checks('residue.provider-ssh-key'), ...checks('bmc.initial-credentials')],
      options({ transports: transports({ openSsh: localShell, runIpmitool: hangingIpmi }), ssh: { acceptNewHostKeys: false, maxOutputBytes: 1 << 20 } }),
    );
    const byId = Object.fromEntries(result.findings.map((f) => [f.id, f.status]));
    expect(byId).toEqual({ 'residue.provider-ssh-key': 'pass', 'bmc.initial-credentials': 'error' });
  });

  it('does not charge the wait for a BMC slot to the host deadline', async () => {
    const slowSlot = async <T>(work: () => Promise<T>): Promise<T> => {
      await new Promise((r) => setTimeout(r, 400)); // other hosts' BMCs hold every slot
      return work();
    };
    const result = await scanHost(testHost({ hostTimeoutMs: 200 }), checks('bmc.initial-credentials'), options({ bmcLimit: slowSlot }));
    expect(result.findings.map((f) => f.status)).toEqual(['pass']);
  });

  it('reports a missing secret as an error naming the key', async () => {
    const empty = new FileSecretStore('/nonexistent/secrets.yaml');
    const result = await scanHost(testHost(), checks('bmc.initial-credentials'), options({ secrets: empty }));
    expect(result.findings[0]).toMatchObject({ status: 'error', message: "secret for key 'a3-01' unavailable: cannot read secrets file /nonexistent/secrets.yaml: not found" });
  });

  it('keeps the other checks when one check throws', async () => {
    const broken = { ...checks('residue.*')[0]!, evaluate: () => { throw new Error('bug'); } };
    const result = await scanHost(testHost(), [broken, ...checks('bmc.initial-credentials')], options({ transports: transports({ openSsh: localShell }), ssh: { acceptNewHostKeys: false, maxOutputBytes: 1 << 20 } }));
    expect(result.findings.map((f) => [f.status, f.message])).toEqual([
      ['error', 'internal error in check: Error: bug'],
      ['pass', '1 initial BMC account(s) open a session with the stored password and privilege'],
    ]);
  });
});
