// `--format junit`: the JUnit XML CI servers read, in the shape of InSpec's junit2 reporter: one
// <testsuite> per host, one <testcase> per check.
import type { create as createDocument } from 'xmlbuilder2';
import { lazyModule } from '../lazy-module.js';
import type { Finding } from '../model/finding.js';
import { printableLine } from '../text/sanitize.js';
import { findingState } from './finding-state.js';
import type { HostReport, Report } from './report.js';
import type { Reporter } from './reporter.js';

type XMLBuilder = ReturnType<typeof createDocument>;

// Only a run that writes JUnit loads xmlbuilder2.
const xmlbuilder2 = lazyModule<{ create: typeof createDocument }>('xmlbuilder2');

/** Host text in an attribute: one printable line (control characters gone), cut short. */
const line = (text: string, max = 500): string => printableLine(text, max);

/** The body of a failure, error or skip: the message and each piece of evidence, one printable line each. */
function body(f: Finding): string {
  return [line(f.message), ...f.evidence.map((e) => `${line(e.source, 300)}  ${line(e.detail, 500)}`)].join('\n');
}

/** The promise a check belongs to, from its id (`residue.provider-ssh-key` → `residue`). */
const promiseOf = (id: string): string => id.split('.')[0] ?? id;

function testcase(suite: XMLBuilder, f: Finding): void {
  const tc = suite.ele('testcase', { name: line(f.id, 100), classname: promiseOf(line(f.id, 100)) });
  const state = findingState(f);
  if (state === 'fail') {
    const expired = f.waiver?.expired ? ` (waiver expired ${line(f.waiver.expires, 20)})` : '';
    tc.ele('failure', { type: 'fail', message: line(f.message) + expired }).txt(body(f));
  } else if (state === 'error') {
    tc.ele('error', { type: 'error', message: line(f.message) }).txt(body(f));
  } else if (state === 'waived' && f.waiver) {
    tc.ele('skipped', { type: 'waived', message: `waived until ${line(f.waiver.expires, 20)}: ${line(f.waiver.reason)}` }).txt(body(f));
  } else if (state === 'skip') {
    tc.ele('skipped', { type: 'skip', message: line(f.message) });
  } else if (state === 'warn') {
    // JUnit has no warning: a warn passes the test case, with what to look at in its output.
    tc.ele('system-out').txt(`warn: ${body(f)}`);
  }
}

function hostSuite(root: XMLBuilder, h: HostReport, timestamp: string): void {
  const states = h.checks.map(findingState);
  const count = (...s: string[]) => String(states.filter((x) => s.includes(x)).length);
  const suite = root.ele('testsuite', {
    name: line(h.name, 100),
    hostname: line(h.name, 100),
    tests: String(h.checks.length),
    failures: count('fail'),
    errors: count('error'),
    skipped: count('skip', 'waived'),
    time: (h.durationMs / 1000).toFixed(3),
    timestamp,
  });
  const props = suite.ele('properties');
  props.ele('property', { name: 'rack', value: line(h.rack, 100) });
  props.ele('property', { name: 'verdict', value: h.verdict });
  for (const f of h.checks) testcase(suite, f);
}

/** A host the run never reached (interrupted): one errored test case, so CI does not count it as green. */
function notScannedSuite(root: XMLBuilder, h: { name: string; rack: string }, timestamp: string): void {
  const suite = root.ele('testsuite', { name: line(h.name, 100), hostname: line(h.name, 100), tests: '1', failures: '0', errors: '1', skipped: '0', time: '0.000', timestamp });
  suite.ele('properties').ele('property', { name: 'rack', value: line(h.rack, 100) });
  suite.ele('testcase', { name: 'scan', classname: 'fleetcheck' }).ele('error', { type: 'not-scanned', message: 'not scanned: the run was interrupted before this host started' });
}

/** Renders the report as JUnit XML; every attribute and text escaped by the XML library, never by hand. */
export function renderJunit(report: Report): string {
  // Seconds are enough for CI, and a timestamp without fractions is what Surefire writes.
  const timestamp = report.run.startedAt.replace(/\.\d{3}Z$/, 'Z');
  const s = report.summary.checks;
  const root = xmlbuilder2().create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: 'fleetcheck',
    tests: String(s.pass + s.fail + s.warn + s.error + s.skip + report.notScanned.length),
    failures: String(report.hosts.flatMap((h) => h.checks).filter((f) => findingState(f) === 'fail').length),
    errors: String(s.error + report.notScanned.length),
    time: (report.run.durationMs / 1000).toFixed(3),
  });
  for (const h of report.hosts) hostSuite(root, h, timestamp);
  for (const h of report.notScanned) notScannedSuite(root, h, timestamp);
  return root.end({ prettyPrint: true }) + '\n';
}

/** CI servers (Jenkins, GitLab, GitHub Actions reporters) read JUnit. */
export const junitReporter: Reporter = { name: 'junit', render: (report) => renderJunit(report) };
