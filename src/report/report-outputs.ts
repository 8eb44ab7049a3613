// Several outputs in one run: `--report FORMAT[:PATH]` (repeatable), as InSpec's `--reporter cli
// json:/path` does, beside the older `--format FORMAT --output FILE`. Parsed and checked before any
// host is scanned; written after, each on its own, so that one failed write costs no other output.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { OUTPUT_FILE_MODE, OWN_STDOUT, OutputRefused, outputTarget, writeOutputFile } from '../fs/output-file.js';
import type { Report } from './report.js';
import type { Reporter } from './reporter.js';
import { REPORTERS } from './reporters.js';

/** One output of a run: a format and where it goes (standard output when `path` is undefined). */
export interface ReportOutput {
  format: string;
  reporter: Reporter;
  path?: string;
  /** How the operator asked for it, for messages: `--report junit:out.xml`, `--output out.json`. */
  flag: string;
}

/** The flags outputs are made from. `format` is undefined when `--format` was not given. */
export interface OutputFlags {
  report?: readonly string[];
  format?: string;
  output?: string;
}

/** A usage problem, to be reported as exit 64. */
export type OutputsResult = { ok: true; outputs: ReportOutput[] } | { ok: false; message: string };

const formatList = (): string => [...REPORTERS.keys()].join(', ');

/** Parses one `FORMAT[:PATH]`; `-` or no path is standard output. */
function parseSpec(spec: string): ReportOutput | string {
  const colon = spec.indexOf(':');
  const format = colon < 0 ? spec : spec.slice(0, colon);
  const path = colon < 0 ? undefined : spec.slice(colon + 1);
  const reporter = REPORTERS.get(format);
  if (!reporter) return `--report '${spec}': '${format}' is not one of: ${formatList()}`;
  if (path === '') return `--report '${spec}': no path after the colon (use '${format}' alone for standard output)`;
  return { format, reporter, ...(path === undefined || path === '-' ? {} : { path }), flag: `--report ${spec}` };
}

/**
 * The run's outputs. Without `--report`, `--format` (table by default) goes to `--output` or standard
 * output, as before. With it, each `--report` is one output, and `--format`/`--output`, if given, one
 * more. At most one output may go to standard output, and no two to the same file.
 */
export function parseOutputs(flags: OutputFlags): OutputsResult {
  const outputs: ReportOutput[] = [];
  for (const spec of flags.report ?? []) {
    const parsed = parseSpec(spec);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    outputs.push(parsed);
  }
  if (outputs.length === 0 || flags.format !== undefined || flags.output !== undefined) {
    const format = flags.format ?? 'table';
    const reporter = REPORTERS.get(format);
    if (!reporter) return { ok: false, message: `--format '${format}' is not one of: ${formatList()}` };
    outputs.push({ format, reporter, ...(flags.output === undefined ? {} : { path: flags.output }), flag: flags.output === undefined ? `--format ${format}` : `--output ${flags.output}` });
  }
  // The process's own standard output under another name is standard output: two reports there would mix.
  const onStdout = (o: ReportOutput): boolean => o.path === undefined || OWN_STDOUT.has(o.path);
  if (outputs.filter(onStdout).length > 1) {
    return { ok: false, message: `only one output can go to standard output: ${outputs.filter(onStdout).map((o) => o.flag).join(', ')}; give the others a path (FORMAT:PATH)` };
  }
  const seen = new Map<string, string>();
  for (const o of outputs) {
    if (o.path === undefined) continue;
    const key = resolve(o.path);
    const before = seen.get(key);
    if (before !== undefined) return { ok: false, message: `${before} and ${o.flag} write the same file` };
    seen.set(key, o.flag);
  }
  return { ok: true, outputs };
}

/** A place an output cannot be written to, found before any host is scanned. */
export interface OutputProblem {
  output: ReportOutput;
  reason: string;
}

/**
 * Refuses, before any host is scanned, outputs that may not be written (a link, a FIFO, a device:
 * see src/fs/output-file.ts) or whose directory is not there to write into.
 */
export async function checkOutputPlaces(outputs: readonly ReportOutput[]): Promise<OutputProblem[]> {
  const problems: OutputProblem[] = [];
  for (const o of outputs) {
    if (o.path === undefined) continue;
    const target = await outputTarget(o.path).catch((err: unknown) => ({ kind: 'refused' as const, why: (err as NodeJS.ErrnoException).code ?? 'error' }));
    if (target.kind === 'refused') {
      problems.push({ output: o, reason: target.why });
      continue;
    }
    if (target.kind !== 'file') continue;
    try {
      await access(dirname(o.path), constants.W_OK);
    } catch (err) {
      problems.push({ output: o, reason: `its directory ${dirname(o.path)} is not writable (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  return problems;
}

/**
 * A report file's mode: the owner writes, the group (auditors) reads. The Prometheus textfile is
 * world-readable, because node_exporter runs as its own user; it holds names and statuses only.
 */
export const outputFileMode = (format: string): number => (format === 'prometheus' ? 0o644 : OUTPUT_FILE_MODE);

/** Where outputs go besides files. */
export interface OutputStreams {
  /** Writes to standard output whole, or rejects (the CLI's checked write: a full disk, a closed pipe). */
  toStdout(text: string): Promise<void>;
  /** Colour for a table on standard output. */
  color: boolean;
  verbose: boolean;
}

/** An output that could not be written. */
export interface OutputFailure {
  output: ReportOutput;
  path: string;
  reason: string;
}

/**
 * Renders and writes every output; a failed file write is returned, and the outputs after it are
 * still written. A failed write to standard output is thrown once every other output is written.
 */
export async function writeOutputs(outputs: readonly ReportOutput[], report: Report, streams: OutputStreams): Promise<OutputFailure[]> {
  const failures: OutputFailure[] = [];
  let stdoutError: unknown;
  for (const o of outputs) {
    const text = o.reporter.render(report, { color: o.path === undefined && streams.color && o.format === 'table', verbose: streams.verbose });
    if (o.path === undefined) {
      await streams.toStdout(text).catch((err: unknown) => (stdoutError ??= err));
      continue;
    }
    try {
      // Standard output under its own name fails as standard output does (a quiet 141 for a closed pipe).
      await writeOutputFile(o.path, text, (t) => streams.toStdout(t).catch((e: unknown) => {
        stdoutError ??= e;
      }), outputFileMode(o.format));
    } catch (err) {
      const reason = err instanceof OutputRefused ? err.message : ((err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : 'error'));
      failures.push({ output: o, path: o.path, reason: reason === 'ENXIO' ? 'nothing reads it (ENXIO)' : reason });
    }
  }
  if (stdoutError !== undefined) throw stdoutError;
  return failures;
}
