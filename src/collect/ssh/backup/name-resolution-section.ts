// Resolves, on the scanned host itself, the host names its backup targets and jobs name: a name that only
// the host's /etc/hosts or resolver maps into a provider network is provider infrastructure all the same.
import { isIP } from 'node:net';
import type { FactResult } from '../../../facts/fact-result.js';
import { type BackupCatalogue, backupCatalogue } from '../../../catalogue/backup-catalogue.js';
import { classifyCommand, withVariables } from '../../../catalogue/backup-command.js';
import { scheduleRepositories } from '../../../catalogue/schedule-repositories.js';
import type { Facts } from '../../../facts/facts.js';
import type { NameResolutionFact, ResolvedName } from '../../../facts/name-resolution.js';
import { hostNamesIn, isResolvableName } from '../../../text/host-names.js';
import { decodeName } from '../name-framing.js';
import { parseSectionRecords } from '../section-framing.js';
import type { SshFollowUp } from '../ssh-section.js';

/** Names asked per host: a host naming more costs the rest as `notAsked` (and its check an error), not minutes of lookups. */
export const MAX_NAMES = 32;
/** Seconds one `getent` may take: a resolver that does not answer costs this, not its own retries. */
export const PER_NAME_SECONDS = 3;

/**
 * The host names the backup checks consult, in the order they meet them: mount sources and options
 * and repositories (backup.remote-targets), the repositories jobs set in their environment (the
 * same), then the commands backup.schedules takes for a backup or a copy off the host, with the
 * environment they run in. Not every line of every script a job runs: a minimal Debian host's jobs
 * yield about 2,100 commands, whose `Usage:` and `Dir::Cache` would otherwise become names asked of
 * the customer's resolver on every scan.
 */
export function namesToResolve(facts: Facts, catalogue: BackupCatalogue = backupCatalogue()): string[] {
  // Each text once: the commands of a script share its assignments (the same objects).
  const texts = new Set<string>();
  const targets = facts['ssh.backup-targets'];
  if (targets?.ok) {
    for (const m of targets.value.mounts) texts.add(`${m.source} ${m.options}`);
    for (const r of targets.value.repositories) texts.add(r.value);
  }
  const schedules = facts['ssh.backup-schedules'];
  if (schedules?.ok) {
    for (const r of scheduleRepositories(schedules.value).repositories) texts.add(r.value);
    for (const c of schedules.value.commands) {
      if (!classifyCommand(c.command.includes('$') ? withVariables(c.command, c.environment.map((e) => e.text)) : c.command, catalogue)) continue;
      texts.add(c.command);
      for (const e of c.environment) texts.add(e.text);
    }
  }
  const names: string[] = [];
  for (const t of texts) for (const n of hostNamesIn(t)) if (!names.includes(n)) names.push(n);
  return names;
}

/**
 * The snippet. The names travel as a quoted here-document (`<<'fc_NAMES'`): data the shell never
 * expands, each one checked again by the shell (letters, digits, dots and dashes, no leading dash)
 * before it becomes one quoted argument of `getent ahosts`. Each lookup runs under `timeout`, and
 * none starts once the time budget is spent: those names are printed as not asked (`T`); names past
 * the count limit are printed as such (`S`) and never asked.
 */
export function nameResolutionScript(names: readonly string[], deadlineSeconds: number): string {
  const valid = names.filter(isResolvableName);
  const asked = valid.slice(0, MAX_NAMES);
  const skipped = valid.slice(MAX_NAMES).map((n) => `printf '%s S %s\\n' "$M" '${n}'`);
  const perName = Math.max(1, Math.min(PER_NAME_SECONDS, deadlineSeconds - 1));
  const budget = Math.max(1, deadlineSeconds - perName - 1);
  return `
fc_nr_end=$(( $(date +%s) + ${budget} ))
if command -v timeout >/dev/null 2>&1; then fc_nr_t="timeout ${perName}"; else fc_nr_t=; fi
while IFS= read -r fc_n; do
  case $fc_n in ''|-*|*[!A-Za-z0-9.-]*) continue ;; esac
  if [ "$(date +%s)" -ge "$fc_nr_end" ]; then printf '%s T %s\\n' "$M" "$fc_n"; continue; fi
  fc_open command "getent ahosts $fc_n"
  printf '%s C getent %s\\n' "$M" "$fc_n"
  $fc_nr_t getent ahosts "$fc_n" 2>&1
  printf '\\n%s X getent %s\\n' "$M" "$?"
done <<'fc_NAMES'
${asked.join('\n')}
fc_NAMES
${skipped.join('\n')}
:`;
}

/** One lookup's answer: `getent ahosts` prints `ADDRESS  STREAM|DGRAM|RAW  [canonical name]` per address. */
function resolved(name: string, output: readonly string[], status: number): ResolvedName {
  if (status === 0) {
    const addresses: string[] = [];
    for (const line of output) {
      const address = line.trim().split(/\s+/)[0] ?? '';
      if (isIP(address) !== 0 && !addresses.includes(address)) addresses.push(address);
    }
    return { name, outcome: 'resolved', addresses };
  }
  if (status === 2) return { name, outcome: 'unknown', addresses: [] };
  const why = status === 124 || status === 137 ? 'timed out' : Number.isNaN(status) ? 'cut off' : `getent exit ${status}`;
  return { name, outcome: 'failed', addresses: [], why };
}

/** Parses the section's output; pure. */
export function parseNameResolution(text: string, marker: string): NameResolutionFact {
  const { records, commands } = parseSectionRecords(text, marker);
  const fact: NameResolutionFact = { names: [], notAsked: [] };
  for (const c of commands) if (c.name === 'getent') fact.names.push(resolved(c.args, c.output, c.status));
  for (const r of records) {
    if (r.tag === 'T') fact.notAsked.push({ name: decodeName(r.rest), why: 'the time budget for lookups was spent' });
    else if (r.tag === 'S') fact.notAsked.push({ name: decodeName(r.rest), why: `more than ${MAX_NAMES} names to resolve` });
  }
  return fact;
}

/** The name-resolution follow-up: after the targets (and, when collected, the schedules) are known. */
export const nameResolutionFollowUp: SshFollowUp<'ssh.name-resolution'> = {
  name: 'name-resolution',
  fact: 'ssh.name-resolution',
  after: ['ssh.backup-targets'],
  idle: (facts) => (namesToResolve(facts).some(isResolvableName) ? undefined : { names: [], notAsked: [] }),
  script: (facts, deadlineSeconds) => nameResolutionScript(namesToResolve(facts), deadlineSeconds),
  parse: (text, marker): FactResult<NameResolutionFact> => ({ ok: true, value: parseNameResolution(text, marker) }),
};
