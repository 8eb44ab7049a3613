// File paths written in the inventory, made absolute.
import { isAbsolute, join, resolve } from 'node:path';

/** An absolute path for a written one: `~/` is the home directory, relative paths start at the inventory's directory. */
export function resolveInventoryPath(written: string, baseDir: string, homeDir: string): string {
  if (written === '~') return homeDir;
  if (written.startsWith('~/')) return join(homeDir, written.slice(2));
  return isAbsolute(written) ? resolve(written) : resolve(baseDir, written);
}
