// `--format html`: one self-contained rack view (no network, inline style and script) that shows each
// rack as a grid of its servers coloured by verdict; clicking a server shows its findings and evidence.
// Everything that came from a host is untrusted: it only ever enters the page escaped, as text.
import { createHash } from 'node:crypto';
import type { Finding } from '../model/finding.js';
import { printableLine } from '../text/sanitize.js';
import { findingState, isWaived, type FindingState } from './finding-state.js';
import type { HostReport, Report } from './report.js';
import type { Reporter } from './reporter.js';

/** Text made safe as HTML element content and as a quoted attribute value, after control characters are gone. */
export function escapeHtml(text: string, max = 2000): string {
  return printableLine(text, max).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
:root { --ok: #1a7f37; --bad: #cf222e; --err: #8250df; --waived: #9a6700; --skip: #6e7781; --ink: #1f2328; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; color: var(--ink); margin: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.run, .totals { margin: .1rem 0; color: #57606a; }
.legend { display: flex; gap: 1rem; list-style: none; padding: 0; flex-wrap: wrap; }
.legend li::before { content: ""; display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; border: 2px solid; }
.legend .v-compliant::before { background: var(--ok); border-color: var(--ok); }
.legend .v-violation::before { background: var(--bad); border-color: var(--bad); }
.legend .v-error::before { background: repeating-linear-gradient(45deg, var(--err) 0 3px, #fff 3px 6px); border: 2px dashed var(--err); }
.legend .v-waived::before { background: var(--ok); border: 3px double var(--waived); }
.rack { margin: 1.2rem 0; break-inside: avoid; }
.rack h2 { font-size: 1.1rem; margin: 0; }
.rack .counts { margin: .2rem 0 .5rem; color: #57606a; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: .4rem; }
.server { font: inherit; text-align: left; padding: .45rem .55rem; border-radius: 4px; cursor: pointer; color: #fff; border: 2px solid transparent; }
.server .name { display: block; font-weight: 600; overflow-wrap: anywhere; }
.server .verdict { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
.server.v-compliant { background: var(--ok); }
.server.v-violation { background: var(--bad); }
.server.v-error { background: repeating-linear-gradient(45deg, var(--err) 0 8px, #6639ba 8px 16px); border: 2px dashed #fff; outline: 2px solid var(--err); }
.server.v-not-scanned { background: #eaeef2; color: var(--ink); border: 2px dotted var(--skip); cursor: auto; }
.server.has-waiver { border: 4px double #ffd33d; }
.server[aria-expanded="true"] { outline: 3px solid var(--ink); outline-offset: 2px; }
.detail { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .9rem; margin: 1rem 0; break-inside: avoid; }
.detail h3 { margin: 0 0 .4rem; font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th:nth-child(1) { width: 17rem; }
th:nth-child(2) { width: 5.5rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-top: 1px solid #d0d7de; }
td.status { font-weight: 700; white-space: nowrap; }
tr.s-pass td.status { color: var(--ok); }
tr.s-fail td.status { color: var(--bad); }
tr.s-warn td.status { color: var(--waived); }
tr.s-error td.status { color: var(--err); }
tr.s-error td.status::before { content: "\\26A0  "; }
tr.s-skip td.status { color: var(--skip); }
tr.s-waived { background: #fff8c5; }
tr.s-waived td.status { color: var(--waived); font-style: italic; }
.evidence { margin: .2rem 0 0; padding-left: 1.1rem; color: #424a53; }
code { font: .88em/1.3 ui-monospace, monospace; overflow-wrap: anywhere; }
td:first-child code { white-space: nowrap; }
.waiver { color: var(--waived); }
.hint { color: #57606a; }
@media print {
  body { margin: 0; font-size: 11px; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .hint, #show-all { display: none; }
  .detail[hidden] { display: block; }
  .server { cursor: auto; }
}
`;

// The page's only script: it toggles which host's details are shown, and never builds markup.
const SCRIPT = `
(() => {
  const buttons = Array.from(document.querySelectorAll('button.server'));
  const details = Array.from(document.querySelectorAll('article.detail'));
  const show = (id) => {
    for (const d of details) d.hidden = id !== '*' && d.id !== id;
    for (const b of buttons) b.setAttribute('aria-expanded', String(b.getAttribute('aria-controls') === id));
  };
  for (const b of buttons) b.addEventListener('click', () => {
    const id = b.getAttribute('aria-controls');
    show(id);
    document.getElementById(id).scrollIntoView({ block: 'nearest' });
  });
  document.getElementById('show-all').addEventListener('click', () => show('*'));
})();
`;

const cspHash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const STATE_LABEL: Record<FindingState, string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', error: 'ERROR', skip: 'skip', waived: 'waived' };

function findingRow(f: Finding): string {
  const state = findingState(f);
  // Waivers never hide an error: one that matches it is shown as not applied.
  const waiverState = !f.waiver ? '' : f.waiver.expired ? 'waiver expired' : state === 'error' ? 'waiver (not applied to an error) until' : 'waived until';
  const waiver = f.waiver ? `<div class="waiver">${waiverState} ${escapeHtml(f.waiver.expires, 20)}: ${escapeHtml(f.waiver.reason, 300)}</div>` : '';
  const evidence =
    f.evidence.length === 0
      ? ''
      : `<ul class="evidence">${f.evidence.map((e) => `<li><code>${escapeHtml(e.source, 300)}</code> ${escapeHtml(e.detail, 600)}</li>`).join('')}</ul>`;
  return `<tr class="s-${state}" data-check="${escapeHtml(f.id, 100)}"><td><code>${escapeHtml(f.id, 100)}</code></td><td class="status">${STATE_LABEL[state]}</td><td>${escapeHtml(f.message, 500)}${waiver}${evidence}</td></tr>`;
}

/** A host's details; shown when its server is clicked, and all of them when printed. */
function hostDetail(h: HostReport, id: string): string {
  const order: Record<FindingState, number> = { fail: 0, error: 1, warn: 2, waived: 3, skip: 4, pass: 5 };
  const rows = [...h.checks].sort((a, b) => order[findingState(a)] - order[findingState(b)]).map(findingRow).join('\n');
  return `<article class="detail" id="${id}" data-host="${escapeHtml(h.name, 100)}" hidden>
<h3>${escapeHtml(h.name, 100)} <small>rack ${escapeHtml(h.rack, 100)} · ${h.verdict} · ${(h.durationMs / 1000).toFixed(1)} s</small></h3>
<table><thead><tr><th>check</th><th>status</th><th>message and evidence</th></tr></thead><tbody>
${rows}
</tbody></table></article>`;
}

function countsLine(hosts: readonly HostReport[], notScanned: number): string {
  const n = (v: string) => hosts.filter((h) => h.verdict === v).length;
  const waived = hosts.filter((h) => h.checks.some(isWaived)).length;
  const parts = [`${hosts.length + notScanned} host(s)`, `${n('compliant')} compliant`, `${n('violation')} violation`, `${n('error')} error`];
  if (waived > 0) parts.push(`${waived} with waived findings`);
  if (notScanned > 0) parts.push(`${notScanned} not scanned`);
  return parts.join(' · ');
}

/** The provider systems the run read, and per system what could and could not be read; empty when the inventory names none. */
function providerSystemsSection(report: Report): string {
  const systems = report.providerSystems ?? [];
  if (systems.length === 0) return '';
  const rows = systems.map((p) => {
    const state = !p.examined ? 'not examined' : p.reached === false ? `not read: ${p.message ?? 'unreachable'}` : `${p.sources.filter((x) => x.state === 'read').length} of ${p.sources.length} source(s) read`;
    const sources = p.sources.filter((x) => x.state !== 'read').map((x) => `<li>${escapeHtml(x.source, 300)}: ${x.state === 'failed' ? 'could not read' : 'not on the system'}${x.message ? ` (${escapeHtml(x.message, 300)})` : ''}</li>`);
    return `<li class="${p.examined && (p.reached === false || p.sources.some((x) => x.state === 'failed')) ? 'v-error' : 'v-compliant'}"><strong>${escapeHtml(p.name, 100)}</strong> (${escapeHtml(p.role, 40)}): ${escapeHtml(state, 400)}${sources.length > 0 ? `<ul>${sources.join('')}</ul>` : ''}</li>`;
  });
  return `\n<section class="provider-systems"><h2>Provider systems</h2>\n<ul>\n${rows.join('\n')}\n</ul></section>`;
}

/** Renders the rack view: a page that needs nothing but itself, with a CSP that lets only its own style and script run. */
export function renderHtml(report: Report): string {
  const racks = new Map<string, { hosts: HostReport[]; notScanned: string[] }>();
  const rackOf = (name: string) => racks.get(name) ?? racks.set(name, { hosts: [], notScanned: [] }).get(name)!;
  for (const h of report.hosts) rackOf(h.rack).hosts.push(h);
  for (const h of report.notScanned) rackOf(h.rack).notScanned.push(h.name);
  const ids = new Map(report.hosts.map((h, i) => [h, `host-${i}`]));

  const sections = [...racks.entries()].map(([rack, { hosts, notScanned }]) => {
    const servers = hosts.map((h) => {
      const waived = h.checks.filter(isWaived).length;
      const count = (state: FindingState) => h.checks.filter((f) => findingState(f) === state).length;
      const note = ([['fail', count('fail')], ['error', count('error')], ['waived', waived]] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
      return `<button type="button" class="server v-${h.verdict}${waived > 0 ? ' has-waiver' : ''}" data-host="${escapeHtml(h.name, 100)}" data-verdict="${h.verdict}" aria-controls="${ids.get(h)}" aria-expanded="false"><span class="name">${escapeHtml(h.name, 100)}</span><span class="verdict">${h.verdict}${note ? ` · ${note}` : ''}</span></button>`;
    });
    const missing = notScanned.map((n) => `<span class="server v-not-scanned" data-host="${escapeHtml(n, 100)}"><span class="name">${escapeHtml(n, 100)}</span><span class="verdict">not scanned</span></span>`);
    return `<section class="rack" data-rack="${escapeHtml(rack, 100)}"><h2>Rack ${escapeHtml(rack, 100)}</h2>
<p class="counts">${countsLine(hosts, notScanned.length)}</p>
<div class="grid">
${[...servers, ...missing].join('\n')}
</div></section>`;
  });

  const run = report.run;
  const csp = `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>fleetcheck rack view · ${escapeHtml(run.startedAt, 40)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>fleetcheck rack view</h1>
<p class="run">Run ${escapeHtml(run.startedAt, 40)} · ${(run.durationMs / 1000).toFixed(1)} s · inventory <code>${escapeHtml(run.inventory, 200)}</code> · fleetcheck ${escapeHtml(run.version, 40)}${run.interrupted ? ' · <strong>interrupted</strong>' : ''}</p>
<p class="totals">${countsLine(report.hosts, report.notScanned.length)}</p>
<ul class="legend"><li class="v-compliant">compliant</li><li class="v-violation">violation</li><li class="v-error">error (could not be proven)</li><li class="v-waived">waived findings</li></ul>
<p class="hint">Click a server for its findings and evidence. <button type="button" id="show-all">Show all</button></p>
</header>
<main>
${sections.join('\n')}${providerSystemsSection(report)}
<div id="details">
${report.hosts.map((h) => hostDetail(h, ids.get(h)!)).join('\n')}
</div>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** A rack-shaped picture of the fleet for people, in a file that opens anywhere. */
export const htmlReporter: Reporter = { name: 'html', render: (report) => renderHtml(report) };
