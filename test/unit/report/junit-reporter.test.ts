import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/report/junit-reporter.js';
import { printableLine } from '../../../src/text/sanitize.js';
import { golden } from './golden.js';
import { CRONTAB_LINE, hostileReport, SSHD_BANNER } from './hostile-report.js';
import { sampleReport } from './sample-report.js';

const XSD = new URL('../../../fixtures/junit/junit-10.xsd', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-junit-'));

/** Validates with libxml2's xmllint against the committed JUnit schema; returns its exit status and messages. */
function xmllintSchema(xml: string, name: string): { status: number | null; output: string } {
  const file = join(dir, name);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
  return { status: r.status, output: r.stderr + r.stdout };
}

/** An XPath expression evaluated by xmllint on the XML, as a string. */
function xpath(xml: string, expr: string): string {
  const file = join(dir, 'xpath.xml');
  writeFileSync(file, xml);
  // xmllint ends what it prints with one newline of its own.
  return execFileSync('xmllint', ['--nonet', '--xpath', expr, file], { encoding: 'utf8' }).replace(/\n$/, '');
}

describe('junit reporter', () => {
  it('golden: mixed report', () => golden('report-mixed.junit.xml', renderJunit(sampleReport())));
  it('golden: hostile report', () => golden('report-hostile.junit.xml', renderJunit(hostileReport())));

  it('validates against the JUnit XSD (xmllint), and the schema does reject a broken suite', () => {
    for (const [name, report] of [['mixed.xml', sampleReport()], ['hostile.xml', hostileReport()]] as const) {
      const r = xmllintSchema(renderJunit(report), name);
      expect(r.output).toContain('validates');
      expect(r.status).toBe(0);
    }
    // The validator can fail: a testsuite without its required `failures` attribute is refused.
    const broken = renderJunit(sampleReport()).replace(/(<testsuite [^>]*?) failures="\d+"/, '$1');
    const r = xmllintSchema(broken, 'broken.xml');
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/failures.*required|required.*failures/i);
  });

  it('one testsuite per host (name, hostname, counts, timestamp), one testcase per check', () => {
    const xml = renderJunit(hostileReport());
    expect(xpath(xml, 'count(/testsuites/testsuite)')).toBe('6'); // five hosts and the one not scanned
    expect(xpath(xml, 'string(/testsuites/testsuite[@name="a3-02"]/@hostname)')).toBe('a3-02');
    expect(xpath(xml, 'string(/testsuites/testsuite[@name="a3-02"]/@timestamp)')).toBe('2026-11-24T02:00:00Z');
    const counts = (host: string) => ['tests', 'failures', 'errors', 'skipped'].map((a) => xpath(xml, `string(/testsuites/testsuite[@name="${host}"]/@${a})`));
    expect(counts('a3-01')).toEqual(['4', '0', '0', '2']); // waived fail and skip are skipped
    expect(counts('a3-02')).toEqual(['4', '3', '0', '0']); // expired waiver: a failure again
    expect(counts('c2-01')).toEqual(['4', '0', '4', '0']); // a waiver never hides an error
    expect(xpath(xml, 'string(/testsuites/testsuite[@name="a3-02"]/testcase[@name="backup.schedules"]/@classname)')).toBe('backup');
    expect(xpath(xml, 'string(/testsuites/testsuite[@name="a3-01"]/testcase[@name="bmc.cipher-zero"]/skipped/@message)')).toBe(
      'waived until 2099-03-31: firmware 2.1 cannot disable suite 0; ticket <OPS-1234> & "quoted"',
    );
    expect(xpath(xml, 'string(/testsuites/testsuite[@name="c2-04"]/testcase/error/@type)')).toBe('not-scanned');
  });

  it('host text comes back as text: no element from it, no control character', () => {
    const xml = renderJunit(hostileReport());
    expect(xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/);
    expect(xpath(xml, 'count(//script | //svg | //img)')).toBe('0');
    const failure = xpath(xml, 'string(/testsuites/testsuite[@name="a3-02"]/testcase[@name="backup.schedules"]/failure)');
    expect(failure).toContain(printableLine(CRONTAB_LINE, 500));
    const error = xpath(xml, 'string(/testsuites/testsuite[@name="c2-01"]/testcase[@name="backup.schedules"]/error)');
    expect(error).toContain(printableLine(SSHD_BANNER, 500));
  });
});
