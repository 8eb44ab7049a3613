// Runs the one collecting command on a host and turns its output into SSH facts.
import type { Host } from '../../inventory/types.js';
import { decodeRemote, printableLine } from '../../text/sanitize.js';
import type { CommandResult, openSsh, RemoteShell, RunOptions } from '../../transport/ssh/ssh-connection.js';
import { openSshOutcome, runSshOutcome, type SshOutcome } from '../../transport/ssh/ssh-outcome.js';
import type { FactResult } from '../../facts/fact-result.js';
import type { FactKey, Facts } from '../../facts/facts.js';
import type { Collector } from '../collector.js';
import { buildCollectingScript, collectingCommand, newMarker, remoteDeadlineSeconds, type SplitOutput, splitSections } from './collecting-script.js';
import { lastStarted } from './last-started.js';
import { SSH_FOLLOW_UPS, SSH_SECTIONS } from './sections.js';
import type { SshFollowUp, SshSection } from './ssh-section.js';

/** How the SSH collector reaches hosts; injected so tests and the benchmark can swap the transport. */
export interface SshCollectorOptions {
  openSsh: typeof openSsh;
  acceptNewHostKeys: boolean;
  /** Output cap for the collecting command: a host that sends more costs one error, not our memory. */
  maxOutputBytes: number;
}

function failAll(keys: readonly FactKey[], failure: FactResult<never>): Facts {
  return Object.fromEntries(keys.map((k) => [k, failure])) as Facts;
}

function transportFailure(failure: Extract<SshOutcome<unknown>, { ok: false }>, options: SshCollectorOptions): FactResult<never> {
  if (failure.reason === 'output-limit') {
    // Said plainly: nothing the host sent was judged, and why.
    const limit = `${Math.round(options.maxOutputBytes / 2 ** 20)} MiB`;
    return { ok: false, reason: failure.reason, message: `SSH: the host sent more than ${limit}, the output limit of the collecting command; none of it was judged` };
  }
  return { ok: false, reason: failure.reason, message: `SSH: ${printableLine(failure.message)}` };
}

/** A throw past the transport boundary is a bug in fleetcheck, not the host's failure. */
function bugFailure(err: unknown): FactResult<never> {
  return { ok: false, reason: 'collector', message: `SSH collector failed: ${printableLine(String(err))}` };
}

/**
 * A finished section's fact. A snippet that exited non-zero stopped short of what it meant to read
 * (a tool that died, a file awk could not finish): its text may look clean, so it is not parsed.
 */
export async function parsePart(section: SshSection<FactKey>, part: { text: string; status: number }, marker: string): Promise<FactResult<unknown>> {
  if (part.status !== 0) {
    const status = Number.isNaN(part.status) ? 'unknown' : String(part.status);
    return { ok: false, reason: 'collector', message: `SSH: the collecting command's '${section.name}' section failed (exit ${status})` };
  }
  return section.parse(part.text, marker);
}

/** Runs the command and decodes its output; the bytes are dropped on return, so a large output is held once while it is parsed. */
async function runDecoded(shell: RemoteShell, command: string, options: RunOptions): Promise<SshOutcome<Omit<CommandResult, 'stdout'> & { stdout: string }>> {
  const ran = await runSshOutcome(shell, command, options);
  if (!ran.ok) return ran;
  const { stdout, ...rest } = ran.value;
  return { ok: true, value: { ...rest, stdout: decodeRemote(stdout) } };
}

/**
 * Why a run stopped short: the host's watchdog (exit 124/137 from `timeout`, or SIGKILL from the
 * fallback) at its deadline, or something else; and what it was doing then, named by the last
 * progress record of the section it stopped in.
 */
function stopReason(result: Pick<CommandResult, 'exitCode' | 'signal'>, deadline: number, open: SplitOutput['open'], marker: string): { deadline: boolean; how: string; doing: string } {
  const atDeadline = result.exitCode === 124 || result.exitCode === 137 || result.signal === 'SIGKILL';
  const how = atDeadline ? `was stopped by its ${deadline} s deadline on the host` : `stopped (exit ${result.exitCode ?? result.signal ?? 'unknown'})`;
  const last = open ? lastStarted(open.text, marker) : undefined;
  return { deadline: atDeadline, how, doing: last ? ` while ${printableLine(last)}` : '' };
}

/**
 * A follow-up's fact: its own command over the same login, under the same deadline and output cap,
 * with a fresh marker, built from the facts the first command yielded.
 */
