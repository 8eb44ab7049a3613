// Where `--output` may write: a regular file (replaced atomically), or a system stream such as
// /dev/stdout. A FIFO with no reader, a device, a socket, or a link an attacker may have planted
// (say in /tmp, pointing at a root-owned file) is refused instead of followed or waited on.
import { constants } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.js';

/** Mode of a report file fleetcheck creates: the operator and their group read it, nobody else. */
export const OUTPUT_FILE_MODE = 0o640;

/** What the output path names. */
export type OutputTarget =
  | { kind: 'file' } // a regular file or nothing yet: written beside, fsynced and renamed into place
  | { kind: 'stdout' } // the process's own standard output (/dev/stdout, /dev/fd/1): written to it, whatever it is
  | { kind: 'stream' } // /dev/fd/N, /dev/null, a terminal: written straight through
  | { kind: 'refused'; why: string };

/**
 * The streams the system itself names (/dev/stdout, /dev/fd/1, /proc/self/fd/1, /dev/null,
 * /dev/full, a terminal). Nothing else under /dev counts: /dev/shm is world-writable, like /tmp.
 */
const SYSTEM_STREAM = /^(?:\/dev\/(?:stdout|stderr|null|full|tty|fd\/\d+|pts\/\d+)|\/proc\/(?:self|\d+)\/fd\/\d+)$/;
const isSystemPath = (p: string): boolean => SYSTEM_STREAM.test(p);
/** The names of the process's own standard output: written as standard output, never reopened. */
export const OWN_STDOUT: ReadonlySet<string> = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/**
 * Decides how `path` may be written, without opening it. A symbolic link is followed only when it
 * and what it points to are the system's (/dev, /proc): any other link is refused, since a
 * rename would replace the link and writing through it would write wherever it points.
 */
export async function outputTarget(path: string): Promise<OutputTarget> {
  // Opening a socket through /proc fails (ENXIO): our own stdout is written as stdout, not reopened.
  if (OWN_STDOUT.has(path)) return { kind: 'stdout' };
  const entry = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (!entry) return { kind: 'file' };
  if (entry.isFile()) return { kind: 'file' };
  if (entry.isSymbolicLink()) {
    if (!isSystemPath(path)) return { kind: 'refused', why: 'it is a symbolic link: name the file itself' };
    const target = await realpath(path).catch(() => undefined);
    const info = target === undefined ? undefined : await stat(target).catch(() => undefined);
    // /dev/stdout → /proc/self/fd/1 → pipe:[…] does not resolve to a path; its stat still says what it is.
    const resolved = info ?? (await stat(path).catch(() => undefined));
    if (!resolved) return { kind: 'refused', why: 'it is a symbolic link to nothing' };
    return resolved.isDirectory() ? { kind: 'refused', why: 'it is a directory' } : { kind: 'stream' };
  }
  if (entry.isDirectory()) return { kind: 'refused', why: 'it is a directory' };
  if (isSystemPath(path) && (entry.isCharacterDevice() || entry.isFIFO() || entry.isSocket())) return { kind: 'stream' };
  return { kind: 'refused', why: entry.isFIFO() ? 'it is a FIFO, not a regular file' : 'it is not a regular file' };
}

/**
 * Opens a system stream for writing without waiting on a FIFO that has no reader (ENXIO at once
 * instead of a hang), then again without O_NONBLOCK, so the write itself blocks as usual.
 */
async function writeStream(path: string, bytes: string): Promise<void> {
  const probe = await open(path, constants.O_WRONLY | constants.O_NONBLOCK);
  try {
    // /dev/stdout of a `> report.json` is that file: truncated, as the shell's own redirection would.
    const isFile = (await probe.stat()).isFile();
    const handle = await open(path, isFile ? constants.O_WRONLY | constants.O_TRUNC : constants.O_WRONLY);
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
  } finally {
    await probe.close();
  }
}

/** The error `writeOutputFile` throws for a path it will not write; it carries the reason. */
export class OutputRefused extends Error {
  override readonly name = 'OutputRefused';
}

/**
 * Writes a report to `path` as `outputTarget` allows; throws OutputRefused or an errno error.
 * The process's own stdout is handed to `toStdout`, which the CLI checks as it checks any report.
 */
export async function writeOutputFile(path: string, bytes: string, toStdout: (bytes: string) => Promise<void>, mode = OUTPUT_FILE_MODE): Promise<void> {
  const target = await outputTarget(path);
  if (target.kind === 'refused') throw new OutputRefused(target.why);
  if (target.kind === 'stdout') await toStdout(bytes);
  else if (target.kind === 'stream') await writeStream(path, bytes);
  else await writeFileAtomic(path, bytes, { mode });
}
