// Reads an inventory file from disk and validates it; the only inventory function that touches the file.
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { describeFileProblem, readBoundedFile } from '../fs/bounded-file.js';
import { FILE_LIMITS } from '../fs/file-limits.js';
import { parseInventory, type InventoryResult } from './parse-inventory.js';

const failure = (file: string, message: string): InventoryResult => ({ ok: false, issues: [{ file, path: '', message }] });

/** Loads and validates the inventory at `file` (as the user gave it); never throws, every problem is an issue. */
export async function loadInventory(file: string): Promise<InventoryResult> {
  const read = await readBoundedFile(file, FILE_LIMITS.inventory);
  if (!read.ok) return failure(file, `inventory file ${describeFileProblem(read.problem)}`);
  const bytes = read.bytes;
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
