// One fixed report used by the reporter golden tests.
import { buildReport, type Report } from '../../../src/report/report.js';

/** A run over three hosts: compliant, violation (with evidence, scanned as another user through sudo), and error (outside only). */
export function sampleReport(): Report {
  return buildReport({
    version: '0.1.0',
    startedAt: new Date('2026-11-23T01:00:00Z'),
    finishedAt: new Date('2026-11-23T01:00:04.250Z'),
    inventory: 'inventory/lab.yaml',
    interrupted: false,
    selection: { racks: ['A3'], hosts: [], checks: ['bmc.initial-credentials', 'residue.provider-ssh-key'], hostCount: 3 },
    results: [
      {
        host: 'a3-01', rack: 'A3', verdict: 'compliant', durationMs: 310,
        access: { mode: 'login', user: 'root', sudo: false, keyFingerprint: 'SHA256:1cQhHK0Hs0hdwxhyjspJV/r7NkhHLectg7GuE2HMkts' },
        findings: [
          { id: 'bmc.initial-credentials', status: 'pass', message: '1 initial BMC account(s) open a session with the stored password', evidence: [] },
          { id: 'residue.provider-ssh-key', status: 'pass', message: 'no provider key among 2 key(s) in 1 authorized_keys file(s)', evidence: [] },
        ],
      },
      {
        host: 'a3-02', rack: 'A3', verdict: 'violation', durationMs: 295,
        access: { mode: 'login', user: 'audit', sudo: true, keyFingerprint: 'SHA256:1cQhHK0Hs0hdwxhyjspJV/r7NkhHLectg7GuE2HMkts' },
        findings: [
          { id: 'bmc.initial-credentials', status: 'pass', message: '1 initial BMC account(s) open a session with the stored password', evidence: [] },
          {
            id: 'residue.provider-ssh-key', status: 'fail', message: '1 provider key(s) left in 1 authorized_keys file(s)',
            evidence: [{ source: '/root/.ssh/authorized_keys:2', detail: 'provider key ops@provider (SHA256:abc) grants access as root' }],
          },
        ],
      },
      {
        host: 'a3-05', rack: 'A3', verdict: 'error', durationMs: 2100,
        access: { mode: 'outside-only' },
        findings: [
          { id: 'bmc.initial-credentials', status: 'error', message: 'could not complete a BMC session: no answer from the BMC', evidence: [{ source: 'ipmitool lanplus -C 3 session as ADMIN (administrator)', detail: 'no answer from the BMC' }] },
          { id: 'residue.provider-ssh-key', status: 'pass', message: 'no provider key among 1 key(s) in 1 authorized_keys file(s)', evidence: [] },
        ],
      },
    ],
    defaultAccess: { mode: 'login', user: 'root', sudo: false },
    notScanned: [],
  });
}
