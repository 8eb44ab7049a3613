import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/catalogue.js';
import { COLLECTORS } from '../../../src/collect/collectors.js';

describe('COLLECTORS', () => {
  it('serve every fact a check needs, each from exactly one collector', () => {
    const needed = [...new Set(ALL_CHECKS.flatMap((c) => c.needs))].sort();
    const servedBy = needed.map((key) => [key, COLLECTORS.filter((c) => c.serves.has(key)).map((c) => c.name)] as const);
    expect(servedBy.filter(([, names]) => names.length !== 1)).toEqual([]);
  });

  it('serve no key that no check needs', () => {
    const needed = new Set(ALL_CHECKS.flatMap((c) => c.needs));
    expect(COLLECTORS.flatMap((c) => [...c.serves].filter((k) => !needed.has(k)))).toEqual([]);
  });

  it('put only the BMC collector under the run-wide BMC limit', () => {
    expect(COLLECTORS.filter((c) => c.limit === 'bmc').map((c) => c.name)).toEqual(['bmc']);
  });
});
