import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LabHost, planFleet } from '../../../../lab/fleet/plan-fleet.js';
import { prepareUpper } from '../../../../lab/host/upper-tree.js';
import { REPO, fleetFile, secretsFile } from '../lab-fixtures.js';

/** Prepares the upper layer of one committed lab host over a minimal stand-in for the base root filesystem. */
function planned(name: string): LabHost {
  const result = planFleet(fleetFile(), secretsFile());
  if ('errors' in result) throw new Error(result.errors.join('\n'));
  return result.fleet.hosts.find((h) => h.name === name)!;
}

async function upperOf(name: string, change: (host: LabHost) => void = () => {}): Promise<string> {
  const host = planned(name);
  change(host);
  const dir = mkdtempSync(join(tmpdir(), 'fc-upper-'));
  const lower = join(dir, 'lower');
  mkdirSync(join(lower, 'etc'), { recursive: true });
  writeFileSync(join(lower, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  writeFileSync(join(lower, 'etc/group'), 'root:x:0:\n');
  writeFileSync(join(lower, 'etc/shadow'), 'root:*:1::::::\n');
  writeFileSync(join(dir, 'key'), 'host key\n');
  writeFileSync(join(dir, 'key.pub'), 'ssh-ed25519 AAAA host\n');
  const paths = { dir, upper: join(dir, 'upper'), work: join(dir, 'work'), merged: join(dir, 'merged'), hostKey: join(dir, 'key'), pidFile: join(dir, 'pid'), log: join(dir, 'log') };
  await prepareUpper({ host, paths, lowers: [lower], scenarioDir: join(REPO, 'fixtures/lab/scenarios', host.scenario), scannerPublicKey: 'ssh-ed25519 AAAA scanner' });
  return paths.upper;
}

describe('special files of the hostile scenarios', () => {
  it('makes the FIFOs, the link to /dev/zero and the 2 GB sparse crontab of h12-02', async () => {
    const upper = await upperOf('h12-02');
    expect(lstatSync(join(upper, 'etc/cron.d/pipe')).isFIFO()).toBe(true);
    expect(lstatSync(join(upper, 'root/.bash_history')).isFIFO()).toBe(true);
    expect(readlinkSync(join(upper, 'etc/cron.d/zero'))).toBe('/dev/zero');
    const huge = statSync(join(upper, 'etc/cron.d/huge'));
    expect(huge.size).toBe(2 * 1024 ** 3);
    expect(huge.blocks).toBeLessThan(16);
  });

  it('keeps a newline in the names of h12-01', async () => {
    const names = await upperOf('h12-01');
    expect(readdirSync(join(names, 'etc/cron.d'))).toEqual(['tidy\n0 3 * * * root rsync -a srv backup01.provider.example:srv']);
    expect(readdirSync(join(names, 'var/lib/cloud/instances'))).toEqual(['i-1\nchpasswd: { list: "root:Forged-h1201-Pw" }']);
  });

  it('makes the jobs of h12-04, each copy numbered (fewer here, to keep the suite fast)', async () => {
    expect(planned('h12-04').specialFiles).toEqual([{ kind: 'copies', path: 'etc/cron.d/job-%d', count: 60_000, content: '# an empty job\n' }]);
    const slow = await upperOf('h12-04', (h) => {
      h.specialFiles = h.specialFiles.map((f) => (f.kind === 'copies' ? { ...f, count: 50 } : f));
    });
    const jobs = readdirSync(join(slow, 'etc/cron.d'));
    expect(jobs).toHaveLength(50);
    expect(readFileSync(join(slow, 'etc/cron.d/job-49'), 'utf8')).toBe('# an empty job\n');
  });

  it('copies the sudoers file whose name holds a space, closed like sudo wants it', async () => {
    const upper = await upperOf('h12-03');
    expect(statSync(join(upper, 'etc/sudoers.d/90 provops')).mode & 0o777).toBe(0o440);
    expect(readFileSync(join(upper, 'etc/sudoers.d/90 provops'), 'utf8')).toBe('provops ALL=(ALL) NOPASSWD: ALL\n');
  });
});
