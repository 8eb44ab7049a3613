// A content hash of a fixture tree, so a changed scenario file makes its running hosts stale.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** sha256 over every path and content under `dir` (empty string when the directory does not exist). */
export async function treeHash(dir: string): Promise<string> {
  if (!existsSync(dir)) return '';
  const hash = createHash('sha256');
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      hash.update(`${child}\0`);
      if (e.isDirectory()) await walk(child);
      else if (e.isSymbolicLink()) hash.update(`-> ${await readlink(join(dir, child))}\0`);
      else if (e.isFile()) hash.update(await readFile(join(dir, child)));
    }
  };
  await walk('');
  return hash.digest('hex');
}
