import { describe, expect, it } from 'vitest';
import type { DumpedFile } from '../../../../../src/facts/dumped-file.js';
import { timerCommands, timerFromRecord, withoutInstantiatedTemplates } from '../../../../../src/collect/ssh/backup/timer-commands.js';

const file = (path: string, text: string, truncated = false): DumpedFile => ({ path, state: 'read', lines: text.split('\n'), truncated });
const units = (files: DumpedFile[], unreadable: string[] = []) => ({ files: new Map(files.map((f) => [f.path, f])), unreadable: new Set(unreadable) });

describe('timerFromRecord', () => {
  it('reads a system instance, a per-user timer and a timer of every account; names are escaped fields', () => {
    expect(timerFromRecord('1 pg@main.service /lib/systemd/system/pg@.timer /lib/systemd/system/pg@.service pg@main.timer system  - /etc/systemd/system/timers.target.wants/pg@main.timer')).toEqual({
      id: 'pg@main.timer', timer: 'pg@main.timer', path: '/lib/systemd/system/pg@.timer', service: 'pg@main.service', servicePath: '/lib/systemd/system/pg@.service',
      instance: 'main', template: false, enabled: true, enabledBy: '/etc/systemd/system/timers.target.wants/pg@main.timer', scope: 'system',
    });
    expect(timerFromRecord('0 b.service /home/j\\040doe/.config/systemd/user/b.timer /home/j\\040doe/.config/systemd/user/b.service b.timer user jdoe 0 ')).toMatchObject({
      id: 'b.timer (user jdoe)', path: '/home/j doe/.config/systemd/user/b.timer', enabled: false, scope: 'user', account: 'jdoe', lingering: false,
    });
    expect(timerFromRecord('1 s.service /etc/systemd/user/s.timer /etc/systemd/user/s.service s.timer every-user  - /etc/systemd/user/timers.target.wants/s.timer'))
      .toMatchObject({ id: 's.timer (every user)', scope: 'every-user' });
    expect(timerFromRecord('1')).toBeUndefined();
  });

  it('keeps a template only when no instance of it is listed in the same scope', () => {
    const template = timerFromRecord('0 pg@.service /lib/systemd/system/pg@.timer /lib/systemd/system/pg@.service pg@.timer system  - ')!;
    const instance = timerFromRecord('1 pg@main.service /lib/systemd/system/pg@.timer /lib/systemd/system/pg@.service pg@main.timer system  - /etc/x')!;
    const other = timerFromRecord('0 db@.service /lib/systemd/system/db@.timer /lib/systemd/system/db@.service db@.timer system  - ')!;
    expect(template.template).toBe(true);
    expect(withoutInstantiatedTemplates([template, instance, other]).map((t) => t.id)).toEqual(['pg@main.timer', 'db@.timer']);
  });
});

describe('timerCommands', () => {
  const timer = timerFromRecord('1 pg@main.service /lib/systemd/system/pg@.timer /lib/systemd/system/pg@.service pg@main.timer system  - /etc/systemd/system/timers.target.wants/pg@main.timer')!;
  const timerFile = file('/lib/systemd/system/pg@.timer', '[Timer]\nOnCalendar=*-*-* 04:00\nUnit=pg@%i.service');
  const service = file('/lib/systemd/system/pg@.service', [
    '[Service]', 'User=postgres', 'Environment=CLUSTER=%i', 'EnvironmentFile=-/etc/pg/%i.env', 'ExecStart=/usr/bin/pg_dump -Fc %I -f /var/backups/%n.dump',
  ].join('\n'));

  it("expands the instance in the service's and its drop-ins' settings, and reads the EnvironmentFile=", () => {
    const dropIn = file('/etc/systemd/system/pg@.service.d/10-off.conf', '[Service]\nExecStartPost=/usr/local/bin/ship %i');
    const env = file('/etc/pg/main.env', '# settings\nPGHOST=db1\n');
    const out = timerCommands(timer, units([timerFile, service, dropIn, env]));
    expect(out.commands.map((c) => [c.source, c.command, c.user])).toEqual([
      ['pg@main.timer → /lib/systemd/system/pg@.service:5', '/usr/bin/pg_dump -Fc main -f /var/backups/pg@main.service.dump', 'postgres'],
      ['pg@main.timer → /etc/systemd/system/pg@.service.d/10-off.conf:2', '/usr/local/bin/ship main', 'postgres'],
    ]);
    expect(out.commands[0]!.environment).toEqual([
      { origin: '/lib/systemd/system/pg@.service:3', text: 'Environment=CLUSTER=main' },
      { origin: '/lib/systemd/system/pg@.service:4', text: 'EnvironmentFile=-/etc/pg/main.env' },
      { origin: '/etc/pg/main.env:2', text: 'PGHOST=db1' },
    ]);
    expect(out.commands[0]!.when).toBe('OnCalendar=*-*-* 04:00');
    expect(out).toMatchObject({ unreadable: [], truncated: [] });
  });

  it('names an EnvironmentFile= it could not read, or read only in part', () => {
    expect(timerCommands(timer, units([timerFile, service], ['/etc/pg/main.env'])).unreadable).toEqual(['/etc/pg/main.env']);
    expect(timerCommands(timer, units([timerFile, service, file('/etc/pg/main.env', 'A=1', true)])).truncated).toEqual(['/etc/pg/main.env']);
  });

  it('gives a timer of every account no user, and a service that does not exist no command', () => {
    const every = timerFromRecord('1 s.service /etc/systemd/user/s.timer /etc/systemd/user/s.service s.timer every-user  - /x')!;
    const out = timerCommands(every, units([file('/etc/systemd/user/s.service', '[Service]\nExecStart=/usr/bin/restic backup %h')]));
    expect(out.commands[0]).not.toHaveProperty('user');
    const missing = timerFromRecord('1 gone.service /etc/systemd/system/gone.timer  gone.timer system  - /x')!;
    expect(timerCommands(missing, units([])).commands).toEqual([]);
  });
});
