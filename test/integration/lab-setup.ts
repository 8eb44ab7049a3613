// Global setup of the integration project: the lab must be up (booting it is idempotent).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '-s', 'lab:up'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
}
