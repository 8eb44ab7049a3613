// Ends the gpg-agent a test's own GNUPGHOME started, and only that one.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Asks gpgconf first; then ends any process still naming this exact home directory on its command
 * line (gpgconf can return before the agent is gone, and a test must leave nothing running).
 */
export function endGpgAgent(gnupgHome: string, env: NodeJS.ProcessEnv): void {
  try {
    execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env, stdio: 'ignore' });
  } catch {
    // No agent was started.
  }
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.some((a) => a === gnupgHome)) process.kill(Number(pid), 'SIGTERM');
    } catch {
      // Gone while we looked.
    }
  }
}
