import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeSummary } from '../../../src/cli/change-summary.js';
import { diffCommand } from '../../../src/cli/diff-command.js';
import { CliError } from '../../../src/cli/usage-error.js';
import { asComparable, newestEarlierReport, type ComparableRead } from '../../../src/report/comparable-report.js';
import type { Report } from '../../../src/report/report.js';
import { diffReports, isEmptyDiff } from '../../../src/report/report-diff.js';
import { renderDiffJson, renderDiffTable } from '../../../src/report/render-diff.js';
import { readSavedReports } from '../../../src/collect/store/saved-reports-listing.js';
import { saveReport } from '../../../src/report/save-report.js';
import { golden } from './golden.js';
import { hostileReport } from './hostile-report.js';

const comparable = (r: Report) => {
  const read: ComparableRead = asComparable(JSON.parse(JSON.stringify(r)), 'test');
  if (!read.ok) throw new Error(read.message);
  return read.report;
};

/** Last night's run and tonight's: one host gone, one added, findings moved every way, a waiver expired. */
function twoNights(): { older: Report; newer: Report } {
  const older = hostileReport();
  const newer = hostileReport();
  newer.run.startedAt = '2026-11-25T02:00:00.000Z';
  // a3-01: its waiver expired overnight, so its cipher-zero failure counts again.
  newer.hosts[0]!.checks[1]!.waiver = { ...newer.hosts[0]!.checks[1]!.waiver!, expired: true };
  newer.hosts[0]!.verdict = 'violation';
  // a3-02: the provider key was removed (resolved); the warn became a fail (changed).
  newer.hosts[1]!.checks[2]!.status = 'pass';
  newer.hosts[1]!.checks[2]!.message = 'no provider key';
  newer.hosts[1]!.checks[3]!.status = 'fail';
  // c2-03: a new failure.
  newer.hosts[4]!.checks[0]!.status = 'fail';
  newer.hosts[4]!.checks[0]!.message = 'a crontab <b>copies</b> data off the host';
  newer.hosts[4]!.verdict = 'violation';
  // c2-02 gone, c2-09 added.
  newer.hosts.splice(3, 1);
  newer.hosts.push({ name: 'c2-09', rack: 'C2', verdict: 'compliant', durationMs: 100, access: { mode: 'outside-only' }, checks: [] });
  return { older, newer };
}

describe('report diff', () => {
  it('hosts added and gone, findings new, resolved and changed, waivers expired', () => {
    const { older, newer } = twoNights();
    const d = diffReports(comparable(older), comparable(newer));
    expect(d.hostsAdded).toEqual([{ host: 'c2-09', rack: 'C2', verdict: 'compliant' }]);
    expect(d.hostsGone).toEqual([{ host: 'c2-02', rack: 'C2', verdict: 'compliant' }]);
    expect(d.verdictsChanged).toEqual([
      { host: 'a3-01', rack: 'A3', from: 'compliant', to: 'violation' },
      { host: 'c2-03', rack: 'C2', from: 'compliant', to: 'violation' },
    ]);
    const brief = (l: typeof d.newFindings) => l.map((c) => `${c.host} ${c.check} ${c.from}->${c.to}`);
    expect(brief(d.newFindings)).toEqual(['a3-01 bmc.cipher-zero waived->fail', 'c2-03 backup.schedules pass->fail']);
    expect(brief(d.resolvedFindings)).toEqual(['a3-02 residue.provider-ssh-key fail->pass']);
    expect(brief(d.changedFindings)).toEqual(['a3-02 residue.provider-ssh-ca warn->fail']);
    expect(d.waiversExpired).toEqual([{ host: 'a3-01', rack: 'A3', check: 'bmc.cipher-zero', reason: 'firmware 2.1 cannot disable suite 0; ticket <OPS-1234> & "quoted"', expires: '2099-03-31' }]);
  });

  it('the same report twice is no change; a check that starts running and passes is none either', () => {
    const r = hostileReport();
    expect(isEmptyDiff(diffReports(comparable(r), comparable(r)))).toBe(true);
    const more = hostileReport();
    more.hosts[4]!.checks.push({ id: 'bmc.users', status: 'pass', message: 'ok', evidence: [] });
    expect(isEmptyDiff(diffReports(comparable(r), comparable(more)))).toBe(true);
    more.hosts[4]!.checks.at(-1)!.status = 'error';
    expect(diffReports(comparable(r), comparable(more)).newFindings.map((c) => `${c.check} ${c.from}->${c.to}`)).toEqual(['bmc.users absent->error']);
  });

  it('golden: table and JSON', () => {
    const { older, newer } = twoNights();
    const d = diffReports(comparable(older), comparable(newer));
    golden('report-diff.table.txt', renderDiffTable(d, '2026-11-24T02:00:00.000Z (old.json)'));
    golden('report-diff.json', renderDiffJson(d, { old: 'old.json', new: 'new.json' }));
    expect(renderDiffTable(d, 'x')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('fleetcheck diff: exit 0 when nothing changed, 1 when something did, 78 naming a file that is not a report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-diff-'));
    const { older, newer } = twoNights();
    const [a, b, bad] = ['old.json', 'new.json', 'bad.json'].map((n) => join(dir, n)) as [string, string, string];
    writeFileSync(a, JSON.stringify(older));
    writeFileSync(b, JSON.stringify(newer));
    writeFileSync(bad, JSON.stringify({ schema: 'fleetcheck/report@1', hosts: 'no' }));
    let out = '';
    const sink = { write: (t: string) => (out += t) };
    expect(await diffCommand(a, a, { format: 'table' }, sink)).toBe(0);
    expect(out).toBe(`no changes since 2026-11-24T02:00:00.000Z (${a})\n`);
    out = '';
    expect(await diffCommand(a, b, { format: 'json' }, sink)).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ schema: 'fleetcheck/report-diff@1', changed: true, old: { file: a }, new: { file: b } });
    const err = await diffCommand(a, bad, { format: 'table' }, sink).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(78);
    expect((err as CliError).message).toContain(`${bad} is not a fleetcheck JSON report`);
  });

  it('a scan compares with the newest earlier saved report of the same selection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-saved-'));
    const { older, newer } = twoNights();
    const oldest = hostileReport();
    oldest.run.startedAt = '2026-11-20T02:00:00.000Z';
    const otherSelection = hostileReport();
    otherSelection.run.startedAt = '2026-11-24T12:00:00.000Z';
    otherSelection.selection.racks = ['A3'];
    const later = hostileReport();
    later.run.startedAt = '2026-11-26T02:00:00.000Z'; // after this run: not "earlier"
    for (const r of [oldest, older, otherSelection, later]) await saveReport(dir, r);
    const listing = await readSavedReports(dir);
    if (!listing.ok) throw new Error('listing');
    expect(newestEarlierReport(listing.value, newer.selection, newer.run.startedAt)?.file).toBe(join(dir, '20261124T020000Z.json'));
    const summary = await changeSummary(dir, newer);
    expect(summary.split('\n')[0]).toBe(`changes since 2026-11-24T02:00:00.000Z (${join(dir, '20261124T020000Z.json')}): 1 host(s) added, 1 gone, 2 new finding(s), 1 resolved, 1 changed, 1 waiver(s) expired`);
    const first = hostileReport();
    first.run.startedAt = '2026-11-01T00:00:00.000Z';
    expect(await changeSummary(dir, first)).toBe(`changes: no earlier saved report of this selection in ${dir} to compare with\n`);
  });
});
