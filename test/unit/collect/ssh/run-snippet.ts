// Runs collecting snippets with the real /bin/sh (dash on Debian), as a host runs them, against planted files.
import { spawnSync } from 'node:child_process';
import { SNIPPET_PRELUDE } from '../../../../src/collect/ssh/snippet-prelude.js';

/** What one run printed, and how it ended. */
export interface SnippetRun {
  text: string;
  /** The snippet's own exit status; NaN when it did not get to report one. */
  status: number;
  /** True when the run was still going at the test's own limit and was killed. */
  timedOut: boolean;
}

/**
 * `script` with every absolute path that starts with one of `tops` (`etc`, `var`, …) moved below
 * `root`. Only a path that starts a word is moved, so `/usr/lib/…` is not moved twice by `lib`.
 */
export function rooted(script: string, root: string, tops: readonly string[] = ['etc']): string {
  const re = new RegExp(`(^|[\\s"'=(|:])/(${tops.join('|')})(?=/|[\\s"';)*]|$)`, 'gm');
  return script.replace(re, (_, before: string, top: string) => `${before}${root}/${top}`);
}

/**
 * Runs the prelude and `script` under `sh` with `$M` set, the way the collecting command frames a
 * section. `limitMs` is the test's own guard: a snippet that would hang is killed there and says so.
 */
export function runSnippet(script: string, marker: string, options: { cwd?: string; limitMs?: number } = {}): SnippetRun {
  const full = `export LC_ALL=C\nM='${marker}'\n${SNIPPET_PRELUDE}\n{\n${script}\n}\nprintf '\\n@@status %s\\n' "$?"\n`;
  const r = spawnSync('sh', ['-c', full], { cwd: options.cwd, encoding: 'utf8', maxBuffer: 64 << 20, timeout: options.limitMs ?? 10_000, killSignal: 'SIGKILL' });
  const out = r.stdout ?? '';
  const m = /\n@@status (\d+)\n$/.exec(out);
  return { text: m ? out.slice(0, m.index) : out, status: m ? Number(m[1]) : Number.NaN, timedOut: r.error !== undefined || r.signal !== null };
}
