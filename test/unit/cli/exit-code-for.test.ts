// The exit code of a finished run, as the README's table states it: interrupted (130) before a
// violation (1), a violation before an unproven host (2), and 0 only when every host is compliant.
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../src/cli/exit-code-for.js';
import { ExitCode } from '../../../src/cli/exit-codes.js';
import type { Report } from '../../../src/report/report.js';

/** The two parts of a report the exit code reads. */
function run(hosts: { compliant?: number; violation?: number; error?: number }, interrupted = false): Pick<Report, 'run' | 'summary'> {
  const counts = { compliant: hosts.compliant ?? 0, violation: hosts.violation ?? 0, error: hosts.error ?? 0 };
  return {
    run: { version: '0', startedAt: '', finishedAt: '', durationMs: 0, inventory: 'fleet.yaml', interrupted },
    summary: {
      hosts: { ...counts, total: counts.compliant + counts.violation + counts.error, notScanned: 0 },
      checks: { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 },
    },
  };
}

describe('exitCodeFor', () => {
  it.each([
    ['every host compliant', run({ compliant: 3 }), 0],
    ['no host at all', run({}), 0],
    ['one violation among compliant hosts', run({ compliant: 2, violation: 1 }), 1],
    ['one unproven host among compliant hosts', run({ compliant: 2, error: 1 }), 2],
    ['a violation and an unproven host: the violation wins', run({ violation: 1, error: 5 }), 1],
    ['interrupted with nothing wrong', run({ compliant: 1 }, true), 130],
    ['interrupted after a violation: the interruption wins', run({ violation: 2, error: 1 }, true), 130],
    ['interrupted after an unproven host', run({ error: 1 }, true), 130],
  ])('%s exits %i', (_name, report, code) => {
    expect(exitCodeFor(report)).toBe(code);
  });
});

describe('ExitCode', () => {
  it('keeps the documented numbers scripts rely on', () => {
    expect(ExitCode).toEqual({ Compliant: 0, Violation: 1, Incomplete: 2, Usage: 64, Config: 78, Internal: 70, Interrupted: 130, BrokenPipe: 141 });
  });
});
