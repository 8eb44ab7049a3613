import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPlaces, parseOutputs, writeOutputs } from '../../../src/report/report-outputs.js';
import { REPORT_FORMATS } from '../../../src/report/reporters.js';
import { sampleReport } from './sample-report.js';

const summary = (r: ReturnType<typeof parseOutputs>) => (r.ok ? r.outputs.map((o) => `${o.format}:${o.path ?? '-'}`) : r.message);

describe('report outputs', () => {
  it('every format of the registry', () => expect(REPORT_FORMATS).toEqual(['json', 'table', 'junit', 'prometheus', 'html']));

  it('--format/--output as before: table on standard output by default', () => {
    expect(summary(parseOutputs({}))).toEqual(['table:-']);
    expect(summary(parseOutputs({ format: 'junit', output: 'j.xml' }))).toEqual(['junit:j.xml']);
    expect(summary(parseOutputs({ output: 'r.txt' }))).toEqual(['table:r.txt']);
  });

  it('--report FORMAT[:PATH], repeatable, beside --format/--output', () => {
    expect(summary(parseOutputs({ report: ['table', 'json:r.json', 'junit:out/j.xml', 'prometheus:/var/lib/x.prom', 'html:rack.html'] }))).toEqual([
      'table:-', 'json:r.json', 'junit:out/j.xml', 'prometheus:/var/lib/x.prom', 'html:rack.html',
    ]);
    expect(summary(parseOutputs({ report: ['json:-'] }))).toEqual(['json:-']);
    expect(summary(parseOutputs({ report: ['html:a:b.html'] }))).toEqual(['html:a:b.html']); // only the first colon separates
    expect(summary(parseOutputs({ report: ['junit:j.xml'], format: 'json', output: 'r.json' }))).toEqual(['junit:j.xml', 'json:r.json']);
  });

  it('usage errors: unknown format, empty path, two on standard output, one file twice', () => {
    expect(summary(parseOutputs({ report: ['xml:x'] }))).toBe("--report 'xml:x': 'xml' is not one of: json, table, junit, prometheus, html");
    expect(summary(parseOutputs({ report: ['json:'] }))).toMatch(/no path after the colon/);
    expect(summary(parseOutputs({ report: ['table', 'json'] }))).toMatch(/only one output can go to standard output: --report table, --report json/);
    expect(summary(parseOutputs({ report: ['table'], format: 'json' }))).toMatch(/only one output can go to standard output/);
    expect(summary(parseOutputs({ report: ['json:a.json', 'html:./a.json'] }))).toBe('--report json:a.json and --report html:./a.json write the same file');
  });

  it('a directory that is not there is found before the scan', async () => {
    const parsed = parseOutputs({ report: ['json:/nonexistent-dir/r.json', 'table'] });
    if (!parsed.ok) throw new Error(parsed.message);
    const problems = await checkOutputPlaces(parsed.outputs);
    expect(problems.map((p) => `${p.output.flag}: ${p.reason}`)).toEqual(['--report json:/nonexistent-dir/r.json: its directory /nonexistent-dir is not writable (ENOENT)']);
  });

  it('writes each file atomically (mode 0640, the textfile 0644; no temp file left); a failed one is returned and the rest still written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-outputs-'));
    writeFileSync(join(dir, 'a-file'), 'x');
    writeFileSync(join(dir, 'r.json'), 'old content');
    const parsed = parseOutputs({ report: ['junit:' + join(dir, 'a-file', 'j.xml'), 'json:' + join(dir, 'r.json'), 'prometheus:' + join(dir, 'm.prom'), 'table'] });
    if (!parsed.ok) throw new Error(parsed.message);
    let stdout = '';
    const failures = await writeOutputs(parsed.outputs, sampleReport(), { toStdout: async (t: string) => void (stdout += t), color: true, verbose: false });
    // The directory became a file after the check: the write fails with ENOTDIR, named with its path.
    expect(failures.map((f) => `${f.output.flag} ${f.path} ${f.reason}`)).toEqual([`--report junit:${join(dir, 'a-file', 'j.xml')} ${join(dir, 'a-file', 'j.xml')} ENOTDIR`]);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).schema).toBe('fleetcheck/report@1');
    expect(readFileSync(join(dir, 'm.prom'), 'utf8')).toContain('# TYPE fleetcheck_host_verdict gauge');
    expect(statSync(join(dir, 'm.prom')).mode & 0o777).toBe(0o644); // node_exporter runs as its own user
    expect(statSync(join(dir, 'r.json')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'm.prom', 'r.json']);
    expect(stdout).toMatch(/^\x1b\[1mHOST/); // the table on standard output, coloured as asked
  });
});
