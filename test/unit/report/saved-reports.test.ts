import { mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/report/report.js';
import { applyReportChange, planReportPurge } from '../../../src/report/purge-saved-reports.js';
import { purgeHostsFromReport } from '../../../src/report/report-without-hosts.js';
import { readSavedReports, type SavedReportData } from '../../../src/collect/store/saved-reports-listing.js';
import { saveReport, saveReportWithout, savedReportName } from '../../../src/report/save-report.js';
import { SavedReportsIndex } from '../../../src/collect/store/saved-reports-index.js';
import { sampleReport } from './sample-report.js';
import { storeRetention } from '../../../src/checks/residue/store-retention.js';
import { hostsPastRetention } from '../../../src/contract/store-policy.js';
import { testHost, testProvider } from '../support/hosts.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'fc-reports-'));

describe('saving reports', () => {
  it('names a report by its UTC start, in ISO 8601 basic form', () => {
    expect(savedReportName(new Date('2026-11-23T01:44:37.512Z'))).toBe('20261123T014437Z.json');
    expect(savedReportName(new Date('2026-11-23T01:44:37.512Z'), 2)).toBe('20261123T014437Z_2.json');
  });

  it('writes mode 0640 into a created directory, never over an earlier report', async () => {
    const dir = join(tempDir(), 'reports');
    const first = await saveReport(dir, sampleReport());
    const second = await saveReport(dir, sampleReport());
    expect(first).toBe(join(dir, '20261123T010000Z.json'));
    expect(second).toBe(join(dir, '20261123T010000Z_1.json'));
    expect(statSync(first).mode & 0o777).toBe(0o640);
    expect(JSON.parse(readFileSync(first, 'utf8'))).toEqual(JSON.parse(JSON.stringify(sampleReport())));
    expect(readdirSync(dir).sort()).toEqual(['20261123T010000Z.json', '20261123T010000Z_1.json']);
  });
});

describe('reading saved reports', () => {
  it('finds the reports naming each host; a missing directory holds none', async () => {
    const dir = tempDir();
    await saveReport(dir, sampleReport());
    writeFileSync(join(dir, 'notes.json'), '{"not": "a report"}');
    writeFileSync(join(dir, 'README.txt'), 'ignored');
    const index = new SavedReportsIndex(dir);
    expect(await index.forHost('a3-02')).toEqual({ ok: true, value: { dir, naming: [join(dir, '20261123T010000Z.json')], unreadable: [] } });
    expect(await index.forHost('b1-01')).toEqual({ ok: true, value: { dir, naming: [], unreadable: [] } });
    expect(await readSavedReports(join(dir, 'absent'))).toEqual({ ok: true, value: { reports: [], unreadable: [] } });
  });

  it('reads the directory once per run, whatever the number of hosts', async () => {
    const dir = tempDir();
    await saveReport(dir, sampleReport());
    const index = new SavedReportsIndex(dir);
    expect((await index.forHost('a3-01')).ok).toBe(true);
    writeFileSync(join(dir, '20300101T000000Z.json'), JSON.stringify({ ...sampleReport(), hosts: [{ ...sampleReport().hosts[0]!, name: 'late-01' }] }));
    expect(await index.forHost('late-01')).toMatchObject({ ok: true, value: { naming: [] } });
  });

  it('lists broken reports as unreadable and fails on a directory it cannot list', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'torn.json'), '{"schema": "fleetcheck/report@1", "hosts": [');
    writeFileSync(join(dir, 'odd.json'), JSON.stringify({ schema: 'fleetcheck/report@1', hosts: 'x' }));
    const listing = await readSavedReports(dir);
    expect(listing.ok && listing.value.unreadable.map((u) => [u.file.slice(dir.length + 1), u.reason])).toEqual([
      ['odd.json', "is not a well-formed fleetcheck report (at 'selection')"],
      ['torn.json', 'is not valid JSON'],
    ]);
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(await readSavedReports(file)).toMatchObject({ ok: false, message: expect.stringContaining('ENOTDIR') });
  });
});

