// One provider section's text cut back into its status, the files it dumped and the commands it framed.
import { decodeName } from '../ssh/name-framing.js';
import { parseFramed } from '../ssh/section-framing.js';

/** A file a section dumped: its text, or that it could not be read; cut when more than the limit arrived. */
export interface SectionFile {
  path: string;
  state: 'read' | 'unreadable';
  text: string;
  bytes: number;
}

/** A command a section ran: its stdout, exit status and the start of its stderr (never a secret: none is passed to a command's argv or stderr). */
export interface SectionCommand {
  name: string;
  output: string;
  status: number;
  stderr: string;
}

/** What one section printed. */
export interface SectionOutput {
  status: { state: 'ok' | 'absent' | 'failed'; message: string };
  files: SectionFile[];
  commands: SectionCommand[];
  /** Declared paths that do not exist on the system (`$M M path`). */
  missing: string[];
  /** Places with more files than are searched (`$M L path`): not everything there was read. */
  overLimit: string[];
}

/** Parses one section's text; a section that printed no status record reads as failed. */
export function parseSectionOutput(text: string, marker: string): SectionOutput {
  const out: SectionOutput = { status: { state: 'failed', message: 'the section printed no status' }, files: [], commands: [], missing: [], overLimit: [] };
  let open: SectionCommand | undefined;
  for (const r of parseFramed(text, marker, new Set(['F', 'C']))) {
    if (r.tag === 'S') {
      const [state, ...why] = r.args.split(' ');
      if (state === 'ok' || state === 'absent' || state === 'failed') out.status = { state, message: why.join(' ') };
    } else if (r.tag === 'F') {
      out.files.push({ path: decodeName(r.args), state: 'read', text: r.text ?? '', bytes: r.bytes });
    } else if (r.tag === 'U') {
      const path = decodeName(r.args);
      const read = out.files.findIndex((f) => f.path === path);
      // `U` after a body: the read failed part-way, so what arrived is not the whole file.
      if (read >= 0) out.files[read] = { ...out.files[read]!, state: 'unreadable' };
      else out.files.push({ path, state: 'unreadable', text: '', bytes: 0 });
    } else if (r.tag === 'C') {
      open = { name: decodeName(r.args), output: r.text ?? '', status: Number.NaN, stderr: '' };
      out.commands.push(open);
    } else if (r.tag === 'X' && open) {
      const space = r.args.indexOf(' ');
      open.status = Number(space === -1 ? r.args : r.args.slice(0, space));
      open.stderr = space === -1 ? '' : r.args.slice(space + 1).trim();
      open = undefined;
    } else if (r.tag === 'M') {
      out.missing.push(decodeName(r.args));
    } else if (r.tag === 'L') {
      out.overLimit.push(decodeName(r.args));
    }
  }
  return out;
}

/** Why a framed command failed, for a source's message: its exit status and the start of its stderr. */
export function commandFailure(command: SectionCommand | undefined, what: string): string | undefined {
  if (!command) return `${what}: the command printed nothing (cut off?)`;
  if (command.status === 0) return undefined;
  const status = Number.isNaN(command.status) ? 'unknown' : String(command.status);
  return `${what} failed (exit ${status})${command.stderr ? `: ${command.stderr}` : ''}`;
}
