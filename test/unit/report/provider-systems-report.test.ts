// The report's provider systems: what was read on each, in the JSON (schema-valid) and the table.
import { describe, expect, it } from 'vitest';
import { providerSystemsReport } from '../../../src/report/provider-systems-report.js';
import { tableReporter } from '../../../src/report/table-reporter.js';
import type { ProviderSystem } from '../../../src/inventory/types.js';
import type { ProviderSystemsFact } from '../../../src/facts/provider-systems.js';
import { reportSchemaErrors } from '../../integration/support/report-schema.js';
import { sampleReport } from './sample-report.js';

const system = (name: string, role: string): ProviderSystem => ({
  name, role, ssh: { address: `192.0.2.${name.length}`, port: 22, user: 'root', agent: true, knownHosts: '/k', connectTimeoutMs: 1, commandTimeoutMs: 1, access: 'login', probeAccounts: [] },
  hostTimeoutMs: 1, restic: [], borg: [], trees: [], snapshotRoots: [], files: [],
});
const systems = [system('backup01', 'backup'), system('backup9', 'backup'), system('staff01', 'staff')];
const read: ProviderSystemsFact = {
  systems: [
    {
      system: 'backup01', role: 'backup', searched: { copies: true, secrets: false }, reached: true,
      sources: [{ source: 'restic /srv/restic/main', state: 'failed', message: 'repository password backup01/restic-main is not in the secret store' }, { source: 'zfs datasets and snapshots', state: 'absent', message: 'zfs is not installed' }, { source: 'bacula catalog /var/lib/bacula/bacula.db', state: 'read' }],
      holdings: [{ kind: 'bacula-job', copy: true, place: 'catalog x JobId 1 (a)', names: ['a'] }], files: [],
    },
    { system: 'backup9', role: 'backup', searched: { copies: true, secrets: false }, reached: false, message: 'SSH: connect ECONNREFUSED 192.0.2.7:22', sources: [], holdings: [], files: [] },
    { system: 'staff01', role: 'staff', searched: { copies: false, secrets: true }, reached: true, sources: [{ source: 'histories, home directories and configuration', state: 'read' }], holdings: [], files: [] },
  ],
};

describe('provider systems in the report', () => {
  it('lists every system with what could and could not be read, schema-valid', () => {
    const listed = providerSystemsReport(systems, read);
    expect(listed.map((s) => [s.name, s.examined, s.reached, s.holdings])).toEqual([['backup01', true, true, 1], ['backup9', true, false, 0], ['staff01', true, true, 0]]);
    const report = { ...sampleReport(), providerSystems: listed };
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(reportSchemaErrors({ ...report, providerSystems: [{ ...listed[0]!, sources: [{ source: 'x', state: 'maybe' }] }] } as never)).not.toEqual([]);
  });

  it('says a system was not examined when no selected check needed it', () => {
    expect(providerSystemsReport(systems, undefined).every((s) => !s.examined && s.sources.length === 0)).toBe(true);
  });

  it('the table prints one line per system and each source not read', () => {
    const text = tableReporter.render({ ...sampleReport(), providerSystems: providerSystemsReport(systems, read) }, { color: false, verbose: false });
    expect(text).toContain(
      [
        'PROVIDER SYSTEM  ROLE  READ',
        'backup01  backup  1 of 3 source(s) read, 1 place(s) found',
        '    restic /srv/restic/main: could not read (repository password backup01/restic-main is not in the secret store)',
        '    zfs datasets and snapshots: not on the system (zfs is not installed)',
        'backup9  backup  NOT READ: SSH: connect ECONNREFUSED 192.0.2.7:22',
        'staff01  staff  1 of 1 source(s) read, 0 place(s) found',
      ].join('\n'),
    );
    // A report without provider systems prints as before (the golden files hold it).
    expect(tableReporter.render(sampleReport(), { color: false, verbose: false })).not.toContain('PROVIDER SYSTEM');
  });
});

describe('provider systems in the Prometheus textfile', () => {
  it('one read gauge per examined system and its sources by state; promtool accepts it', async () => {
    const { renderPrometheus } = await import('../../../src/report/prometheus-reporter.js');
    const { spawnSync } = await import('node:child_process');
    const text = renderPrometheus({ ...sampleReport(), providerSystems: providerSystemsReport(systems, read) });
    expect(text).toContain('fleetcheck_provider_system_read{system="backup01",role="backup"} 0\nfleetcheck_provider_system_read{system="backup9",role="backup"} 0\nfleetcheck_provider_system_read{system="staff01",role="staff"} 1');
    expect(text).toContain('fleetcheck_provider_system_sources{system="backup01",role="backup",state="failed"} 1');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(renderPrometheus(sampleReport())).not.toContain('provider_system');
  });
});

describe('provider systems in the HTML rack view', () => {
  it('lists each system and the sources that could not be read, escaped', async () => {
    const { renderHtml } = await import('../../../src/report/html-reporter.js');
    const html = renderHtml({ ...sampleReport(), providerSystems: providerSystemsReport(systems, read) });
    expect(html).toContain('<section class="provider-systems"><h2>Provider systems</h2>');
    expect(html).toContain('<li class="v-error"><strong>backup9</strong> (backup): not read: SSH: connect ECONNREFUSED 192.0.2.7:22</li>');
    expect(html).toContain('<li>restic /srv/restic/main: could not read (repository password backup01/restic-main is not in the secret store)</li>');
    expect(renderHtml(sampleReport())).not.toContain('provider-systems');
  });
});