describe('purging hosts from saved reports', () => {
  const data = () => JSON.parse(JSON.stringify(sampleReport())) as SavedReportData;

  it('drops the host, recounts the summary and keeps everything else', () => {
    const base = data();
    const got = purgeHostsFromReport({ ...base, selection: { ...base.selection, hosts: ['a3-02', 'a3-[01-03]'] } }, new Set(['a3-02']));
    expect(got.action).toBe('rewrite');
    if (got.action !== 'rewrite') return;
    expect(got.removed).toEqual(['a3-02']);
    expect(got.data.hosts.map((h) => h.name)).toEqual(['a3-01', 'a3-05']);
    expect(got.data.selection).toMatchObject({ hosts: ['a3-01', 'a3-05'], hostCount: 2 });
    const sample = sampleReport();
    const expected = buildReport({
      ...{ version: '0.1.0', startedAt: new Date(sample.run.startedAt), finishedAt: new Date(sample.run.finishedAt), inventory: sample.run.inventory, interrupted: false },
      selection: { ...sample.selection, hosts: ['a3-01', 'a3-05'], hostCount: 2 },
      results: sample.hosts.filter((h) => h.name !== 'a3-02').map((h) => ({ host: h.name, rack: h.rack, verdict: h.verdict, findings: h.checks, durationMs: h.durationMs, access: h.access })),
      defaultAccess: sample.defaultAccess,
      notScanned: [],
    });
    expect(got.data.summary).toEqual(expected.summary);
    expect(got.data.run).toEqual(base.run);
  });

  it('removes not-scanned entries too, and deletes a report naming only purged hosts', () => {
    const base = { ...data(), notScanned: [{ name: 'd4-11', rack: 'D4' }] };
    base.selection.hostCount = 4;
    const rewritten = purgeHostsFromReport(base, new Set(['d4-11']));
    expect(rewritten.action === 'rewrite' && rewritten.data.summary.hosts).toMatchObject({ total: 3, notScanned: 0 });
    expect(purgeHostsFromReport(base, new Set(['a3-01', 'a3-02', 'a3-05', 'd4-11']))).toEqual({ action: 'delete', removed: ['a3-01', 'a3-02', 'a3-05', 'd4-11'] });
    expect(purgeHostsFromReport(base, new Set(['zz-01']))).toEqual({ action: 'keep' });
  });

  it('rewrites atomically with mode 0640, and deletes', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const kept = await saveReport(dir, sampleReport());
    const only = await saveReport(dir, buildReport({ ...{ version: '0.1.0', startedAt: new Date('2026-11-24T00:00:00Z'), finishedAt: new Date('2026-11-24T00:00:01Z'), inventory: 'i', interrupted: false }, selection: { racks: [], hosts: ['a3-02'], checks: [], hostCount: 1 }, results: [{ host: 'a3-02', rack: 'A3', verdict: 'compliant', findings: [], durationMs: 1, access: { mode: 'outside-only' } }], notScanned: [], defaultAccess: { mode: 'login', user: 'root', sudo: false } }));
    const listing = await readSavedReports(dir);
    if (!listing.ok) throw new Error(listing.message);
    const changes = planReportPurge(listing.value, new Set(['a3-02']));
    expect(changes.map((c) => [c.file, c.purge.action])).toEqual([[kept, 'rewrite'], [only, 'delete']]);
    for (const c of changes) await applyReportChange(c, new Set(['a3-02']));
    expect(readdirSync(dir).sort()).toEqual(['20261123T010000Z.json', 'sub']);
    expect(statSync(kept).mode & 0o777).toBe(0o640);
    expect(readFileSync(kept, 'utf8')).not.toContain('a3-02');
  });
});

describe('what a purge or a save leaves in saved reports', () => {
  const data = () => JSON.parse(JSON.stringify(sampleReport())) as SavedReportData;

  it('replaces node sets in the selection that could still name a purged host by the hosts left', () => {
    const base = data();
    const got = purgeHostsFromReport({ ...base, selection: { ...base.selection, hosts: ['a3-[01-05]'] } }, new Set(['a3-02']));
    expect(got.action === 'rewrite' && got.data.selection.hosts).toEqual(['a3-01', 'a3-05']);
    expect(JSON.stringify(got)).not.toContain('a3-[01-05]');
  });

  it('rewrites a report from what it holds right before the rewrite, not from the earlier read', async () => {
    const dir = tempDir();
    const file = await saveReport(dir, sampleReport());
    const listing = await readSavedReports(dir);
    if (!listing.ok) throw new Error(listing.message);
    const [change] = planReportPurge(listing.value, new Set(['a3-02']));
    // Changed on disk between the plan and the rewrite.
    const now = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...now, auditorNote: 'added meanwhile' }));
    await applyReportChange(change!, new Set(['a3-02']));
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(after['auditorNote']).toBe('added meanwhile');
    expect(JSON.stringify(after)).not.toContain('a3-02');
  });

  it('lists a leftover .partial of an interrupted write as unreadable, so a host past retention is an error, not a pass', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.20261123T010000Z.json.0a1b2c3d4e5f.partial'), '{"schema": "fleetcheck/report@1", "hosts": [{"name": "d4-');
    const listing = await readSavedReports(dir);
    expect(listing.ok && listing.value.unreadable).toEqual([{ file: join(dir, '.20261123T010000Z.json.0a1b2c3d4e5f.partial'), reason: 'is a leftover of an interrupted write', leftover: true }]);
    const fact = await new SavedReportsIndex(dir).forHost('d4-11');
    if (!fact.ok) throw new Error('listing failed');
    const ended = testHost({ name: 'd4-11', rack: 'D4', contract: { id: 'C', customer: 'X', end: '2026-01-02' } });
    const got = storeRetention.evaluate(
      { 'store.host-secrets': { bmcAccounts: [], osCredentials: [], diskPassphrases: [] }, 'store.saved-reports': fact.value },
      { host: ended, provider: testProvider(), now: new Date('2026-11-23T10:00:00Z'), mode: 'contract', modeReason: '' },
    );
    expect(got.status).toBe('error');
    expect(got.evidence.map((e) => e.source)).toEqual([join(dir, '.20261123T010000Z.json.0a1b2c3d4e5f.partial')]);
  });

  it('saves a scan without the hosts past retention, its summary recounted; nothing when none is left', async () => {
    const dir = tempDir();
    const got = await saveReportWithout(dir, sampleReport(), new Set(['a3-02']));
    expect(got.leftOut).toEqual(['a3-02']);
    const saved = JSON.parse(readFileSync(got.file!, 'utf8')) as SavedReportData;
    expect(JSON.stringify(saved)).not.toContain('a3-02');
    expect(saved.summary.hosts).toMatchObject({ total: 2 });
    const none = await saveReportWithout(join(dir, 'other'), sampleReport(), new Set(['a3-01', 'a3-02', 'a3-05']));
    expect(none).toEqual({ file: undefined, leftOut: ['a3-01', 'a3-02', 'a3-05'] });
    expect(hostsPastRetention([testHost({ name: 'd4-11', rack: 'D4', contract: { id: 'C', customer: 'X', end: '2026-01-02' } }), testHost({ name: 'a3-01', rack: 'A3' })], testProvider(), '2026-11-23')).toEqual(new Set(['d4-11']));
  });
});
