import { describe, expect, it } from 'vitest';
import { expandSpecifiers, unescapeUnitName, unitInstance, unitTemplate } from '../../../../../src/collect/ssh/backup/unit-specifiers.js';

describe('unit names', () => {
  it('tells an instance, a template and a plain unit apart', () => {
    expect(unitInstance('borg@daily.service')).toBe('daily');
    expect(unitInstance('borg@.service')).toBe('');
    expect(unitInstance('borg.service')).toBeUndefined();
    expect(unitTemplate('borg@daily.timer')).toBe('borg@.timer');
    expect(unitTemplate('borg@.timer')).toBeUndefined();
    expect(unitTemplate('restic-backup.timer')).toBeUndefined();
  });

  it('takes no instance from a name with no type after the `@`', () => {
    expect(unitInstance('db.dump@daily')).toBeUndefined();
  });

  it('unescapes as systemd-escape --unescape does', () => {
    expect(unescapeUnitName('srv-data\\x2dold')).toBe('srv/data-old');
  });
});

describe('expandSpecifiers', () => {
  const daily = { unit: 'borg@daily.service' };

  it('expands the instance, the names and the prefix', () => {
    expect(expandSpecifiers('/etc/borg/%i.env', daily)).toBe('/etc/borg/daily.env');
    expect(expandSpecifiers('%n %N %p %j', { unit: 'backup-db@srv-pg.service' })).toBe('backup-db@srv-pg.service backup-db@srv-pg backup-db db');
    expect(expandSpecifiers('--path %I %f', { unit: 'snap@srv-pg.service' })).toBe('--path srv/pg /srv/pg');
  });

  it('expands the names of a unit that is no instance: empty instance, the whole name for prefix and file', () => {
    expect(expandSpecifiers('[%i][%I] %p %P %j %f', { unit: 'restic-backup.service' })).toBe('[][] restic-backup restic/backup backup /restic/backup');
  });

  it('makes %f of an instance escaped without --path one absolute path', () => {
    // `systemd-escape /srv/pg` prints -srv-pg (with --path: srv-pg); both name /srv/pg.
    expect(expandSpecifiers('%f', { unit: 'snap@-srv-pg.service' })).toBe('/srv/pg');
    expect(expandSpecifiers('%f', { unit: 'snap@srv-pg.service' })).toBe('/srv/pg');
  });

  it('gives root and /root to system units and the account to per-user ones', () => {
    expect(expandSpecifiers('%u %h', daily)).toBe('root /root');
    expect(expandSpecifiers('%h/.config/restic/pw for %u', { unit: 'backup.service', user: 'alice', home: '/home/alice' })).toBe('/home/alice/.config/restic/pw for alice');
  });

  it('keeps %% as one % and leaves specifiers it cannot know as written', () => {
    expect(expandSpecifiers('100%% on %H in %t', daily)).toBe('100% on %H in %t');
    expect(expandSpecifiers('no specifier', daily)).toBe('no specifier');
  });
});
