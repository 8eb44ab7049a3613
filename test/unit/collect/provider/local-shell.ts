// A provider system on this machine: the collecting command runs under the real /bin/sh, optionally
// under strace, so the tests see every program it starts with its argv and environment.
import { spawn } from 'node:child_process';
import type { openSsh, RemoteShell } from '../../../../src/transport/ssh/ssh-connection.js';

/** Options of the local shell: a strace log to write, and an edit of the script (a PATH for test tools). */
export interface LocalShellOptions {
  straceLog?: string;
  editScript?: (script: string) => string;
}

/** An openSsh that "connects" to this machine and counts the connections it opened. */
export function localOpenSsh(options: LocalShellOptions = {}): { open: typeof openSsh; connections: () => number } {
  let count = 0;
  const open = (async () => {
    count++;
    const shell: RemoteShell = {
      run: (command, run) =>
        new Promise((resolve) => {
          const argv = options.straceLog ? ['strace', '-f', '-v', '-qq', '-s', '65536', '-e', 'trace=execve', '-o', options.straceLog, 'sh', '-c', command] : ['sh', '-c', command];
          const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
          const out: Buffer[] = [];
          let err = '';
          const started = Date.now();
          child.stdout.on('data', (b: Buffer) => out.push(b));
          child.stderr.on('data', (b: Buffer) => (err += b.toString()));
          child.on('close', (code, signal) => resolve({ stdout: Buffer.concat(out), stderr: err, exitCode: code, signal, durationMs: Date.now() - started }));
          const stdin = typeof run.stdin === 'string' ? run.stdin : (run.stdin?.toString() ?? '');
          child.stdin.end(options.editScript ? options.editScript(stdin) : stdin);
        }),
      close: () => undefined,
    };
    return shell;
  }) as typeof openSsh;
  return { open, connections: () => count };
}
