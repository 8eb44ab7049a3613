// A complete CheckContext for check tests: contract rules unless a test says otherwise.
import type { CheckContext } from '../../../src/checks/check.js';
import { testHost, testProvider } from '../support/hosts.js';

/** Every field a check may read, filled; overridable per test. */
export function checkContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return { host: testHost(), provider: testProvider(), now: new Date('2026-11-23T10:00:00Z'), mode: 'contract', modeReason: 'no contract end date is known', ...overrides };
}
