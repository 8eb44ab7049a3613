// Lab rack P15: the provider's own systems (backup01 with real Bacula, restic, borg and rsnapshot
// copies of p15-01..04, a clean backup02, staff01 whose root history holds p15-05's stored password,
// billing01) judged for every rented host, read once per run (fixtures/lab/fleet.yaml, rack P15).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { reportSchemaErrors } from './support/report-schema.js';
import { fleetcheck, REPO } from './support/run-cli.js';

const CHECKS = ['backup.provider-copies', 'residue.provider-systems-secrets'];
const SYSTEMS = ['backup01', 'backup02', 'staff01', 'billing01'];

const EXPECTED: Record<string, Record<string, string>> = {
  'p15-01': { 'backup.provider-copies': 'fail', 'residue.provider-systems-secrets': 'pass' },
  'p15-02': { 'backup.provider-copies': 'fail', 'residue.provider-systems-secrets': 'pass' },
  'p15-03': { 'backup.provider-copies': 'fail', 'residue.provider-systems-secrets': 'pass' },
  'p15-04': { 'backup.provider-copies': 'fail', 'residue.provider-systems-secrets': 'pass' },
  'p15-05': { 'backup.provider-copies': 'pass', 'residue.provider-systems-secrets': 'fail' },
  'p15-06': { 'backup.provider-copies': 'pass', 'residue.provider-systems-secrets': 'pass' },
};

/** Logins sshd accepted on a lab host so far (its `-e` log). */
const acceptedLogins = (host: string): number => readFileSync(join(REPO, '.lab/hosts', host, 'log'), 'utf8').split('\n').filter((l) => l.startsWith('Accepted publickey')).length;

const finding = (report: Report, host: string, check: string) => report.hosts.find((h) => h.name === host)!.checks.find((c) => c.id === check)!;

