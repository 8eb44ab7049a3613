// Runs one command and measures what it cost the client: wall time, CPU of the whole process tree
// (user + sys of every waited-for descendant, from GNU time), the largest single process's peak RSS
// (GNU time's %M) and the peak RSS of the whole tree at once (sampled from /proc).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one run cost. */
export interface Measurement {
  wallMs: number;
  cpuMs: number;
  /** Largest single process (the tool itself for one-process tools). */
  maxProcessRssBytes: number;
  /** Sum over the process tree, sampled every SAMPLE_MS; what the machine had to hold. */
  peakTreeRssBytes: number;
  exitCode: number;
}

const SAMPLE_MS = 100;
const PAGE = 4096;

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  return map;
}

function treeRss(root: number): number {
  const kids = children();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
    } catch {
      // gone meanwhile
    }
    stack.push(...(kids.get(pid) ?? []));
  }
  return total;
}

/** Runs `argv` under /usr/bin/time; stdin from `stdinFile` (or nothing), output discarded. */
export async function measure(argv: string[], options: { env?: NodeJS.ProcessEnv; stdinFile?: string; cwd?: string } = {}): Promise<Measurement> {
  const timeFile = join(tmpdir(), `fc-bench-time-${process.pid}-${Date.now()}`);
  const stdin = options.stdinFile ? openSync(options.stdinFile, 'r') : 'ignore';
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, ...argv], {
    stdio: [stdin, 'ignore', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 4000) stderr += d.toString();
  });
  let peakTree = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peakTree = Math.max(peakTree, treeRss(child.pid));
  }, SAMPLE_MS);
  const exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  if (typeof stdin === 'number') closeSync(stdin);
  const [user, sys, maxKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  rmSync(timeFile, { force: true });
  if (exitCode !== 0 && process.env['BENCH_VERBOSE']) process.stderr.write(`${argv[0]} exited ${exitCode}: ${stderr}\n`);
  return { wallMs, cpuMs: (user + sys) * 1000, maxProcessRssBytes: maxKb * 1024, peakTreeRssBytes: peakTree, exitCode };
}
