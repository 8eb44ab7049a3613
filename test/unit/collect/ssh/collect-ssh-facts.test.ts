import { describe, expect, it } from 'vitest';
import { collectSshFacts, type SshCollectorOptions } from '../../../../src/collect/ssh/collect-ssh-facts.js';
import type { CommandResult, RemoteShell } from '../../../../src/transport/ssh/remote-shell.js';
import { testHost } from '../../support/hosts.js';

/** A transport whose host printed `output(marker)` and ended as `end` says; the marker is read from the script sent. */
function shellThat(output: (marker: string) => string, end: Partial<CommandResult>): SshCollectorOptions {
  const shell: RemoteShell = {
    async run(_command, options) {
      const marker = /^M='([^']+)'$/m.exec(String(options.stdin))![1]!;
      return { stdout: Buffer.from(output(marker)), stderr: '', exitCode: null, signal: null, durationMs: 1, ...end };
    },
    close() {},
  };
  return { openSsh: async () => shell, acceptNewHostKeys: false, maxOutputBytes: 1 << 20 } as unknown as SshCollectorOptions;
}

describe('collectSshFacts on a run cut off on the host', () => {
  const cutOff = (m: string) => [`${m} begin backup-schedules`, `${m} > file /etc/cron.d/job-1`, `${m} F /etc/cron.d/job-1`, '# a job', `${m} E`, `${m} > file /etc/cron.d/job\\0402`, ''].join('\n');

  it('names the deadline on the host and the file it was reading, and fails the sections after it', async () => {
    const facts = await collectSshFacts(testHost(), ['ssh.backup-schedules', 'ssh.backup-targets'], shellThat(cutOff, { exitCode: 137 }));
    expect(facts['ssh.backup-schedules']).toEqual({
      ok: false,
      reason: 'timeout',
      message: "SSH: the collecting command was stopped by its 1 s deadline on the host in its 'backup-schedules' section while reading /etc/cron.d/job 2",
    });
    expect(facts['ssh.backup-targets']).toMatchObject({ ok: false, reason: 'timeout', message: expect.stringContaining("before its 'backup-targets' section") });
  });

  it('says how a run stopped that did not meet its deadline, still naming what it was doing', async () => {
    const facts = await collectSshFacts(testHost(), ['ssh.backup-schedules'], shellThat(cutOff, { exitCode: 2 }));
    expect(facts['ssh.backup-schedules']).toEqual({
      ok: false,
      reason: 'protocol',
      message: "SSH: the collecting command stopped (exit 2) in its 'backup-schedules' section while reading /etc/cron.d/job 2",
    });
  });
});
