// Turns a timer's `S` record and the unit files dumped after it into the commands its service runs; pure.
import type { DumpedFile } from '../../../facts/dumped-file.js';
import type { EnvironmentAssignment, ScheduledCommand, TimerInfo } from '../../../facts/backup-schedules.js';
import { nameFields } from '../name-framing.js';
import { execCommand, unitSettings } from './unit-file.js';
import { expandSpecifiers, unitInstance, unitTemplate, type UnitNames } from './unit-specifiers.js';

/** A timer as its `S` record states it: `S enabled service timer-path service-path timer-name scope account linger enabled-by`. */
export function timerFromRecord(rest: string): TimerInfo | undefined {
  const [enabled, service, path, servicePath, name, scope, account, linger, enabledBy] = nameFields(rest);
  if (!service || !path || !name) return undefined;
  const kind = scope === 'user' || scope === 'every-user' ? scope : 'system';
  const instance = unitInstance(name) || unitInstance(service) || undefined;
  const id = kind === 'user' ? `${name} (user ${account ?? '?'})` : kind === 'every-user' ? `${name} (every user)` : name;
  return {
    id,
    timer: name,
    path,
    service,
    ...(servicePath ? { servicePath } : {}),
    ...(instance ? { instance } : {}),
    template: /@\.timer$/.test(name),
    enabled: enabled === '1',
    ...(enabledBy ? { enabledBy } : {}),
    scope: kind,
    ...(kind === 'user' && account ? { account, lingering: linger === '1' } : {}),
  };
}

/** Template timers (`x@.timer`) of which an instance of the same scope and account is listed: the instances stand for them. */
export function withoutInstantiatedTemplates(timers: readonly TimerInfo[]): TimerInfo[] {
  return timers.filter((t) => !t.template || !timers.some((i) => !i.template && i.scope === t.scope && i.account === t.account && unitTemplate(i.timer) === t.timer));
}

/** Where the parser looks up the files a unit names: read files by path, and the ones the collecting command could not read. */
export interface UnitFiles {
  files: ReadonlyMap<string, DumpedFile>;
  unreadable: ReadonlySet<string>;
}

/** What one timer's service runs, and the environment files it could not read in full. */
export interface TimerCommands {
  commands: ScheduledCommand[];
  unreadable: string[];
  truncated: string[];
}

// `KEY=VALUE` lines of an EnvironmentFile=; `#` and `;` start comments.
function environmentFileLines(file: DumpedFile): EnvironmentAssignment[] {
  const out: EnvironmentAssignment[] = [];
  file.lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';') || !line.includes('=')) return;
    out.push({ origin: `${file.path}:${i + 1}`, text: line });
  });
  return out;
}

/** The commands of a timer's service, its drop-ins in name order, with specifiers expanded for the instance. */
export function timerCommands(timer: TimerInfo, units: UnitFiles): TimerCommands {
  const result: TimerCommands = { commands: [], unreadable: [], truncated: [] };
  if (!timer.servicePath) return result;
  const account = timer.scope === 'user' ? timer.account : undefined;
  const home = account ? homeOf(timer) : undefined;
  // A timer of every account runs once per account: %u and %h stay as written.
  const owner = timer.scope === 'every-user' ? { user: '%u', home: '%h' } : { ...(account ? { user: account } : {}), ...(home ? { home } : {}) };
  const timerFile = units.files.get(timer.path);
  const when = timerFile
    ? unitSettings(timerFile)
        .filter((s) => s.section === 'Timer' && /^On[A-Za-z]+$/.test(s.key))
        .map((s) => `${s.key}=${expandSpecifiers(s.value, { unit: timer.timer, ...owner })}`)
        .join(' ')
    : '';
  const template = unitTemplate(timer.service);
  const dropIn = (p: string): boolean => (p.includes(`/${timer.service}.d/`) || (template !== undefined && p.includes(`/${template}.d/`))) && p.endsWith('.conf');
  const sources = [timer.servicePath, ...[...units.files.keys()].filter(dropIn).sort((a, b) => a.slice(a.lastIndexOf('/')).localeCompare(b.slice(b.lastIndexOf('/'))))];
  const names: UnitNames = { unit: timer.service, ...owner };
  const environment: EnvironmentAssignment[] = [];
  let user: string | undefined = account;
  const commands: Array<{ source: string; command: string }> = [];
  for (const path of [...new Set(sources)]) {
    const file = units.files.get(path);
    if (!file) continue;
    for (const s of unitSettings(file)) {
      if (s.section !== 'Service') continue;
      const value = expandSpecifiers(s.value, names);
      if (s.key === 'Environment') environment.push({ origin: `${path}:${s.line}`, text: `Environment=${value}` });
      else if (s.key === 'EnvironmentFile') {
        environment.push({ origin: `${path}:${s.line}`, text: `EnvironmentFile=${value}` });
        const envPath = value.replace(/^-/, '');
        const envFile = units.files.get(envPath);
        if (units.unreadable.has(envPath)) result.unreadable.push(envPath);
        else if (envFile) {
          if (envFile.truncated) result.truncated.push(envPath);
          environment.push(...environmentFileLines(envFile));
        }
      } else if (s.key === 'User' && timer.scope === 'system') user = value;
      else if (/^Exec(Start|StartPre|StartPost|Stop|StopPost)$/.test(s.key) && value !== '') {
        commands.push({ source: `${timer.id} → ${path}:${s.line}`, command: execCommand(value) });
      }
    }
  }
  result.commands = commands.map((c) => ({
    source: c.source,
    when: when || timer.timer,
    ...(timer.scope === 'every-user' ? {} : { user: user ?? 'root' }),
    command: c.command,
    environment,
    timer: timer.id,
  }));
  return result;
}

// A per-user unit's home: its unit directory is under it (`<home>/.config/systemd/user/…`).
function homeOf(timer: TimerInfo): string | undefined {
  for (const path of [timer.path, timer.servicePath ?? '']) {
    const m = /^(.*)\/\.(?:config|local\/share)\/systemd\/user\//.exec(path);
    if (m) return m[1];
  }
  return undefined;
}
