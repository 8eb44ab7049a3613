import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpFilesScript } from '../../../../../src/collect/ssh/backup/file-dump.js';
import { parseSectionRecords } from '../../../../../src/collect/ssh/section-framing.js';
import { parseStorageSection } from '../../../../../src/collect/ssh/backup/storage-section.js';
import { parseSchedulesSection } from '../../../../../src/collect/ssh/backup/schedules-section.js';
import { parsePart } from '../../../../../src/collect/ssh/collect-ssh-facts.js';
import { backupSchedulesSection } from '../../../../../src/collect/ssh/backup/schedules-section.js';
import type { FactKey } from '../../../../../src/facts/facts.js';
import type { SshSection } from '../../../../../src/collect/ssh/ssh-section.js';

import { runSnippet } from '../run-snippet.js';

const M = '@@fc-dump';

/** Runs shell text with the real sh after the collecting prelude; returns output and status. */
function sh(script: string): { out: string; status: number } {
  const r = runSnippet(script, M);
  return { out: r.text, status: r.status };
}

describe('file dump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-dump-'));
  writeFileSync(join(dir, 'a'), '0 3 * * * root /bin/true\n');
  writeFileSync(join(dir, 'c'), '0 4 * * * root restic backup\n');

  it('reads the files after one whose read fails, and marks that one unreadable', () => {
    // The file passed the shell's test but its read failed (gone since, or denied by AppArmor).
    writeFileSync(join(dir, 'gone'), 'lost\n');
    const { out, status } = sh(`head() { case "$4" in */gone) return 1 ;; *) command head "$@" ;; esac; }
${dumpFilesScript([`${dir}/a`, `${dir}/gone`, `${dir}/c`], 1024, 'tt')}`);
    expect(status).toBe(0);
    const { files } = parseSectionRecords(out, M, 1024);
    expect(files.map((f) => [f.path.slice(dir.length), f.state, f.lines])).toEqual([
      ['/a', 'read', ['0 3 * * * root /bin/true']],
      ['/gone', 'unreadable', []],
      ['/c', 'read', ['0 4 * * * root restic backup']],
    ]);
  });

  it('cuts a file at the limit and still reads the next one', () => {
    writeFileSync(join(dir, 'big'), 'x'.repeat(30) + '\n' + 'y'.repeat(30) + '\n');
    const { out } = sh(`${dumpFilesScript([`${dir}/big`, `${dir}/c`], 40, 'tt')}`);
    const { files } = parseSectionRecords(out, M, 40);
    expect(files.map((f) => [f.path.slice(dir.length), f.truncated, f.lines.length])).toEqual([['/big', true, 2], ['/c', false, 1]]);
  });

  it('is a command that does nothing when there is no file to read', () => {
    // The section wraps its snippets in `{ … }`, where an empty body is a syntax error.
    expect(sh(dumpFilesScript([], 1024, 'tt'))).toEqual({ out: '', status: 0 });
  });

  it('a section that ends with a non-zero status is not parsed by the collector', async () => {
    const { out, status } = sh(`${dumpFilesScript([`${dir}/nothing-here`], 1024, 'tt')}\nfalse`);
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

