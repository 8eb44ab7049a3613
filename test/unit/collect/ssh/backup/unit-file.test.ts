import { describe, expect, it } from 'vitest';
import type { DumpedFile } from '../../../../../src/facts/dumped-file.js';
import { execCommand, unitSettings } from '../../../../../src/collect/ssh/backup/unit-file.js';

const file = (path: string, lines: string[], truncated = false): DumpedFile => ({ path, state: 'read', lines, truncated });

// /lib/systemd/system/apt-daily.service as Debian's apt ships it (copied from this machine), with the
// licence header systemd's own units start with (/lib/systemd/system/console-getty.service).
const APT_DAILY = [
  '#  SPDX-License-Identifier: LGPL-2.1-or-later',
  '#',
  '#  systemd is free software; you can redistribute it and/or modify it',
  '',
  '[Unit]',
  'Description=Daily apt download activities',
  'Documentation=man:apt(8)',
  'ConditionACPower=true',
  'After=network.target network-online.target systemd-networkd.service NetworkManager.service connman.service',
  '',
  '[Service]',
  'Type=oneshot',
  'ExecStartPre=-/usr/lib/apt/apt-helper wait-online',
  'ExecStart=/usr/lib/apt/apt.systemd.daily update',
  '',
];

describe('unitSettings', () => {
  it('reads every setting with its section and line; blank lines and comments are none', () => {
    expect(unitSettings(file('/lib/systemd/system/apt-daily.service', APT_DAILY))).toEqual([
      { section: 'Unit', key: 'Description', value: 'Daily apt download activities', line: 6 },
      { section: 'Unit', key: 'Documentation', value: 'man:apt(8)', line: 7 },
      { section: 'Unit', key: 'ConditionACPower', value: 'true', line: 8 },
      { section: 'Unit', key: 'After', value: 'network.target network-online.target systemd-networkd.service NetworkManager.service connman.service', line: 9 },
      { section: 'Service', key: 'Type', value: 'oneshot', line: 12 },
      { section: 'Service', key: 'ExecStartPre', value: '-/usr/lib/apt/apt-helper wait-online', line: 13 },
      { section: 'Service', key: 'ExecStart', value: '/usr/lib/apt/apt.systemd.daily update', line: 14 },
    ]);
  });

  it('does not take a commented-out setting (`#` or `;`, indented or not) for one', () => {
    const unit = file('/etc/systemd/system/nightly.service', [
      '[Service]',
      '# ExecStart=/usr/bin/restic backup /old',
      ';ExecStart=/usr/bin/borg create ::old /srv',
      '    # User=backup',
      'ExecStart=/opt/bk/run',
    ]);
    expect(unitSettings(unit)).toEqual([{ section: 'Service', key: 'ExecStart', value: '/opt/bk/run', line: 5 }]);
  });

  it('joins a line ending in `\\` with the next, trimmed, and numbers it by its first line', () => {
    const unit = file('/etc/systemd/system/restic.service', [
      '[Service]',
      'ExecStart=/usr/bin/restic backup\\',
      '    --one-file-system \\',
      '    /srv /etc',
      'ExecStartPost=/usr/bin/restic forget --keep-daily 7',
    ]);
    expect(unitSettings(unit)).toEqual([
      { section: 'Service', key: 'ExecStart', value: '/usr/bin/restic backup --one-file-system  /srv /etc', line: 2 },
      { section: 'Service', key: 'ExecStartPost', value: '/usr/bin/restic forget --keep-daily 7', line: 5 },
    ]);
  });

  it('reads no further than the last line of a file cut by the read limit, its `\\` kept', () => {
    const unit = file('/etc/systemd/system/big.service', ['[Service]', 'ExecStart=/opt/bk/run \\'], true);
    expect(unitSettings(unit)).toEqual([{ section: 'Service', key: 'ExecStart', value: '/opt/bk/run \\', line: 2 }]);
  });

  it('trims blanks around keys, values, headers and `=`', () => {
    const unit = file('/etc/systemd/system/nightly.service.d/override.conf', ['  [Service]  ', 'User = backup', '\tExecStart= /opt/bk/run  ']);
    expect(unitSettings(unit)).toEqual([
      { section: 'Service', key: 'User', value: 'backup', line: 2 },
      { section: 'Service', key: 'ExecStart', value: '/opt/bk/run', line: 3 },
    ]);
  });

  it('takes only a whole `[…]` line for a section header', () => {
    const unit = file('/etc/systemd/system/nightly.service', ['[Unit]', 'Description=Nightly backup [restic]', '[Service]', 'ExecStart=/opt/bk/run']);
    expect(unitSettings(unit)).toEqual([
      { section: 'Unit', key: 'Description', value: 'Nightly backup [restic]', line: 2 },
      { section: 'Service', key: 'ExecStart', value: '/opt/bk/run', line: 4 },
    ]);
  });

  it('leaves out lines with no key before `=`, and puts a setting before any header in no section (systemd ignores both)', () => {
    const unit = file('/etc/systemd/system/nightly.service', ['User=backup', '[Service]', 'ExecStart /opt/bk/old', '=/opt/bk/other', 'ExecStart=/opt/bk/run']);
    expect(unitSettings(unit)).toEqual([
      { section: '', key: 'User', value: 'backup', line: 1 },
      { section: 'Service', key: 'ExecStart', value: '/opt/bk/run', line: 5 },
    ]);
  });
});

describe('execCommand', () => {
  it("strips systemd's prefixes, alone or combined, from the program", () => {
    expect(execCommand('-/usr/lib/apt/apt-helper wait-online')).toBe('/usr/lib/apt/apt-helper wait-online');
    expect(execCommand('!!/usr/bin/restic backup /srv')).toBe('/usr/bin/restic backup /srv');
    expect(execCommand('@-/opt/bk/run bk-run')).toBe('/opt/bk/run bk-run');
    expect(execCommand('/opt/bk/run --exit-code=-1')).toBe('/opt/bk/run --exit-code=-1');
  });
});
