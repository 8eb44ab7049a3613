// Fills a host's overlay upper layer: scenario files, accounts, the scanner's key, host key and sshd config.
import { execFile } from 'node:child_process';
import type { Stats } from 'node:fs';
import { existsSync } from 'node:fs';
import {
  appendFile, chmod, chown, copyFile, lstat, mkdir, readdir, readFile, readlink, rm, symlink, truncate, writeFile,
} from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { SpecialFileSpec } from '../fleet/fleet-schema.js';
import type { LabHost } from '../fleet/plan-fleet.js';
import { LabError } from '../lab-error.js';
import type { HostPaths } from '../lab-paths.js';
import { passwdEntry, withAccounts } from './accounts.js';
import { renderEtcHosts, renderSshdConfig } from './sshd-config.js';

const execFileAsync = promisify(execFile);

/** What goes into one host's upper layer. */
export interface UpperInput {
  host: LabHost;
  paths: HostPaths;
  /** Lower layers, topmost first, as the overlay will stack them. */
  lowers: string[];
  /** fixtures/lab/scenarios/<scenario>; may not exist (a scenario without files). */
  scenarioDir: string;
  scannerPublicKey: string;
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch {
    return undefined;
  }
}

class UpperBuilder {
  constructor(
    readonly upper: string,
    readonly lowers: string[],
  ) {}

  /** The stat of `rel` (relative to /) as the lower layers show it. */
  async lowerStat(rel: string): Promise<Stats | undefined> {
    for (const lower of this.lowers) {
      const s = await statOrUndefined(join(lower, rel));
      if (s) return s;
    }
    return undefined;
  }

  async lowerText(rel: string): Promise<string> {
    for (const lower of this.lowers) {
      if (existsSync(join(lower, rel))) return readFile(join(lower, rel), 'utf8');
    }
    throw new LabError(`the base root filesystem has no /${rel}`);
  }

  /** The file's text as the container will see it: upper first, then the lowers. */
  async mergedText(rel: string): Promise<string> {
    const inUpper = join(this.upper, rel);
    return existsSync(inUpper) ? readFile(inUpper, 'utf8') : this.lowerText(rel);
  }

  /** Creates `rel` and its parents in the upper layer, copying mode and owner from the lowers as copy-up would. */
  async ensureDir(rel: string): Promise<void> {
    let current = '';
    for (const part of rel.split('/').filter(Boolean)) {
      current = current ? `${current}/${part}` : part;
      const target = join(this.upper, current);
      if (existsSync(target)) continue;
      await mkdir(target);
      const below = await this.lowerStat(current);
      await chmod(target, below?.isDirectory() ? below.mode & 0o7777 : 0o755);
      if (below?.isDirectory()) await chown(target, below.uid, below.gid);
    }
  }

  /** Writes a file, taking mode and owner from the lower file it replaces, else `mode` and root. */
  async writeLike(rel: string, content: string, mode = 0o644): Promise<void> {
    await this.ensureDir(dirname(rel));
    const target = join(this.upper, rel);
    await writeFile(target, content);
    const below = await this.lowerStat(rel);
    await chmod(target, below?.isFile() ? below.mode & 0o7777 : mode);
    if (below?.isFile()) await chown(target, below.uid, below.gid);
  }

