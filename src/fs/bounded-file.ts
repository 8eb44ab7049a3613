// Reads a file that a user named (in the inventory or on the command line) without trusting it to be
// one: it must be a regular file, and at most `maxBytes` are read. A FIFO, a device (/dev/zero,
// /dev/urandom) or a directory is refused before anything is read; a file that grows past the
// limit while it is read is refused too, so no name can make the scanner read without end.
import { closeSync, constants, fstatSync, openSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** Why a named file was not read. */
export type FileProblem =
  | { kind: 'missing' }
  | { kind: 'not-regular' }
  | { kind: 'too-large'; maxBytes: number }
  | { kind: 'unreadable'; code: string };

/** A file's bytes, or why it was not read. */
export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; problem: FileProblem };

/** A regular file that may be opened (its stat), or why not. */
export type RegularFileCheck = { ok: true; stats: Stats } | { ok: false; problem: FileProblem };

// O_NONBLOCK: opening a FIFO with no writer returns at once (and is then refused by fstat) instead
// of waiting forever; it changes nothing for a regular file. O_NOCTTY: a terminal never becomes ours.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;
const CHUNK = 64 * 1024;

function problemOf(error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', code };
}

function judge(stats: Stats, maxBytes: number): FileProblem | undefined {
  if (!stats.isFile()) return { kind: 'not-regular' };
  if (stats.size > maxBytes) return { kind: 'too-large', maxBytes };
  return undefined;
}

/** The words for a problem, to follow "<what> <path>" or "<what>" in a message: "is not a regular file". */
export function describeFileProblem(problem: FileProblem): string {
  switch (problem.kind) {
    case 'missing':
      return 'not found';
    case 'not-regular':
      return 'is not a regular file';
    case 'too-large':
      return `is larger than ${formatBytes(problem.maxBytes)}`;
    case 'unreadable':
      return problem.code === 'EACCES' || problem.code === 'EPERM' ? 'is not readable (permission denied)' : `is not readable (${problem.code})`;
  }
}

/** The reason alone, to follow "cannot read <path>:" or stand in parentheses: "not a regular file". */
export function fileProblemReason(problem: FileProblem): string {
  switch (problem.kind) {
    case 'missing':
      return 'not found';
    case 'not-regular':
      return 'not a regular file';
    case 'too-large':
      return `larger than ${formatBytes(problem.maxBytes)}`;
    case 'unreadable':
      return problem.code === 'EACCES' || problem.code === 'EPERM' ? 'permission denied' : problem.code;
  }
}

/** 4096 → "4 KiB", 4194304 → "4 MiB". */
function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** Reads all of a regular file of at most `maxBytes`; never throws. */
export async function readBoundedFile(path: string, maxBytes: number): Promise<BoundedRead> {
  try {
    // A first stat refuses a device or FIFO without even opening it (a tape rewinds on open).
    const early = judge(await stat(path), maxBytes);
    if (early) return { ok: false, problem: early };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
  try {
    // The file opened may not be the file stat saw: judge the open one again.
    const late = judge(await handle.stat(), maxBytes);
    if (late) return { ok: false, problem: late };
    // Chunks as they come, never more than maxBytes + 1 in all: the size fstat gave may be 0
    // (/proc) or out of date (a file being appended to).
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) return { ok: false, problem: { kind: 'too-large', maxBytes } };
    }
    return { ok: true, bytes: Buffer.concat(chunks, length) };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads a bounded file as UTF-8 text (invalid bytes become U+FFFD); never throws. */
export async function readBoundedText(path: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; problem: FileProblem }> {
  const read = await readBoundedFile(path, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}

/**
 * Checks, without reading it, that `path` is a regular file of at most `maxBytes` that this process
 * can open for reading (checked by opening it, which answers for the effective user, unlike access()).
 */
export function checkRegularFile(path: string, maxBytes: number): RegularFileCheck {
  try {
    const early = judge(statSync(path), maxBytes);
    if (early) return { ok: false, problem: early };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
  try {
    const stats = fstatSync(fd);
    const late = judge(stats, maxBytes);
    return late ? { ok: false, problem: late } : { ok: true, stats };
  } finally {
    closeSync(fd);
  }
}
