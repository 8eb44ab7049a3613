import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpFilesAwk, dumpFilesScript } from '../../../../../src/collect/ssh/backup/file-dump.js';
import { parseSectionRecords } from '../../../../../src/collect/ssh/section-framing.js';
import { parseStorageSection } from '../../../../../src/collect/ssh/backup/storage-section.js';
import { parseSchedulesSection } from '../../../../../src/collect/ssh/backup/schedules-section.js';
import { parsePart } from '../../../../../src/collect/ssh/collect-ssh-facts.js';
import { backupSchedulesSection } from '../../../../../src/collect/ssh/backup/schedules-section.js';
import type { FactKey } from '../../../../../src/facts/facts.js';
import type { SshSection } from '../../../../../src/collect/ssh/ssh-section.js';

const M = '@@fc-dump';

/** Runs shell text with the real sh (and the system's awk, mawk on Debian); returns output and status. */
function sh(script: string): { out: string; status: number } {
  try {
    return { out: execFileSync('sh', ['-c', `M='${M}'\n${script}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), status: 0 };
  } catch (err) {
    const e = err as { stdout: string; status: number };
    return { out: e.stdout, status: e.status };
  }
}

describe('file dump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-dump-'));
  writeFileSync(join(dir, 'a'), '0 3 * * * root /bin/true\n');
  writeFileSync(join(dir, 'c'), '0 4 * * * root restic backup\n');

  it('reads the files after one it cannot open, and marks that one unreadable', () => {
    // The file vanished between the shell's test and awk's open: mawk given it as input would stop there.
    const { out, status } = sh(`set -- ${dir}/a ${dir}/gone ${dir}/c\n${dumpFilesAwk(1024)} "$@"`);
    expect(status).toBe(0);
    const { files } = parseSectionRecords(out, M);
    expect(files.map((f) => [f.path.slice(dir.length), f.state, f.lines])).toEqual([
      ['/a', 'read', ['0 3 * * * root /bin/true']],
      ['/gone', 'unreadable', []],
      ['/c', 'read', ['0 4 * * * root restic backup']],
    ]);
  });

  it('cuts a file at the limit and still reads the next one', () => {
    writeFileSync(join(dir, 'big'), 'x'.repeat(30) + '\n' + 'y'.repeat(30) + '\n');
    const { out } = sh(`${dumpFilesScript([`${dir}/big`, `${dir}/c`], 40, 'tt')}`);
    const { files } = parseSectionRecords(out, M);
    expect(files.map((f) => [f.path.slice(dir.length), f.truncated, f.lines.length])).toEqual([['/big', true, 1], ['/c', false, 1]]);
  });

  it('ends with a non-zero status when awk fails, and the collector does not parse such a section', async () => {
    const { out, status } = sh(`awk() { return 2; }\n${dumpFilesScript([`${dir}/a`], 1024, 'tt')}`);
    expect(out).toBe('');
    expect(status).not.toBe(0);
    // Parsed as it stands, the empty text would look like a host with no crontab at all.
    expect(parseSchedulesSection(out, M)).toMatchObject({ commands: [], unreadable: [] });
    const fact = await parsePart(backupSchedulesSection as SshSection<FactKey>, { text: out, status }, M);
    expect(fact).toMatchObject({ ok: false, reason: 'collector' });
    expect(await parsePart(backupSchedulesSection as SshSection<FactKey>, { text: '', status: 0 }, M)).toMatchObject({ ok: true });
  });

  it('marks a file that failed part-way as unreadable, not as read', () => {
    const text = [`${M} F /etc/crontab`, 'partial', `${M} E`, `${M} U /etc/crontab`].join('\n');
    expect(parseSchedulesSection(text, M)).toMatchObject({ commands: [], unreadable: ['/etc/crontab'] });
  });

  it('carries a cut DRBD configuration or mdstat into the storage fact', () => {
    const text = [`${M} F /etc/drbd.d/r0.res`, 'resource r0 {', `${M} T`, `${M} E`, `${M} F /proc/mdstat`, 'Personalities :', `${M} E`].join('\n');
    expect(parseStorageSection(text, M).truncated).toEqual(['/etc/drbd.d/r0.res']);
  });
});

