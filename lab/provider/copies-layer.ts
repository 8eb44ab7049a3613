// The cached layer of a provider backup server that holds real copies of rented lab hosts, made once by
// the real tools (lab/provider/make-backups.sh) and stacked under the server's own files at every start.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { LabSecretsFile } from '../fleet/fleet-schema.js';
import type { LabHost } from '../fleet/plan-fleet.js';
import { LabError } from '../lab-error.js';
import type { LabPaths } from '../lab-paths.js';
import { runLogged } from '../process/run-logged.js';
import { type CachedTree, ensureCachedTree } from '../rootfs/cached-tree.js';
import { treeHash } from '../commands/tree-hash.js';

/** The build script, kept as a file so it can be read and run by hand. */
export function makeBackupsScript(paths: LabPaths): string {
  return join(paths.repo, 'lab/provider/make-backups.sh');
}

/** The script that checks a cached layer's repositories still open with the passwords of the secrets file. */
export function checkPasswordsScript(paths: LabPaths): string {
  return join(paths.repo, 'lab/provider/check-passwords.sh');
}

/** RESTIC_PASSWORD and BORG_PASSPHRASE for the server's copies, from `systems.<server>` of the secrets file. */
export function repositoryEnv(server: LabHost, secrets: LabSecretsFile): Record<string, string> {
  const env: Record<string, string> = {};
  for (const copy of server.backups) {
    if (!copy.password) continue;
    const value = secrets.systems?.[server.name]?.[copy.password];
    if (value === undefined) throw new LabError(`${server.name}: the secrets file has no systems.${server.name}.${copy.password}`);
    env[copy.tool === 'restic' ? 'RESTIC_PASSWORD' : 'BORG_PASSPHRASE'] = value;
  }
  return env;
}

/**
 * The recipe of a server's copies: everything that shapes them except the repository passwords, which
 * must not reach the stamp file even hashed; whether they still open the cached repositories is checked
 * with the tools instead (checkPasswordsScript).
 */
async function copiesRecipe(paths: LabPaths, server: LabHost, tools: string[]): Promise<string> {
  const script = createHash('sha256').update(await readFile(makeBackupsScript(paths))).digest('hex').slice(0, 16);
  const trees = [`${server.scenario} ${await treeHash(join(paths.scenariosDir, server.scenario))}`];
  for (const copy of server.backups) {
    trees.push(`${copy.tool} ${copy.host} ${copy.address} ${copy.scenario} ${await treeHash(join(paths.scenariosDir, copy.scenario))}`);
  }
  const key = createHash('sha256').update(trees.join('\n')).digest('hex').slice(0, 16);
  return `provider copies of ${server.name} by script ${script} over ${tools.join(':')} from trees ${key}`;
}

/** Whether the cached repositories open with the secrets file's passwords (false: rebuild them). */
async function passwordsStillOpen(paths: LabPaths, dir: string, lowers: string[], server: LabHost, env: Record<string, string>): Promise<boolean> {
  const repositories = server.backups.filter((c) => c.password).map((c) => c.tool);
  if (repositories.length === 0 || !existsSync(dir)) return true;
  const result = await execa(
    'unshare',
    ['--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child', 'sh', checkPasswordsScript(paths), [dir, ...lowers].join(':'), ...repositories],
    { stdin: 'ignore', reject: false, env: { LC_ALL: 'C', ...env }, timeout: 60_000 },
  );
  return result.exitCode === 0;
}

/**
 * Builds (or reuses) the copies layer of `server`, whose own stack (`lowers`, topmost first, with
 * `stackId`) holds the tools. The copies are rebuilt when the script, a tree, the tools or an address
 * changes, or when a repository no longer opens with its password from the secrets file.
 */
export async function ensureCopiesLayer(options: {
  paths: LabPaths;
  server: LabHost;
  lowers: string[];
  stackId: string;
  secrets: LabSecretsFile;
  log: string;
  onBuild?: () => void;
}): Promise<CachedTree> {
  const { paths, server, lowers } = options;
  const env = repositoryEnv(server, options.secrets);
  const recipe = await copiesRecipe(paths, server, [options.stackId]);
  const dir = join(paths.cacheDir, 'provider-copies', server.name);
  await mkdir(join(paths.cacheDir, 'provider-copies'), { recursive: true });
  const stale = !(await passwordsStillOpen(paths, dir, lowers, server, env));
  return ensureCachedTree({
    dir,
    // A repository that no longer opens forces a rebuild through a recipe that cannot match the stamp.
    recipe: stale ? `${recipe} (passwords changed ${Date.now()})` : recipe,
    build: async (scratch) => {
      options.onBuild?.();
      await mkdir(scratch, { recursive: true });
      const empty = join(scratch, 'empty-tree');
      await mkdir(empty);
      const treeOf = (scenario: string): string => {
        const dir = join(paths.scenariosDir, scenario);
        return existsSync(dir) ? dir : empty;
      };
      const groups = server.backups.flatMap((c) => [c.tool, c.host, c.address, treeOf(c.scenario)]);
      await runLogged(
        'unshare',
        ['--mount', '--propagation', 'private', '--uts', '--net', '--pid', '--fork', '--kill-child', 'sh', makeBackupsScript(paths),
          lowers.join(':'), scratch, server.name, treeOf(server.scenario), ...groups],
        options.log,
        { what: `making the copies ${server.name} keeps`, env },
      );
      return join(scratch, 'server', 'upper');
    },
  });
}
