import { describe, expect, it } from 'vitest';
import { type BackupCatalogue, type BackupProduct, backupCatalogue } from '../../../../src/catalogue/backup-catalogue.js';
import { backupAgents, backupAgentsCheck, uncommented } from '../../../../src/checks/backup/agents.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import type { BackupSchedulesFact } from '../../../../src/facts/backup-schedules.js';
import type { BackupSoftwareFact } from '../../../../src/facts/backup-software.js';
import { testContext, testProvider } from '../../support/hosts.js';

function context(agents: string[] = []): CheckContext {
  const provider = testProvider();
  provider.backup = { hosts: ['backup01.provider.example'], cidrs: ['10.250.0.0/16', 'fd00:250::/32'], domains: ['backup.provider.example'], agents };
  return testContext({ provider });
}

const noSoftware: BackupSoftwareFact = { packages: [], binaries: [], units: [], processes: [], executables: [], configs: [], problems: [] };
const noSchedules: BackupSchedulesFact = { commands: [], timers: [], unreadable: [], truncated: [], programs: [], notFollowed: [] };
const facts = (f: Partial<BackupSoftwareFact>) => ({ 'ssh.backup-software': { ...noSoftware, ...f }, 'ssh.backup-schedules': noSchedules });
const evaluate = (f: Partial<BackupSoftwareFact>, agents: string[] = []) => backupAgents.evaluate(facts(f), context(agents));
const read = (path: string, lines: string[], truncated = false) => ({ path, state: 'read' as const, truncated, lines });

describe('uncommented', () => {
  it.each([
    ['# Director { Name = old-dir }', ''],
    ['  ; Address = 10.250.3.4', ''],
    ['// server backup01.provider.example', ''],
    ['  Name = nas-dir # was backup01.provider.example-dir', '  Name = nas-dir '],
    ['Address = nas.customer.example#1', 'Address = nas.customer.example#1'],
    ['  Name = nas-dir #was backup01.provider.example-dir', '  Name = nas-dir '],
    // A `#` inside quotes is part of the value; the comment after the closing quote is not.
    ['  Password = "pa ss #1" # rotated 2026-11', '  Password = "pa ss #1" '],
    ["encryption_passphrase: 'it #2'  # borgmatic", "encryption_passphrase: 'it #2'  "],
    [`Description = "Bob's #3 box" # x`, `Description = "Bob's #3 box" `],
    [`Description = 'say "hi #4"' # y`, `Description = 'say "hi #4"' `],
  ])('%s', (line, code) => {
    expect(uncommented(line)).toBe(code);
  });
});

