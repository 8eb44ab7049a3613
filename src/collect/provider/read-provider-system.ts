// Reads one provider system: one SSH connection, one collecting command (the hosts' own: read-only,
// deadline-bound, output-capped), its sections turned into sources, holdings and files.
import type { ProviderSystemRead, SourceRead } from '../../facts/provider-systems.js';
import type { ProviderRepository, ProviderSystem } from '../../inventory/types.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import { decodeRemote, printableLine } from '../../text/sanitize.js';
import type { openSsh, RemoteShell } from '../../transport/ssh/ssh-connection.js';
import { openSshOutcome, runSshOutcome } from '../../transport/ssh/ssh-outcome.js';
import { buildCollectingScript, collectingCommand, newMarker, remoteDeadlineSeconds, splitSections } from '../ssh/collecting-script.js';
import { parseSectionOutput } from './provider-section-output.js';
import { providerSections, searchedFor, type RepositoryPassword, type SystemSecrets } from './provider-system-script.js';
import { sectionYield } from './system-sections-read.js';

/** How provider systems are reached; the same transport and limits as hosts. */
export interface ProviderReadOptions {
  openSsh: typeof openSsh;
  secrets: SecretStore;
  acceptNewHostKeys: boolean;
  maxOutputBytes: number;
}

/** A repository's password from the store; none needed for a borg repository that declares none. */
async function passwordOf(repo: ProviderRepository, store: SecretStore): Promise<RepositoryPassword> {
  if (!repo.password) return { ok: true, value: undefined };
  const ref = `${repo.password.system}/${repo.password.name}`;
  if (!store.forSystem) return { ok: false, message: `the secret store (${store.description}) holds no repository passwords, so ${ref} is missing` };
  const held = await store.forSystem(repo.password);
  if (held.ok) return { ok: true, value: held.value };
  return { ok: false, message: held.reason === 'secret-absent' ? `repository password ${ref} is not in the secret store` : printableLine(held.message) };
}

/** Asks the store for every repository password of the system. */
async function systemSecrets(system: ProviderSystem, store: SecretStore): Promise<SystemSecrets> {
  return {
    restic: await Promise.all(system.restic.map((r) => passwordOf(r, store))),
    borg: await Promise.all(system.borg.map((b) => passwordOf(b, store))),
  };
}

/** Sources that failed before anything ran: repositories whose password the store could not give. */
function passwordFailures(system: ProviderSystem, secrets: SystemSecrets): SourceRead[] {
  const failures: SourceRead[] = [];
  system.restic.forEach((r, i) => {
    const pw = secrets.restic[i];
    if (pw && !pw.ok) failures.push({ source: `restic ${r.repository}`, state: 'failed', message: pw.message });
  });
  system.borg.forEach((b, i) => {
    const pw = secrets.borg[i];
    if (pw && !pw.ok) failures.push({ source: `borg ${b.repository}`, state: 'failed', message: pw.message });
  });
  return failures;
}

function unreached(system: ProviderSystem, message: string, sources: SourceRead[] = []): ProviderSystemRead {
  return { system: system.name, role: system.role, searched: searchedFor(system), reached: false, message: printableLine(message, 300), sources, holdings: [], files: [] };
}

/** Reads one system; never throws (a bug reads as an unreached system, which is `error` for every host it might hold). */
export async function readProviderSystem(system: ProviderSystem, options: ProviderReadOptions): Promise<ProviderSystemRead> {
  let shell: RemoteShell | undefined;
  const controller = new AbortController();
  // The system's own deadline, as a host's: connecting and the command together.
  const timer = setTimeout(() => controller.abort(new Error('deadline')), system.hostTimeoutMs);
  try {
    const secrets = await systemSecrets(system, options.secrets);
    const early = passwordFailures(system, secrets);
    const sections = providerSections(system, secrets);
    const opened = await openSshOutcome(
      options.openSsh,
      {
        host: system.name,
        address: system.ssh.address,
        port: system.ssh.port,
        user: system.ssh.user,
        ...(system.ssh.identity ? { identity: system.ssh.identity } : {}),
        agent: system.ssh.agent,
        knownHosts: system.ssh.knownHosts,
        acceptNewHostKeys: options.acceptNewHostKeys,
        connectTimeoutMs: system.ssh.connectTimeoutMs,
      },
      { signal: controller.signal },
    );
    if (!opened.ok) return unreached(system, `SSH: ${opened.message}`, early);
    shell = opened.value;
    if (sections.length === 0) return { system: system.name, role: system.role, searched: searchedFor(system), reached: true, sources: early, holdings: [], files: [] };
    const marker = newMarker();
    const deadline = remoteDeadlineSeconds(system.ssh.commandTimeoutMs);
    // The script (with any repository password in it) travels on stdin only, as for hosts.
    const ran = await runSshOutcome(shell, collectingCommand(system.ssh.user), {
      stdin: buildCollectingScript(sections, marker, deadline),
      timeoutMs: system.ssh.commandTimeoutMs,
      maxStdoutBytes: options.maxOutputBytes,
    });
    if (!ran.ok) {
      const why = ran.reason === 'output-limit' ? `the system sent more than ${Math.round(options.maxOutputBytes / 2 ** 20)} MiB, the output limit; none of it was judged` : ran.message;
      return unreached(system, `SSH: ${why}`, early);
    }
    const split = splitSections(decodeRemote(ran.value.stdout), marker);
    if (split.sections.size === 0 && /sudo:/.test(ran.value.stderr)) {
      return unreached(system, `SSH: sudo -n refused for ${system.ssh.user}: ${printableLine(ran.value.stderr.trim().split('\n')[0] ?? '', 120)}`, early);
    }
    const read: ProviderSystemRead = { system: system.name, role: system.role, searched: searchedFor(system), reached: true, sources: [...early], holdings: [], files: [] };
    for (const section of sections) {
      const part = split.sections.get(section.name);
      if (!part || part.status !== 0) {
        const why = !part ? (split.complete ? 'printed nothing' : `was cut off (exit ${ran.value.exitCode ?? ran.value.signal ?? 'unknown'})`) : `failed (exit ${part.status})`;
        read.sources.push({ source: section.source, state: 'failed', message: `the collecting command ${why}` });
        continue;
      }
      const got = sectionYield(section, parseSectionOutput(part.text, marker));
      read.sources.push(got.source);
      read.holdings.push(...got.holdings);
      read.files.push(...got.files);
    }
    return read;
  } catch (err) {
    return unreached(system, `internal error while reading the system: ${String(err)}`);
  } finally {
    clearTimeout(timer);
    shell?.close();
  }
}
