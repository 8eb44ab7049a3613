// Reads an inventory file from disk and validates it; the only inventory function that touches the file.
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseInventory, type InventoryResult } from './parse-inventory.js';

const MAX_BYTES = 4 * 1024 * 1024;

const failure = (file: string, message: string): InventoryResult => ({ ok: false, issues: [{ file, path: '', message }] });

/** Loads and validates the inventory at `file` (as the user gave it); never throws, every problem is an issue. */
export async function loadInventory(file: string): Promise<InventoryResult> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return failure(file, 'not a regular file');
    if (info.size > MAX_BYTES) return failure(file, `file is larger than ${MAX_BYTES / 1024 / 1024} MiB`);
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failure(file, 'inventory file not found');
    if (code === 'EACCES' || code === 'EPERM') return failure(file, 'inventory file is not readable (permission denied)');
    return failure(file, `cannot read inventory file (${code ?? 'unknown error'})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure(file, 'inventory file is not valid UTF-8');
  }
  try {
    return parseInventory(text, { file, baseDir: dirname(resolve(file)), homeDir: homedir() });
  } catch (error) {
    // A bug, not bad input: still reported as an issue so the caller's contract (never throws) holds.
    return failure(file, `internal error while checking the inventory: ${error instanceof Error ? error.message : String(error)}`);
  }
}