describe('backup.agents evidence', () => {
  it('is the backup.agents check of the backup promise, over software and the programs jobs run', () => {
    const check = backupAgentsCheck(backupCatalogue);
    expect([check.id, check.promise, check.needs]).toEqual(['backup.agents', 'backup', ['ssh.backup-software', 'ssh.backup-schedules']]);
    expect(check.title).toBe('No provider backup software (packages, programs, units, processes, configuration)');
  });

  it('passes when nothing is found, saying how many products it looked for', () => {
    const shipped = backupCatalogue();
    const two: BackupCatalogue = { ...shipped, software: shipped.software.filter((p) => p.id === 'restic' || p.id === 'burp') };
    expect(backupAgentsCheck(() => two).evaluate(facts({}), context())).toEqual({
      status: 'pass',
      message: 'no backup software found (2 catalogued products: packages, programs, units, processes, configuration)',
      evidence: [],
    });
  });

  it('describes each trace: package, program, unit, process', () => {
    const out = evaluate({
      packages: [{ manager: 'dpkg', name: 'borgbackup', version: '1.2.4-1', status: 'ii ' }],
      binaries: ['/usr/bin/borg'],
      units: [
        { path: '/lib/systemd/system/borgmatic.timer', name: 'borgmatic.timer', enabled: true },
        { path: '/etc/systemd/system/borgmatic.timer', name: 'borgmatic.timer', enabled: true },
        { path: '/lib/systemd/system/borgmatic.service', name: 'borgmatic.service', enabled: false },
      ],
      processes: [
        { pid: 4242, name: 'borgmatic', args: '/usr/bin/python3 /usr/bin/borgmatic --verbosity -1' },
        { pid: 4250, name: 'borg', args: '' },
      ],
    });
    expect(out).toEqual({
      status: 'warn',
      message: '6 backup software trace(s) not attributable to the provider; review',
      evidence: [
        { source: 'package borgbackup', detail: 'BorgBackup 1.2.4-1 installed (dpkg, status ii)' },
        { source: '/usr/bin/borg', detail: 'BorgBackup program on disk' },
        { source: 'unit borgmatic.timer', detail: 'BorgBackup unit enabled (/lib/systemd/system/borgmatic.timer)' },
        { source: 'unit borgmatic.service', detail: 'BorgBackup unit installed, not enabled (/lib/systemd/system/borgmatic.service)' },
        { source: 'process 4242 (borgmatic)', detail: 'BorgBackup running: /usr/bin/python3 /usr/bin/borgmatic --verbosity -1' },
        { source: 'process 4250 (borg)', detail: 'BorgBackup running: borg' },
      ],
    });
  });

  it('matches a catalogued path by the path, and a running executable by any of the product\'s program names', () => {
    const out = evaluate({
      binaries: ['/usr/lib/Acronis/BackupAndRecovery/mms', '/usr/local/bin/mms'],
      executables: [{ pid: 812, path: '/opt/borg/borgmatic' }],
    });
    expect(out.evidence).toEqual([
      { source: 'process 812 (/opt/borg/borgmatic)', detail: 'BorgBackup program running from /opt/borg/borgmatic' },
      { source: '/usr/lib/Acronis/BackupAndRecovery/mms', detail: 'Acronis Cyber Protect agent program on disk' },
    ]);
  });

  it('lets a catalogue `*` stand for one path part only', () => {
    const product: BackupProduct = { id: 'restic', name: 'restic', packages: [], binaries: [], units: [], processes: [], configs: ['/etc/restic/*'] };
    const check = backupAgentsCheck(() => ({ version: 1, binaryDirs: ['/usr/bin'], software: [product] }));
    const out = check.evaluate(facts({ configs: [read('/etc/restic/env', ['RESTIC_REPOSITORY=/srv/restic']), read('/etc/restic/old/env', ['RESTIC_REPOSITORY=/srv/old'])] }), context());
    expect(out.evidence).toEqual([{ source: '/etc/restic/env', detail: 'restic configuration present' }]);
  });

  it('quotes every provider reference of a configuration line, and lists no "configuration present" for it', () => {
    const out = evaluate({
      configs: [read('/etc/borgmatic/config.yaml', ["repositories: ['ssh://borg@backup01.provider.example/./a', 'ssh://borg@10.250.0.9/./b']", 'keep_daily: 7'])],
    });
    expect(out).toEqual({
      status: 'fail',
      message: '1 backup software trace(s) point at the provider',
      evidence: [{
        source: '/etc/borgmatic/config.yaml:1',
        detail: "BorgBackup configured for the provider (provider backup host backup01.provider.example, 10.250.0.9 in a provider backup network): repositories: ['ssh://borg@backup01.provider.example/./a', 'ssh://borg@10.250.0.9/./b']",
      }],
    });
  });

  it('names a declared provider agent first, even when only its configuration is on the host', () => {
    const out = evaluate({ configs: [read('/etc/burp/burp.conf', ['server = 10.250.0.9', 'port = 4971'])] }, ['burp']);
    expect(out.evidence).toEqual([
      { source: 'inventory provider.backup.agents', detail: 'Burp client is a declared provider backup agent (burp)' },
      { source: '/etc/burp/burp.conf:1', detail: 'Burp client configured for the provider (10.250.0.9 in a provider backup network): server = 10.250.0.9' },
    ]);
  });

  it('does not fail a host for a declared agent that left no trace on it', () => {
    expect(evaluate({ configs: [read('/etc/burp/burp.conf', ['server = nas.customer.example'])] }, ['veeam-agent'])).toEqual({
      status: 'warn',
      message: '1 backup software trace(s) not attributable to the provider; review',
      evidence: [{ source: '/etc/burp/burp.conf', detail: 'Burp client configuration present' }],
    });
  });

  it('is an error for configuration it cannot read whole, and for collecting commands that failed', () => {
    const out = evaluate({
      configs: [
        { path: '/etc/restic/env', state: 'unreadable', lines: [], truncated: false },
        read('/etc/bacula/bacula-fd.conf', ['Director {', '  Name = nas-dir'], true),
      ],
      problems: ['dpkg-query is missing but /var/lib/dpkg/status exists'],
    });
    expect(out).toEqual({
      status: 'error',
      message: 'could not examine 3 part(s) of the host for backup software',
      evidence: [
        { source: 'collecting command', detail: 'dpkg-query is missing but /var/lib/dpkg/status exists' },
        { source: '/etc/bacula/bacula-fd.conf', detail: 'Bacula file daemon configuration too large: only the first part was read' },
        { source: '/etc/restic/env', detail: 'restic configuration cannot be read' },
        { source: '/etc/bacula/bacula-fd.conf', detail: 'Bacula file daemon configuration present' },
      ],
    });
  });
});
