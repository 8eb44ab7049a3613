// Golden-file comparison shared by the reporter tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Compares with fixtures/golden/<name>; FLEETCHECK_UPDATE_GOLDEN=1 rewrites it (then review the diff). */
export function golden(name: string, actual: string): void {
  const path = new URL(`../../../fixtures/golden/${name}`, import.meta.url);
  if (process.env.FLEETCHECK_UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
