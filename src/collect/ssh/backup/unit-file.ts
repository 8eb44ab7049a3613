// Reads systemd unit file text into key=value settings with their line numbers; pure.
import type { DumpedFile } from '../../../facts/dumped-file.js';

/** Where systemd looks for system units, highest precedence first. */
export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system', '/usr/local/lib/systemd/system'];

/** One `Key=value` setting of a unit file. */
export interface UnitSetting {
  section: string;
  key: string;
  value: string;
  line: number;
}

/** The settings of a unit file in order, with continuation lines (`\` at the end) joined. */
export function unitSettings(file: DumpedFile): UnitSetting[] {
  const settings: UnitSetting[] = [];
  let section = '';
  for (let i = 0; i < file.lines.length; i++) {
    const start = i;
    let line = file.lines[i]!.trim();
    while (line.endsWith('\\') && i + 1 < file.lines.length) line = line.slice(0, -1) + ' ' + file.lines[++i]!.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    settings.push({ section, key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim(), line: start + 1 });
  }
  return settings;
}

/** An ExecStart-style value without systemd's prefixes (`-`, `@`, `+`, `!`, `:`) on the program. */
export function execCommand(value: string): string {
  return value.replace(/^[-@+!:]+/, '');
}