async function runFollowUp(shell: RemoteShell, host: Host, followUp: SshFollowUp<FactKey>, facts: Facts, deadline: number, options: SshCollectorOptions): Promise<FactResult<unknown>> {
  const idle = followUp.idle?.(facts);
  if (idle !== undefined) return { ok: true, value: idle };
  const marker = newMarker();
  const section: SshSection<FactKey> = { name: followUp.name, fact: followUp.fact, script: followUp.script(facts, deadline), parse: (text, m) => followUp.parse(text, m) };
  const ran = await runDecoded(shell, collectingCommand(host.ssh.user), {
    stdin: buildCollectingScript([section], marker, deadline),
    timeoutMs: host.ssh.commandTimeoutMs,
    maxStdoutBytes: options.maxOutputBytes,
  });
  if (!ran.ok) return transportFailure(ran, options);
  const split = splitSections(ran.value.stdout, marker);
  const part = split.sections.get(section.name);
  if (part) return parsePart(section, part, marker);
  const stopped = stopReason(ran.value, deadline, split.open, marker);
  return { ok: false, reason: stopped.deadline ? 'timeout' : 'protocol', message: `SSH: the '${followUp.name}' command ${stopped.how}${stopped.doing}` };
}

/** Collects the given SSH facts over one connection and one command (and one more per follow-up asked for); never throws. */
export async function collectSshFacts(host: Host, keys: readonly FactKey[], options: SshCollectorOptions, signal?: AbortSignal): Promise<Facts> {
  const followUps = keys.map((k) => SSH_FOLLOW_UPS.get(k)).filter((f) => f !== undefined);
  // A follow-up is built from other sections' facts: they run in the first command whether or not they were asked for.
  const firstKeys = [...new Set([...keys, ...followUps.flatMap((f) => f.after)])];
  const sections = firstKeys.map((k) => SSH_SECTIONS.get(k)).filter((s) => s !== undefined);
  if (sections.length === 0) return {};
  const marker = newMarker();
  let shell: RemoteShell | undefined;
  try {
    const opened = await openSshOutcome(
      options.openSsh,
      {
        host: host.name,
        address: host.ssh.address,
        port: host.ssh.port,
        user: host.ssh.user,
        ...(host.ssh.identity ? { identity: host.ssh.identity } : {}),
        agent: host.ssh.agent,
        knownHosts: host.ssh.knownHosts,
        acceptNewHostKeys: options.acceptNewHostKeys,
        connectTimeoutMs: host.ssh.connectTimeoutMs,
      },
      { signal },
    );
    if (!opened.ok) return failAll(keys, transportFailure(opened, options));
    shell = opened.value;
    const login: FactResult<unknown> = {
      ok: true,
      value: { user: host.ssh.user, sudo: host.ssh.user !== 'root', ...(shell.authenticatedKey ? { keyFingerprint: shell.authenticatedKey } : {}) },
    };
    const deadline = remoteDeadlineSeconds(host.ssh.commandTimeoutMs);
    const ran = await runDecoded(shell, collectingCommand(host.ssh.user), {
      stdin: buildCollectingScript(sections, marker, deadline),
      timeoutMs: host.ssh.commandTimeoutMs,
      maxStdoutBytes: options.maxOutputBytes,
    });
    // The login itself succeeded even when the command failed (output limit, deadline): the report still names its key.
    if (!ran.ok) return { ...failAll(keys, transportFailure(ran, options)), 'ssh.login': login } as Facts;
    const result = ran.value;
    const split = splitSections(result.stdout, marker);
    if (split.sections.size === 0 && /sudo:/.test(result.stderr)) {
      return {
        ...failAll(keys, {
          ok: false,
          reason: 'privilege',
          message: `SSH: sudo -n refused for ${host.ssh.user}: ${printableLine(result.stderr.trim().split('\n')[0] ?? '', 120)}`,
        }),
        // The login itself succeeded: the report still names the key it used.
        'ssh.login': login,
      } as Facts;
    }
    const facts: Facts = {};
    const stopped = stopReason(result, deadline, split.open, marker);
    (facts as Record<string, FactResult<unknown>>)['ssh.login'] = login;
    for (const section of sections) {
      const part = split.sections.get(section.name);
      (facts as Record<string, FactResult<unknown>>)[section.fact] = part
        ? await parsePart(section, part, marker)
        : {
            ok: false,
            reason: stopped.deadline ? 'timeout' : 'protocol',
            message: split.complete
              ? `SSH: the collecting command printed no '${section.name}' section`
              : split.open?.name === section.name
                ? `SSH: the collecting command ${stopped.how} in its '${section.name}' section${stopped.doing}`
                : `SSH: the collecting command ${stopped.how} before its '${section.name}' section`,
          };
    }
    for (const followUp of followUps) {
      (facts as Record<string, FactResult<unknown>>)[followUp.fact] = await runFollowUp(shell, host, followUp, facts, deadline, options);
    }
    return facts;
  } catch (err) {
    return failAll(keys, bugFailure(err));
  } finally {
    shell?.close();
  }
}

/** The SSH collector: every `ssh.*` fact, from one connection and one command. */
export const sshCollector: Collector = {
  name: 'ssh',
  serves: new Set([...SSH_SECTIONS.keys(), ...SSH_FOLLOW_UPS.keys()]),
  collect: (host, keys, context, signal) =>
    collectSshFacts(host, keys, { openSsh: context.transports.openSsh, acceptNewHostKeys: context.acceptNewHostKeys, maxOutputBytes: context.maxOutputBytes }, signal),
};