describe('provider systems over lab rack P15', () => {
  let report: Report;
  let before: Record<string, number>;
  let after: Record<string, number>;

  beforeAll(async () => {
    before = Object.fromEntries(SYSTEMS.map((s) => [s, acceptedLogins(s)]));
    const run = await fleetcheck(['--inventory', 'inventory/lab.yaml', '--rack', 'P15', ...CHECKS.flatMap((c) => ['--check', c]), '--format', 'json'], { timeoutMs: 240_000 });
    after = Object.fromEntries(SYSTEMS.map((s) => [s, acceptedLogins(s)]));
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    report = JSON.parse(run.stdout) as Report;
  }, 300_000);

  it('writes a schema-valid report listing each provider system and what was read on it', () => {
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.providerSystems?.map((s) => [s.name, s.role, s.examined, s.reached])).toEqual([
      ['backup01', 'backup', true, true],
      ['backup02', 'backup', true, true],
      ['staff01', 'staff', true, true],
      ['billing01', 'billing', true, true],
    ]);
    const backup01 = report.providerSystems!.find((s) => s.name === 'backup01')!;
    expect(backup01.sources.filter((s) => s.state === 'failed')).toEqual([]);
    expect(backup01.sources.filter((s) => s.state === 'read').map((s) => s.source)).toEqual(
      expect.arrayContaining(['restic /srv/restic/main', 'borg /srv/borg/main', 'bacula catalog /var/lib/bacula/bacula.db', 'rsnapshot /etc/rsnapshot.conf', 'rsync trees /srv/rsync']),
    );
    expect(report.providerSystems!.find((s) => s.name === 'staff01')!.files).toBeGreaterThan(0);
  });

  it('reads each provider system once for the six hosts: one login in its sshd log', () => {
    for (const system of SYSTEMS) expect(after[system]! - before[system]!, system).toBe(1);
  });

  it.each(Object.entries(EXPECTED))('%s gets its expected statuses', (host, expected) => {
    const got = Object.fromEntries(CHECKS.map((c) => [c, finding(report, host, c).status]));
    expect(got).toEqual(expected);
  });

  it('names the system, the place and the date of each copy', () => {
    const p1501 = finding(report, 'p15-01', 'backup.provider-copies').evidence;
    expect(p1501).toEqual(
      expect.arrayContaining([
        // The Job column is Bacula's unique job name: the job's name, its start and a counter.
        { source: expect.stringMatching(/^backup01: catalog \/var\/lib\/bacula\/bacula\.db JobId 1 \(p15-01\.\d{4}-\d\d-\d\d_[\d.]+_\d+\)$/), detail: expect.stringMatching(/^bacula-job \(kept copy, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\) names p15-01: client p15-01-fd, type B/) },
        { source: expect.stringMatching(/^backup01: \/etc\/bacula\/bacula-dir\.conf:\d+ Client p15-01-fd$/), detail: expect.stringContaining('configured to make copies') },
      ]),
    );
    expect(finding(report, 'p15-02', 'backup.provider-copies').evidence[0]).toEqual({
      source: expect.stringMatching(/^backup01: \/srv\/restic\/main snapshot [0-9a-f]{8}$/),
      detail: expect.stringMatching(/^restic-snapshot \(kept copy, \d{4}-\d\d-\d\dT[^)]+\) names p15-02: host p15-02, paths \/srv\/data$/),
    });
    expect(finding(report, 'p15-03', 'backup.provider-copies').evidence[0]).toEqual({
      source: expect.stringMatching(/^backup01: \/srv\/borg\/main::p15-03-\S+$/),
      detail: expect.stringMatching(/^borg-archive \(kept copy, \d{4}-\d\d-\d\dT[^)]+\) names p15-03/),
    });
    const p1504 = finding(report, 'p15-04', 'backup.provider-copies').evidence.map((e) => e.source);
    expect(p1504).toEqual(expect.arrayContaining(['backup01: /srv/rsnapshot/alpha.0/p15-04', expect.stringMatching(/^backup01: \/etc\/rsnapshot\.conf:\d+$/)]));
    // Nothing on the clean backup02 names any host.
    for (const host of Object.keys(EXPECTED)) expect(finding(report, host, 'backup.provider-copies').evidence.some((e) => e.source.startsWith('backup02'))).toBe(false);
  });

  it("names staff01's history line holding p15-05's stored password, masked", () => {
    const f = finding(report, 'p15-05', 'residue.provider-systems-secrets');
    expect(f.evidence).toEqual([{ source: expect.stringMatching(/^staff01:\/root\/\.bash_history:\d+$/), detail: 'the stored OS password of root (value masked)' }]);
    expect(JSON.stringify(report)).not.toContain('Init-Root-p1505-Hs3q');
  });
});

describe('provider systems that cannot be read in full', () => {
  let report: Report;

  beforeAll(async () => {
    const run = await fleetcheck(['--inventory', 'fixtures/lab-extra/provider-systems-faults.yaml', '--check', 'backup.provider-copies', '--format', 'json'], { timeoutMs: 240_000 });
    expect(run.exitCode).toBe(1);
    report = JSON.parse(run.stdout) as Report;
  }, 300_000);

  it('a clean host is error, naming the missing repository password and the unreachable system', () => {
    const f = finding(report, 'p15-06', 'backup.provider-copies');
    expect(f.status).toBe('error');
    expect(f.evidence).toEqual(
      expect.arrayContaining([
        { source: 'backup01: restic /srv/restic/main', detail: 'could not be read: repository password backup01/restic-none is not in the secret store' },
        { source: 'backup09', detail: expect.stringMatching(/^could not be read: SSH: /) },
      ]),
    );
  });

  it('a host with a copy on a system that was read still fails', () => {
    expect(finding(report, 'p15-03', 'backup.provider-copies').status).toBe('fail');
  });

  it('the report says what could not be read', () => {
    expect(reportSchemaErrors(report)).toEqual([]);
    const systems = Object.fromEntries(report.providerSystems!.map((s) => [s.name, s]));
    expect(systems['backup09']).toMatchObject({ examined: true, reached: false });
    expect(systems['backup01']!.sources.find((s) => s.source === 'restic /srv/restic/main')).toMatchObject({ state: 'failed' });
  });
});
