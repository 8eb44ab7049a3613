// The callbacks handed to page.$$eval and page.evaluate run in chromium, where the DOM's globals exist.
/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../../src/report/html-reporter.js';
import { printableLine } from '../../../src/text/sanitize.js';
import { golden } from './golden.js';
import { CRONTAB_LINE, hostileReport, KEY_COMMENT, SSHD_BANNER } from './hostile-report.js';
import { sampleReport } from './sample-report.js';
import { openChromium, type ChromiumPage } from '../support/chromium-page.js';

/** Screenshots go here, for a person to look at after the run (not compared). */
const OUTPUT_DIR = new URL('../../../test-output/html-report/', import.meta.url).pathname;

describe('html reporter', () => {
  it('golden: mixed report', () => golden('report-mixed.html', renderHtml(sampleReport())));
  it('golden: hostile report', () => golden('report-hostile.html', renderHtml(hostileReport())));

  it('escapes every character that could start markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;\x1b[2J`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;?[2J');
  });

  it('needs no network: no external reference, and a CSP that allows nothing but its own style and script', () => {
    const html = renderHtml(hostileReport());
    // No tag with a src or href (host text has every `<` escaped, so any such tag would be ours), no CSS fetch.
    expect(html).not.toMatch(/<[^>]*\s(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+';/);
  });
});

// Debian's chromium, driven over CDP by playwright-core: no browser download, the one the system has.
describe('html reporter in a real browser (chromium headless)', () => {
  let browser: ChromiumPage;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = join(mkdtempSync(join(tmpdir(), 'fleetcheck-html-')), 'rack.html');
    writeFileSync(file, renderHtml(hostileReport()));
    browser = await openChromium();
    page = browser.page;
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(pathToFileURL(file).href);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows each rack as a grid of its servers, coloured by verdict, with counts per rack', async () => {
    const racks = await page.$$eval('section.rack', (els) => els.map((e) => ({ rack: e.getAttribute('data-rack'), counts: e.querySelector('.counts')?.textContent, servers: Array.from(e.querySelectorAll('.server')).map((s) => `${s.getAttribute('data-host')}:${s.className}`) })));
    expect(racks).toEqual([
      { rack: 'A3', counts: '2 host(s) · 1 compliant · 1 violation · 0 error · 1 with waived findings', servers: ['a3-01:server v-compliant has-waiver', 'a3-02:server v-violation'] },
      { rack: 'C2', counts: '4 host(s) · 2 compliant · 0 violation · 1 error · 1 with waived findings · 1 not scanned', servers: ['c2-01:server v-error', 'c2-02:server v-compliant has-waiver', 'c2-03:server v-compliant', 'c2-04:server v-not-scanned'] },
    ]);
    // The inline style applies (the CSP lets its hash through): verdicts have different colours, errors a dashed border.
    const look = await page.$$eval('button.server', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-host'), { bg: getComputedStyle(e).backgroundColor, bgImage: getComputedStyle(e).backgroundImage, border: getComputedStyle(e).borderTopStyle }])));
    expect(look['a3-01']!.bg).not.toBe(look['a3-02']!.bg);
    expect(look['c2-01']!.border).toBe('dashed');
    expect(look['c2-01']!.bgImage).toContain('repeating-linear-gradient');
    expect(look['a3-01']!.border).toBe('double'); // waived: visibly distinct from a plain compliant host
    expect(look['c2-03']!.border).not.toBe('double');
  });

  it('clicking a server shows its findings and evidence, and only its', async () => {
    expect(await page.locator('article.detail:visible').count()).toBe(0);
    await page.click('button.server[data-host="a3-02"]');
    const visible = page.locator('article.detail:visible');
    expect(await visible.count()).toBe(1);
    expect(await visible.getAttribute('data-host')).toBe('a3-02');
    const rows = await visible.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-check'), tr.querySelector('.status')?.textContent]));
    expect(rows).toEqual([['backup.schedules', 'FAIL'], ['bmc.cipher-zero', 'FAIL'], ['residue.provider-ssh-key', 'FAIL'], ['residue.provider-ssh-ca', 'warn']]);
    expect(await visible.locator('.evidence code').first().textContent()).toBe('/etc/cron.d/backup:3');
    expect(await page.getAttribute('button.server[data-host="a3-02"]', 'aria-expanded')).toBe('true');
    await page.screenshot({ path: join(OUTPUT_DIR, 'rack-view-a3-02.png'), fullPage: true });

    await page.click('button.server[data-host="a3-01"]');
    const waived = page.locator('article.detail:visible tr.s-waived');
    expect(await waived.locator('.status').textContent()).toBe('waived');
    expect(await waived.locator('.waiver').textContent()).toBe('waived until 2099-03-31: firmware 2.1 cannot disable suite 0; ticket <OPS-1234> & "quoted"');
    await page.click('button.server[data-host="c2-01"]');
    const errors = page.locator('article.detail:visible tr.s-error');
    expect(await errors.count()).toBe(4); // the waiver on an error changes nothing
  });

  it('host text planted with markup and script is shown as text, and nothing of it runs', async () => {
    await page.click('#show-all');
    const texts = await page.$$eval('article.detail', (els) => els.map((e) => e.textContent ?? '').join('\n'));
    for (const planted of [CRONTAB_LINE, KEY_COMMENT, SSHD_BANNER]) expect(texts).toContain(printableLine(planted, 600));
    // No element came from host text: the only script is the page's own, no svg/img at all, no handler attribute.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('svg, img, iframe, object, embed').count()).toBe(0);
    expect(await page.$$eval('*', (els) => els.flatMap((e) => e.getAttributeNames().filter((a) => a.startsWith('on'))))).toEqual([]);
    // Hover and click over everything a planted handler could sit on.
    for (const el of await page.locator('article.detail td').all()) await el.hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]); // nothing even tried to run
    await page.screenshot({ path: join(OUTPUT_DIR, 'rack-view-all.png'), fullPage: true });
  });

  it('made no request but for the file itself', () => {
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });

  it('prints every host\'s details, on paper without the buttons that do nothing there', async () => {
    await page.click('button.server[data-host="a3-01"]');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('article.detail:visible').count()).toBe(5);
    expect(await page.locator('#show-all').isVisible()).toBe(false);
    await page.screenshot({ path: join(OUTPUT_DIR, 'rack-view-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(OUTPUT_DIR, 'rack-view.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
  });
});
