// `lab up`: makes every selected host's sshd and BMC run, starting only what is not already healthy.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import type { LabHost } from '../fleet/plan-fleet.js';
import { ensureKeyPair } from '../keys/key-pair.js';
import { writeKnownHosts } from '../keys/known-hosts.js';
import { hostPaths, type LabPaths } from '../lab-paths.js';
import { withFileLock } from '../process/file-lock.js';
import type { SummaryRow } from '../report/summary-table.js';
import { ensureBaseRootfs } from '../rootfs/base-rootfs.js';
import { ensurePackageLayer } from '../rootfs/package-layer.js';
import { writeLabSecretStore } from '../secrets/lab-secret-store.js';
import { bringUpRedfish } from '../redfish/start-redfish.js';
import { bringUpBmc } from './start-bmc.js';
import { bringUpHost, type LayerStack, type ServiceOutcome } from './start-host.js';
import { loadSelection } from './select-hosts.js';
import { loadLabSecrets } from '../fleet/load-fleet.js';
import { ensureCopiesLayer } from '../provider/copies-layer.js';

/** Options of `lab up`. */
export interface UpOptions {
  only?: string[];
  /** How long every service together may take to become ready once started. */
  readyTimeoutMs?: number;
  progress: (line: string) => void;
}

/** The summary rows and the problems (empty when everything is up). */
export interface UpResult {
  rows: SummaryRow[];
  problems: string[];
}

function describe(outcome: ServiceOutcome, absent: string): string {
  return outcome.state === 'absent' ? absent : outcome.state;
}

/** Brings the selected part of the lab up; never throws for a single host that fails, reports it instead. */
export async function labUp(paths: LabPaths, options: UpOptions): Promise<UpResult> {
  const { fleet, hosts } = await loadSelection(paths, options.only);
  // The scanner refuses secret files others can read; git does not keep modes.
  await chmod(paths.secretsFile, 0o600);
  for (const dir of [paths.stateDir, paths.hostsDir, paths.bmcsDir]) await mkdir(dir, { recursive: true });
  await writeLabSecretStore(paths);

  return withFileLock(paths.lockFile, 'the lab', async () => {
    const scanner = await ensureKeyPair(paths.scannerKey, 'fleetcheck-scanner@lab');
    const base = await ensureBaseRootfs({
      cacheDir: paths.cacheDir,
      suite: fleet.base.suite,
      packages: fleet.base.packages,
      log: paths.rootfsLog,
      onBuild: () => options.progress(`building the ${fleet.base.suite} base root filesystem (log: ${paths.rootfsLog})`),
    });
    const retired = base.retired ? [base.retired] : [];
    const stacks = new Map<string, LayerStack>();
    for (const host of hosts) {
      const key = host.packages.join(' ');
      if (stacks.has(key)) continue;
      if (host.packages.length === 0) {
        stacks.set(key, { lowers: [base.dir], id: base.id });
        continue;
      }
      const layer = await ensurePackageLayer({
        cacheDir: paths.cacheDir,
        base,
        suite: fleet.base.suite,
        packages: host.packages,
        log: paths.rootfsLog,
        onBuild: () => options.progress(`building a package layer with ${key} (log: ${paths.rootfsLog})`),
      });
      if (layer.retired) retired.push(layer.retired);
      stacks.set(key, { lowers: [layer.dir, base.dir], id: `${layer.id}+${base.id}` });
    }
    const stackOf = (host: LabHost): LayerStack => stacks.get(host.packages.join(' ')) ?? { lowers: [base.dir], id: base.id };

    // A provider backup server runs on its copies of rented hosts, made once with the real tools.
    const serverStacks = new Map<string, LayerStack>();
    const servers = hosts.filter((h) => h.backups.length > 0);
    const secrets = await loadLabSecrets(paths);
    for (const server of servers) {
      const stack = stackOf(server);
      const copies = await ensureCopiesLayer({
        paths,
        server,
        lowers: stack.lowers,
        stackId: stack.id,
        secrets,
        log: paths.rootfsLog,
        onBuild: () => options.progress(`making the copies ${server.name} keeps with the real backup tools (log: ${paths.rootfsLog})`),
      });
      if (copies.retired) retired.push(copies.retired);
      serverStacks.set(server.name, { lowers: [copies.dir, ...stack.lowers], id: `${copies.id}+${stack.id}` });
    }

    for (const host of hosts) {
      await mkdir(hostPaths(paths, host.name).dir, { recursive: true });
      await ensureKeyPair(hostPaths(paths, host.name).hostKey, `root@${host.name}`);
    }
    await writeKnownHosts(paths.knownHosts, await knownHostEntries(paths, fleet.hosts));

    const readyWithinMs = options.readyTimeoutMs ?? 30_000;
    const deadline = Date.now() + readyWithinMs;
    const outcomes = await Promise.all(
      hosts.map(async (host) => {
        const stack = serverStacks.get(host.name) ?? stackOf(host);
        const [ssh, bmc, redfish] = await Promise.all([
          bringUpHost(paths, host, stack, scanner.publicKey, readyWithinMs),
          bringUpBmc(paths, host, deadline),
          bringUpRedfish(paths, host, deadline),
        ]);
        return { host, ssh, bmc, redfish };
      }),
    );
    for (const dir of retired) await rm(dir, { recursive: true, force: true });

    const rows = outcomes.map(({ host, ssh, bmc, redfish }) => ({
      host: host.name,
      ssh: `${host.ssh.user}@${host.ssh.address}`,
      bmc: host.bmc ? `${host.bmc.address}${host.bmc.simulated ? '' : ' (silent)'}` : host.redfish ? `https://${host.redfish.address}` : '-',
      scenario: host.scenario,
      state: `ssh ${describe(ssh, '-')}, bmc ${describe(bmc, host.bmc ? 'silent by design' : 'none')}${host.redfish ? `, redfish ${redfish.state}` : ''}`,
    }));
    const problems = outcomes.flatMap(({ ssh, bmc, redfish }) =>
      [ssh.problem, bmc.problem, redfish.state === 'failed' ? redfish.problem : undefined].filter((p): p is string => !!p),
    );
    return { rows, problems };
  });
}

/** known_hosts entries for every fleet host whose host key exists, in fleet order. */
async function knownHostEntries(paths: LabPaths, hosts: LabHost[]) {
  const entries = [];
  for (const host of hosts) {
    const pub = `${hostPaths(paths, host.name).hostKey}.pub`;
    if (!existsSync(pub)) continue;
    entries.push({ address: host.ssh.address, port: host.ssh.port, publicKey: await readFile(pub, 'utf8') });
  }
  return entries;
}
