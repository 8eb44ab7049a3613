import { describe, expect, it } from 'vitest';
import type { BackupSchedulesFact, ScheduledCommand, TimerInfo } from '../../../../src/facts/backup-schedules.js';
import type { NameResolutionFact } from '../../../../src/facts/name-resolution.js';
import { backupSchedules, timerState } from '../../../../src/checks/backup/schedules.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { testContext, testProvider } from '../../support/hosts.js';

function context(agents: string[] = []): CheckContext {
  const provider = testProvider();
  provider.backup = { hosts: ['backup01.provider.example'], cidrs: ['10.250.0.0/16', 'fd00:250::/32'], domains: ['backup.provider.example'], agents };
  return testContext({ provider });
}

const noSchedules: BackupSchedulesFact = { commands: [], timers: [], unreadable: [], truncated: [], programs: [], notFollowed: [] };
const schedules = (commands: ScheduledCommand[], extra: Partial<BackupSchedulesFact> = {}, resolution: NameResolutionFact = { names: [], notAsked: [] }) => ({
  'ssh.backup-schedules': { ...noSchedules, commands, ...extra },
  'ssh.name-resolution': resolution,
});

// A per-user timer under /etc/systemd/user: every account's systemd --user instance runs it.
const everyUser: TimerInfo = {
  id: 'offsite.timer (every user)', timer: 'offsite.timer', path: '/etc/systemd/user/offsite.timer', service: 'offsite.service',
  servicePath: '/etc/systemd/user/offsite.service', template: false, enabled: true,
  enabledBy: '/etc/systemd/user/timers.target.wants/offsite.timer', scope: 'every-user',
};

describe('timerState', () => {
  it('says a timer under /etc/systemd/user runs for every account', () => {
    expect(timerState(everyUser)).toBe(', per-user timer of every account');
  });

  it('says so when a per-user timer does not say whose it is', () => {
    expect(timerState({ ...everyUser, id: 'offsite.timer (user ?)', scope: 'user', lingering: false })).toBe(', per-user timer of ? (runs while the account is logged in)');
  });
});

describe('backup.schedules', () => {
  it('passes with nothing scheduled, saying how many commands and timers it read', () => {
    const out = backupSchedules.evaluate(
      schedules([{ source: '/etc/crontab:12', when: '17 * * * *', user: 'root', environment: [], command: 'cd / && run-parts --report /etc/cron.hourly' }], {
        timers: [{ ...everyUser, id: 'fstrim.timer', timer: 'fstrim.timer', path: '/lib/systemd/system/fstrim.timer', service: 'fstrim.service', scope: 'system' }],
      }),
      context(),
    );
    expect(out).toEqual({
      status: 'pass',
      message: 'no backup schedule found (1 scheduled command(s) in crontabs, timers and the scripts they run, 1 timer(s))',
      evidence: [],
    });
  });

  it('names a job of a timer every account runs as run by every user, and one without a user or timer as "?"', () => {
    const out = backupSchedules.evaluate(
      schedules(
        [
          {
            source: 'offsite.timer (every user) → /etc/systemd/user/offsite.service:6', when: 'OnCalendar=daily', environment: [],
            command: 'rsync -a %h/ nas.customer.example:/home-copies/', timer: 'offsite.timer (every user)',
          },
          { source: '/etc/anacrontab:9', when: '@weekly', environment: [], command: 'rsync -a /srv/ nas.customer.example:/srv-copy/' },
        ],
        { timers: [everyUser] },
      ),
      context(),
    );
    expect(out).toEqual({
      status: 'warn',
      message: '2 backup schedule trace(s) not attributable to the provider; review',
      evidence: [
        {
          source: 'offsite.timer (every user) → /etc/systemd/user/offsite.service:6',
          detail: 'OnCalendar=daily as every user rsync to a remote destination, per-user timer of every account: rsync -a %h/ nas.customer.example:/home-copies/',
        },
        { source: '/etc/anacrontab:9', detail: '@weekly as ? rsync to a remote destination: rsync -a /srv/ nas.customer.example:/srv-copy/' },
      ],
    });
  });

  it('fails a job of a declared provider agent, naming the agent, whatever it writes to', () => {
    const out = backupSchedules.evaluate(
      schedules([{ source: '/etc/cron.d/veeam:2', when: '30 2 * * *', user: 'root', environment: [], command: '/usr/bin/veeamconfig job start --name nightly' }]),
      context(['veeam-agent']),
    );
    expect(out).toEqual({
      status: 'fail',
      message: '1 backup schedule trace(s) point at the provider',
      evidence: [{ source: '/etc/cron.d/veeam:2', detail: '30 2 * * * as root runs Veeam Agent for Linux → declared provider agent veeam-agent: /usr/bin/veeamconfig job start --name nightly' }],
    });
    // Without the declaration it is a customer's job, shown for review.
    expect(backupSchedules.evaluate(schedules([{ source: '/etc/cron.d/veeam:2', when: '30 2 * * *', user: 'root', environment: [], command: 'veeamconfig job start --name nightly' }]), context()).status).toBe('warn');
  });

  it('names a declared agent after every other reference the job makes', () => {
    const out = backupSchedules.evaluate(
      schedules([{
        source: '/etc/cron.d/pbs:4', when: '0 1 * * *', user: 'root', environment: [{ origin: '/etc/cron.d/pbs:2', text: 'PBS_REPOSITORY=root@pam@10.250.2.2:store1' }],
        command: 'proxmox-backup-client backup root.pxar:/',
      }]),
      context(['proxmox-backup-client']),
    );
    expect(out.evidence).toEqual([{
      source: '/etc/cron.d/pbs:4',
      detail: '0 1 * * * as root runs Proxmox Backup client → 10.250.2.2 in a provider backup network, declared provider agent proxmox-backup-client: proxmox-backup-client backup root.pxar:/',
    }]);
  });

  // A script's assignments, one a line: `BACKUP_HOST=backup01.provider.example` then `BACKUP_USER=s13`.
  // Read as one text without a line between them, the host name would run into the next word.
  it('reads each assignment of the environment on its own, so a host name at the end of one still counts', () => {
    const out = backupSchedules.evaluate(
      schedules([{
        source: '/etc/cron.d/nightly:4 → /opt/bk/run:9', when: '0 3 * * *', user: 'root', command: 'rsync -a /srv/ "$BACKUP_USER@$BACKUP_HOST:/b/"',
        environment: [{ origin: '/opt/bk/run:3', text: 'BACKUP_HOST=backup01.provider.example' }, { origin: '/opt/bk/run:4', text: 'BACKUP_USER=s13' }],
      }]),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]!.detail).toBe(
      '0 3 * * * as root rsync to a remote destination → provider backup host backup01.provider.example: rsync -a /srv/ "$BACKUP_USER@$BACKUP_HOST:/b/"',
    );
  });
});
