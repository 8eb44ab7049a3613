import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../../src/report/json-reporter.js';
import { tableReporter } from '../../../src/report/table-reporter.js';
import { sampleReport } from './sample-report.js';

const golden = (name: string, actual: string) => {
  const path = new URL(`../../../fixtures/golden/${name}`, import.meta.url);
  // Regenerate deliberately with FLEETCHECK_UPDATE_GOLDEN=1, then review the diff.
  if (process.env.FLEETCHECK_UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
};

describe('reporters', () => {
  it('table, no colour', () => golden('report-mixed.table.txt', tableReporter.render(sampleReport(), { color: false })));
  it('table, colour', () => golden('report-mixed.table-color.txt', tableReporter.render(sampleReport(), { color: true })));
  it('table, verbose: every check', () => golden('report-mixed.table-verbose.txt', tableReporter.render(sampleReport(), { color: false, verbose: true })));

  it('table: a waived failure says so, without its evidence, and the summary counts it', () => {
    const report = sampleReport();
    report.hosts[1]!.checks[1]!.waiver = { reason: 'ticket OPS-1', expires: '2099-12-31', expired: false };
    const out = tableReporter.render(report, { color: false });
    expect(out).toMatch(/residue\.provider-ssh-key +waived +1 provider key\(s\) left in 1 authorized_keys file\(s\) \(waived until 2099-12-31: ticket OPS-1\)$/m);
    expect(out).not.toContain('/root/.ssh/authorized_keys:2');
    expect(out).toMatch(/checks: 4 pass, 1 fail \(1 waived\), 0 warn/);
  });

  it('table: an expired waiver no longer hides anything', () => {
    const report = sampleReport();
    report.hosts[1]!.checks[1]!.waiver = { reason: 'ticket OPS-1', expires: '2026-01-31', expired: true };
    const out = tableReporter.render(report, { color: false });
    expect(out).toMatch(/FAIL +1 provider key\(s\) left in 1 authorized_keys file\(s\) \(waiver expired 2026-01-31\)$/m);
    expect(out).toContain('/root/.ssh/authorized_keys:2');
  });
  it('json', () => golden('report-mixed.json', jsonReporter.render(sampleReport(), { color: false })));

  it('json validates against the published schema', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../schema/report.schema.json', import.meta.url), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(jsonReporter.render(sampleReport(), { color: false }))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('summarises hosts and checks', () => {
    expect(sampleReport().summary).toEqual({
      hosts: { total: 3, compliant: 1, violation: 1, error: 1, notScanned: 0 },
      checks: { pass: 4, fail: 1, warn: 0, error: 1, skip: 0 },
    });
  });

  it('never lets escape sequences from a finding reach the terminal', () => {
    const report = sampleReport();
    report.hosts[1]!.checks[1]!.evidence[0]!.detail = 'evil \x1b]0;owned\x07 \x1b[2J';
    report.hosts[1]!.checks[1]!.message = 'msg \x9b31m';
    const out = tableReporter.render(report, { color: false });
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});
