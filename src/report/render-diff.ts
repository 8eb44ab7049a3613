// The change summary as text (cron mail reads its first lines) and as JSON (for scripts).
import { printableLine } from '../text/sanitize.js';
import { isEmptyDiff, type FindingChange, type ReportDiff } from './report-diff.js';

/** Schema id of the JSON form. */
export const REPORT_DIFF_SCHEMA = 'fleetcheck/report-diff@1';

const state = (s: string): string => (s === 'fail' || s === 'error' ? s.toUpperCase() : s);

/** The one-line count of what changed, the line a mail preview shows. */
export function diffHeadline(d: ReportDiff, since: string): string {
  if (isEmptyDiff(d)) return `no changes since ${since}`;
  const parts = [
    `${d.hostsAdded.length} host(s) added`,
    `${d.hostsGone.length} gone`,
    `${d.newFindings.length} new finding(s)`,
    `${d.resolvedFindings.length} resolved`,
    `${d.changedFindings.length} changed`,
    `${d.waiversExpired.length} waiver(s) expired`,
  ];
  return `changes since ${since}: ${parts.join(', ')}`;
}

/** A table of every change under the headline; every cell made printable. */
export function renderDiffTable(d: ReportDiff, since: string): string {
  const rows: string[][] = [];
  for (const h of d.hostsAdded) rows.push(['added', h.host, h.rack, '', `new host, ${h.verdict}`]);
  for (const h of d.hostsGone) rows.push(['gone', h.host, h.rack, '', `no longer in the report (was ${h.verdict})`]);
  for (const v of d.verdictsChanged) rows.push(['verdict', v.host, v.rack, '', `${v.from} → ${v.to}`]);
  const finding = (kind: string, c: FindingChange) => rows.push([kind, c.host, c.rack, c.check, `${state(c.from)} → ${state(c.to)}  ${c.message}`]);
  for (const c of d.newFindings) finding('new', c);
  for (const c of d.resolvedFindings) finding('resolved', c);
  for (const c of d.changedFindings) finding('changed', c);
  for (const w of d.waiversExpired) rows.push(['expired', w.host, w.rack, w.check, `waiver expired ${w.expires}: ${w.reason}`]);
  const cells = rows.map((r) => r.map((c, i) => printableLine(c, i === 4 ? 200 : 60)));
  const width = (i: number) => Math.max(0, ...cells.map((r) => r[i]!.length));
  const widths = [0, 1, 2, 3].map(width);
  const lines = [printableLine(diffHeadline(d, since), 300)];
  for (const r of cells) lines.push(('  ' + r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ')).trimEnd());
  return lines.join('\n') + '\n';
}

/** The diff as JSON: both runs' start times and every list, as in ReportDiff. */
export function renderDiffJson(d: ReportDiff, files: { old: string; new: string }): string {
  const { old, new: newer, ...changes } = d;
  return JSON.stringify({ schema: REPORT_DIFF_SCHEMA, changed: !isEmptyDiff(d), old: { ...old, file: files.old }, new: { ...newer, file: files.new }, ...changes }, null, 2) + '\n';
}
