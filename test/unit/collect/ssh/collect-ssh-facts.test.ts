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

describe('collectSshFacts with a follow-up (name resolution)', () => {
  it('runs the targets in the first command, then asks the host to resolve the names they hold, over the same login', async () => {
    const scripts: string[] = [];
    const shell: RemoteShell = {
      async run(_command, options) {
        const script = String(options.stdin);
        scripts.push(script);
        const m = /^M='([^']+)'$/m.exec(script)![1]!;
        const out =
          scripts.length === 1
            ? [`${m} begin backup-targets`, `${m} F /etc/fstab`, 'vault.example.net:/export /mnt/v nfs rw 0 0', `${m} E`, `${m} end backup-targets 0`, `${m} done`, ''].join('\n')
            : [`${m} begin name-resolution`, `${m} C getent vault.example.net`, '10.250.7.7      STREAM vault.example.net', `${m} X getent 0`, `${m} end name-resolution 0`, `${m} done`, ''].join('\n');
        return { stdout: Buffer.from(out), stderr: '', exitCode: 0, signal: null, durationMs: 1 };
      },
      close() {},
    };
    const options = { openSsh: async () => shell, acceptNewHostKeys: false, maxOutputBytes: 1 << 20 } as unknown as SshCollectorOptions;
    const facts = await collectSshFacts(testHost(), ['ssh.name-resolution'], options);
    expect(scripts).toHaveLength(2);
    expect(scripts[1]).toContain("<<'fc_NAMES'\nvault.example.net\nfc_NAMES");
    expect(scripts[0]).not.toMatch(/^M='(.+)'$/m.exec(scripts[1]!)![1]!);
    expect(facts['ssh.name-resolution']).toEqual({ ok: true, value: { names: [{ name: 'vault.example.net', outcome: 'resolved', addresses: ['10.250.7.7'] }], notAsked: [] } });
    expect(facts['ssh.backup-targets']).toMatchObject({ ok: true });
  });

  it('runs no second command when the targets name no host', async () => {
    const scripts: string[] = [];
    const shell: RemoteShell = {
      async run(_command, options) {
        const script = String(options.stdin);
        scripts.push(script);
        const m = /^M='([^']+)'$/m.exec(script)![1]!;
        const out = [`${m} begin backup-targets`, `${m} F /etc/fstab`, 'proc /proc proc defaults 0 0', `${m} E`, `${m} end backup-targets 0`, `${m} done`, ''].join('\n');
        return { stdout: Buffer.from(out), stderr: '', exitCode: 0, signal: null, durationMs: 1 };
      },
      close() {},
    };
    const options = { openSsh: async () => shell, acceptNewHostKeys: false, maxOutputBytes: 1 << 20 } as unknown as SshCollectorOptions;
    const facts = await collectSshFacts(testHost(), ['ssh.backup-targets', 'ssh.name-resolution'], options);
    expect(scripts).toHaveLength(1);
    expect(facts['ssh.name-resolution']).toEqual({ ok: true, value: { names: [], notAsked: [] } });
  });
});
