// A one-line progress indicator on stderr, only for a person at a terminal: cron sees nothing.
import type { HostResult } from '../model/host-result.js';
import { canRedraw } from './terminal-style.js';

/** Progress reporting for a fleet run. */
export interface Progress {
  hostDone(result: HostResult): void;
  note(message: string): void;
  finish(): void;
}

/** Redraws one status line on a TTY; on TERM=dumb only notes, as plain lines; does nothing elsewhere. */
export function progressOn(stream: NodeJS.WriteStream, total: number, enabled: boolean, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!enabled || !stream.isTTY) return { hostDone() {}, note() {}, finish() {} };
  if (!canRedraw(stream, env)) return { hostDone() {}, note: (message) => void stream.write(`${message}\n`), finish() {} };
  let done = 0;
  const counts = { compliant: 0, violation: 0, error: 0 };
  const draw = () => stream.write(`\r\x1b[K[${done}/${total}] ${counts.compliant} compliant, ${counts.violation} violation, ${counts.error} error`);
  draw();
  return {
    hostDone(result) {
      done++;
      counts[result.verdict]++;
      draw();
    },
    note(message) {
      stream.write(`\r\x1b[K${message}\n`);
      draw();
    },
    finish() {
      stream.write('\r\x1b[K');
    },
  };
}