  async copyTree(source: string, rel = ''): Promise<void> {
    for (const entry of await readdir(join(source, rel), { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const from = join(source, childRel);
      const to = join(this.upper, childRel);
      if (entry.isDirectory()) {
        await this.ensureDir(childRel);
        await this.copyTree(source, childRel);
      } else if (entry.isSymbolicLink()) {
        await this.ensureDir(rel);
        await symlink(await readlink(from), to);
      } else if (entry.isFile()) {
        await this.ensureDir(rel);
        await copyFile(from, to);
        await chmod(to, 0o644);
      }
    }
  }
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  const s = await lstat(path);
  if (!s.isDirectory()) return;
  for (const name of await readdir(path)) await chownTree(join(path, name), uid, gid);
}

/** Makes one of a scenario's special files in the upper layer (root-owned; a regular file 0644). */
async function makeSpecialFile(b: UpperBuilder, f: SpecialFileSpec): Promise<void> {
  const paths = f.kind === 'copies' ? Array.from({ length: f.count }, (_, i) => f.path.replaceAll('%d', String(i))) : [f.path];
  await b.ensureDir(dirname(paths[0]!));
  for (const rel of paths) {
    const target = join(b.upper, rel);
    switch (f.kind) {
      case 'fifo':
        await execFileAsync('mkfifo', ['-m', '0644', target]);
        break;
      case 'symlink':
        await symlink(f.target, target);
        break;
      case 'sparse':
        // Size without data: a file of NUL bytes and no newline that costs no disk.
        await writeFile(target, '');
        await truncate(target, f.bytes);
        break;
      case 'file':
      case 'copies':
        await writeFile(target, f.content.repeat(f.repeat ?? 1), { mode: 0o644 });
        break;
    }
  }
}

/** Recreates the host's upper and work directories from the fixtures; the container must not be running. */
export async function prepareUpper(input: UpperInput): Promise<void> {
  const { host, paths } = input;
  await rm(paths.upper, { recursive: true, force: true });
  await rm(paths.work, { recursive: true, force: true });
  for (const dir of [paths.upper, paths.work, paths.merged]) await mkdir(dir, { recursive: true, mode: 0o755 });
  const b = new UpperBuilder(paths.upper, input.lowers);

  if (existsSync(input.scenarioDir)) await b.copyTree(input.scenarioDir);
  for (const f of host.specialFiles) await makeSpecialFile(b, f);

  if (host.accounts.length > 0) {
    const files = withAccounts(
      { passwd: await b.lowerText('etc/passwd'), group: await b.lowerText('etc/group'), shadow: await b.lowerText('etc/shadow') },
      host.accounts,
    );
    await b.writeLike('etc/passwd', files.passwd);
    await b.writeLike('etc/group', files.group);
    await b.writeLike('etc/shadow', files.shadow, 0o640);
  }
  for (const a of host.accounts) await b.ensureDir(a.home);

  // The scanner logs in as the inventory's user: its key goes after whatever the scenario left there.
  // A host the inventory marks `ssh.access: none` gets no key, unless its scenario is that it still has one.
  const login = passwdEntry(await b.mergedText('etc/passwd'), host.ssh.user);
  if (!login) throw new LabError(`${host.name}: user ${host.ssh.user} does not exist in the container`);
  if (host.ssh.scannerKey) {
    const keysRel = relative('/', join(login.home, '.ssh/authorized_keys'));
    await b.ensureDir(dirname(keysRel));
    await appendFile(join(paths.upper, keysRel), `${input.scannerPublicKey.trim()}\n`);
  }

  // sshd's StrictModes wants each user's ~/.ssh owned by them and closed to others.
  const owners = [{ home: '/root', uid: 0, gid: 0 }, ...host.accounts];
  for (const owner of owners) {
    const home = join(paths.upper, owner.home);
    if (!existsSync(home)) continue;
    if (owner.uid !== 0) await chownTree(home, owner.uid, owner.gid);
    const sshDir = join(home, '.ssh');
    if (existsSync(sshDir)) {
      await chmod(sshDir, 0o700);
      for (const name of await readdir(sshDir)) await chmod(join(sshDir, name), 0o600);
    }
  }
  const sudoers = join(paths.upper, 'etc/sudoers.d');
  if (existsSync(sudoers)) {
    for (const name of await readdir(sudoers)) await chmod(join(sudoers, name), 0o440);
  }

  await b.writeLike('etc/ssh/ssh_host_ed25519_key', await readFile(paths.hostKey, 'utf8'), 0o600);
  await chmod(join(paths.upper, 'etc/ssh/ssh_host_ed25519_key'), 0o600);
  await b.writeLike('etc/ssh/ssh_host_ed25519_key.pub', await readFile(`${paths.hostKey}.pub`, 'utf8'));
  await b.writeLike('etc/ssh/sshd_lab.conf', renderSshdConfig({ name: host.name, address: host.ssh.address, port: host.ssh.port }));
  await b.writeLike('etc/hostname', `${host.name}\n`);
  // A scenario's own etc/hosts adds its names (a name that resolves only on this host) after the host's own.
  const scenarioHosts = join(input.scenarioDir, 'etc/hosts');
  const extraHosts = existsSync(scenarioHosts) ? await readFile(scenarioHosts, 'utf8') : '';
  await b.writeLike('etc/hosts', renderEtcHosts({ name: host.name, address: host.ssh.address }) + extraHosts);
  // sshd's privilege separation directory; /run is not a tmpfs in the lab.
  await b.ensureDir('run/sshd');
}
